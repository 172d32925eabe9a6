import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { resolveResponse } from "@trpc/server/http";
import { appRouter } from "../router";
import { createContext } from "../trpc";

export const TRPC_ENDPOINT = "/api/trpc";

/** Whether a request URL is for the tRPC endpoint (`/api/trpc/<path>`, any query). */
export function isTrpcRequest(url: string | undefined): boolean {
  if (!url?.startsWith(TRPC_ENDPOINT)) return false;
  const next = url.charAt(TRPC_ENDPOINT.length);
  return next === "/" || next === "?" || next === "";
}

/**
 * The `x-forwarded-*` headers exactly as Next's server sets them before a route handler runs
 * (next/dist/server/base-server.js, `handleRequestImpl`): each only when the client did not send
 * it, from the Host header and the socket. Code reading the client's address or the site's origin
 * from the headers then sees the same values on this endpoint as on Next's routes.
 */
export function addForwardedHeaders(request: IncomingMessage, options: { hostname: string; port: number }): void {
  const headers = request.headers;
  const forwardedProto = headers["x-forwarded-proto"];
  const isHttps = forwardedProto ? forwardedProto === "https" : Boolean((request.socket as TLSSocket).encrypted);
  headers["x-forwarded-host"] ??= headers.host ?? options.hostname;
  headers["x-forwarded-port"] ??= options.port ? String(options.port) : isHttps ? "443" : "80";
  headers["x-forwarded-proto"] ??= isHttps ? "https" : "http";
  headers["x-forwarded-for"] ??= request.socket.remoteAddress;
}

/**
 * The tRPC endpoint served straight from node:http through tRPC's Node adapter, before the request
 * reaches Next's router: same router, same context (session cookie verified by Auth.js, the user
 * re-read from the database), same responses, including SSE subscriptions. `extraHeaders` are the
 * headers next.config.js gives every response, so the two paths answer with the same headers.
 */
export function createTrpcEndpoint(options: { hostname: string; port: number; extraHeaders: [string, string][] }) {
  const basePath = `${TRPC_ENDPOINT}/`;
  return (request: IncomingMessage, response: ServerResponse): void => {
    addForwardedHeaders(request, options);
    for (const [name, value] of options.extraHeaders) response.setHeader(name, value);
    serve(request, response, basePath).catch((error: unknown) => {
      console.error("[trpc] the endpoint failed:", error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  };
}

/**
 * What tRPC's Node adapter does (nodeHTTPRequestHandler), but a response that is one JSON
 * document is written at once, with its length, instead of through a WritableStream into a chunked
 * body; a stream (SSE subscriptions, JSON lines) is still written as it comes. The request, the
 * router call and the response itself are tRPC's own (resolveResponse), so the wire is unchanged.
 */
async function serve(incoming: IncomingMessage, outgoing: ServerResponse, basePath: string): Promise<void> {
  const request = incomingMessageToRequest(incoming, outgoing, { maxBodySize: null });
  const pathname = new URL(request.url).pathname;
  const response = await resolveResponse({
    router: appRouter,
    req: request,
    path: pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname.slice(1),
    error: null,
    // The headers of the Request tRPC built from this message: the context reads the cookie there.
    createContext: () => createContext({ headers: request.headers, outsideNext: true }),
  });
  if (outgoing.statusCode === 200) outgoing.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") outgoing.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) outgoing.setHeader("set-cookie", cookies);
  const type = response.headers.get("content-type") ?? "";
  const whole = type.startsWith("application/json") && !response.headers.has("transfer-encoding") && acceptsWhole(incoming);
  if (!response.body) {
    outgoing.end();
  } else if (whole) {
    const body = Buffer.from(await response.arrayBuffer());
    outgoing.setHeader("content-length", body.byteLength);
    outgoing.end(body);
  } else {
    await stream(response.body, outgoing, request.signal);
  }
}

/** Whether the client asked for a single document, not JSON lines (tRPC's getAcceptHeader). */
function acceptsWhole(request: IncomingMessage): boolean {
  const accept = request.headers["trpc-accept"] ?? request.headers.accept;
  return !(typeof accept === "string" && accept.split(",").some((type) => type.trim() === "application/jsonl"));
}

/** A streamed body, chunk by chunk, each flushed at once; it stops when the client goes away. */
async function stream(body: ReadableStream<Uint8Array>, outgoing: ServerResponse, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  signal.addEventListener("abort", cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) break;
      if (!outgoing.write(value)) await new Promise((resolve) => (outgoing.once("drain", resolve), outgoing.once("close", resolve)));
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    signal.removeEventListener("abort", cancel);
    outgoing.end();
  }
}
