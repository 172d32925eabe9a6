// The CPU cost of proxy.ts's own work per page request (a nonce, the policy, NextResponse.next),
// in-process, over building the NextRequest it is handed: `node --import tsx bench/_proxy-cost.ts`.
import { NextRequest } from "next/server";
import { proxy } from "../proxy";
const headers = { cookie: "authjs.session-token=" + "x".repeat(600), accept: "text/html", "user-agent": "Mozilla/5.0" };
const make = () => new NextRequest("http://localhost:3000/courses/transfer-learning/lessons/what-is-transfer-learning", { headers });
for (let i = 0; i < 2000; i++) proxy(make());
const N = 20000;
let c0 = process.cpuUsage(); for (let i = 0; i < N; i++) make(); const base = process.cpuUsage(c0);
c0 = process.cpuUsage(); for (let i = 0; i < N; i++) proxy(make()); const withProxy = process.cpuUsage(c0);
console.log(`NextRequest alone ${((base.user + base.system) / N).toFixed(1)} µs; + proxy() ${((withProxy.user + withProxy.system) / N).toFixed(1)} µs; proxy() itself ≈ ${((withProxy.user + withProxy.system - base.user - base.system) / N).toFixed(1)} µs CPU`);
