import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endSession, openSession } from "../auth/sessions";
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

/** A session cookie as Auth.js issues it at sign-in: the user and their server-side session. */
async function sessionCookie(userId: string, sessionId: string): Promise<string> {
  const name = "authjs.session-token";
  const token = await encode({ token: { sub: userId, sid: sessionId, name: "x", email: "x@test.learnloop" }, secret: process.env.AUTH_SECRET!, salt: name });
  return `${name}=${token}`;
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(value)));

describe("the direct tRPC endpoint", () => {
  it("knows the signed-in learner from the Auth.js session cookie and refuses anyone else", async () => {
    const learner = await createTestUser({ name: "Direct Learner" });
    const sessionId = await openSession(learner.id);
    const cookie = await sessionCookie(learner.id, sessionId);
    const signedIn = await fetch(`${baseURL}/api/trpc/user.me`, { headers: { cookie } });
    expect(signedIn.status).toBe(200);
    const body = superjson.deserialize<{ id: string; name: string }>(((await signedIn.json()) as { result: { data: never } }).result.data);
    expect(body).toMatchObject({ id: learner.id, name: "Direct Learner" });
    expect(signedIn.headers.get("x-frame-options")).toBe("DENY");

    // Signing out ends the session on the server: the same cookie replayed is refused here too.
    await endSession(sessionId);
    expect((await fetch(`${baseURL}/api/trpc/user.me`, { headers: { cookie } })).status).toBe(401);

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

describe("the direct tRPC endpoint's responses", () => {
  const batchInput = encodeURIComponent(JSON.stringify({ 0: superjson.serialize(undefined), 1: superjson.serialize(undefined) }));

  it("writes a JSON document whole, with its length, batched or not, as tRPC's own adapter would frame it", async () => {
    const single = await fetch(`${baseURL}/api/trpc/system.stats`);
    const text = await single.text();
    expect(single.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(superjson.deserialize(((JSON.parse(text) as { result: { data: never } }).result.data))).toEqual({ learners: expect.any(Number) });
    const batch = await fetch(`${baseURL}/api/trpc/system.stats,user.me?batch=1&input=${batchInput}`);
    expect(batch.status).toBe(207);
    const [stats, me] = (await batch.json()) as [{ result?: unknown }, { error?: { json: { data: { code: string } } } }];
    expect(stats.result).toBeDefined();
    expect(me.error?.json.data.code).toBe("UNAUTHORIZED");
  });

  it("streams JSON lines and subscriptions as they come, without a length", async () => {
    const lines = await fetch(`${baseURL}/api/trpc/system.stats,system.stats?batch=1&input=${batchInput}`, { headers: { "trpc-accept": "application/jsonl" } });
    expect(lines.headers.get("content-length")).toBeNull();
    expect(lines.headers.get("transfer-encoding")).toBe("chunked");
    expect((await lines.text()).split("\n").filter(Boolean).length).toBeGreaterThanOrEqual(2);
    // A subscription asked for without an Accept header is an event stream all the same.
    const events = await fetch(`${baseURL}/api/trpc/system.clock?input=${input({ intervalMs: 100, count: 2 })}`);
    expect(events.headers.get("content-type")).toContain("text/event-stream");
    expect(events.headers.get("content-length")).toBeNull();
    expect((await events.text()).match(/"tick":\d/g)).toEqual(['"tick":0', '"tick":1']);
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
