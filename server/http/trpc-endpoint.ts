import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
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

function toHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

/**
 * The tRPC endpoint served straight from node:http through tRPC's Node adapter, before the request
 * reaches Next's router: same router, same context (session cookie verified by Auth.js, the user
 * re-read from the database), same responses, including SSE subscriptions. `extraHeaders` are the
 * headers next.config.js gives every response, so the two paths answer with the same headers.
 */
export function createTrpcEndpoint(options: { hostname: string; port: number; extraHeaders: [string, string][] }) {
  const handle = createHTTPHandler({
    router: appRouter,
    basePath: `${TRPC_ENDPOINT}/`,
    createContext: ({ req }) => createContext({ headers: toHeaders(req), outsideNext: true }),
  });
  return (request: IncomingMessage, response: ServerResponse): void => {
    addForwardedHeaders(request, options);
    for (const [name, value] of options.extraHeaders) response.setHeader(name, value);
    handle(request, response);
  };
}
