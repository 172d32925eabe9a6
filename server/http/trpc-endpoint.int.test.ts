import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../test/factories";
import { addForwardedHeaders, createTrpcEndpoint, isTrpcRequest } from "./trpc-endpoint";

// The web server's own tRPC endpoint over a real socket: the same router, context and session
// cookie as Next's route handler, without Next.
let server: http.Server;
let baseURL: string;
const seen: IncomingMessage["headers"][] = [];

beforeAll(async () => {
  const trpc = createTrpcEndpoint({ hostname: "localhost", port: 0, extraHeaders: [["X-Frame-Options", "DENY"]] });
  server = http.createServer((request, response) => {
    trpc(request, response);
    seen.push({ ...request.headers });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function sessionCookie(userId: string): Promise<string> {
  const name = "authjs.session-token";
  const token = await encode({ token: { sub: userId, name: "x", email: "x@test.learnloop" }, secret: process.env.AUTH_SECRET!, salt: name });
  return `${name}=${token}`;
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(value)));

describe("the direct tRPC endpoint", () => {
  it("knows the signed-in learner from the Auth.js session cookie and refuses anyone else", async () => {
    const learner = await createTestUser({ name: "Direct Learner" });
    const signedIn = await fetch(`${baseURL}/api/trpc/user.me`, { headers: { cookie: await sessionCookie(learner.id) } });
    expect(signedIn.status).toBe(200);
    const body = superjson.deserialize<{ id: string; name: string }>(((await signedIn.json()) as { result: { data: never } }).result.data);
    expect(body).toMatchObject({ id: learner.id, name: "Direct Learner" });
    expect(signedIn.headers.get("x-frame-options")).toBe("DENY");

    const anonymous = await fetch(`${baseURL}/api/trpc/user.me`);
    expect(anonymous.status).toBe(401);
    const forged = await fetch(`${baseURL}/api/trpc/user.me`, { headers: { cookie: `authjs.session-token=${"x".repeat(200)}` } });
    expect(forged.status).toBe(401);
  });

  it("validates input and streams subscriptions over SSE", async () => {
    const bad = await fetch(`${baseURL}/api/trpc/catalog.lesson?input=${input({ courseSlug: "", lessonSlug: 3 })}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Some fields need attention.");
    const stream = await fetch(`${baseURL}/api/trpc/system.clock?input=${input({ intervalMs: 100, count: 2 })}`, { headers: { accept: "text/event-stream" } });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const text = await stream.text();
    expect(text.match(/"tick":\d/g)).toEqual(['"tick":0', '"tick":1']);
  });

  it("adds the x-forwarded-* headers from the socket as Next does, keeping those the client sent", async () => {
    seen.length = 0;
    await fetch(`${baseURL}/api/trpc/system.stats`);
    await fetch(`${baseURL}/api/trpc/system.stats`, { headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" } });
    expect(seen[0]).toMatchObject({ "x-forwarded-for": "127.0.0.1", "x-forwarded-proto": "http", "x-forwarded-host": new URL(baseURL).host });
    expect(seen[1]).toMatchObject({ "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-port": "443" });
  });
});

describe("isTrpcRequest", () => {
  it("takes /api/trpc and its paths, nothing that merely starts alike", () => {
    expect(["/api/trpc/user.me", "/api/trpc/a,b?batch=1", "/api/trpc", "/api/trpc?x"].map(isTrpcRequest)).toEqual([true, true, true, true]);
    expect(["/api/trpcx", "/api/auth/session", "/", undefined].map(isTrpcRequest)).toEqual([false, false, false, false]);
  });

  it("a request with no Host header gets the server's hostname", () => {
    const request = { headers: {}, socket: { remoteAddress: "10.0.0.5" } } as unknown as IncomingMessage;
    addForwardedHeaders(request, { hostname: "localhost", port: 3000 });
    expect(request.headers).toEqual({ "x-forwarded-host": "localhost", "x-forwarded-port": "3000", "x-forwarded-proto": "http", "x-forwarded-for": "10.0.0.5" });
  });
});
