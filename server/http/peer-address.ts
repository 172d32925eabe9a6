import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";

// No "server-only" here: instrumentation.ts imports this module outside the React server graph.

/**
 * The request header that carries the TCP peer of the connection (`socket.remoteAddress`). Only
 * our own server process writes it, on every request, overwriting whatever the client sent; the
 * per-address limits (server/http/client-address.ts) read it.
 */
export const PEER_ADDRESS_HEADER = "x-learnloop-peer-address";

/** Writes the connection's peer address into the request's headers, replacing any sent value. */
export function stampPeerAddress(request: IncomingMessage): void {
  request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
}

let stamping = false;

/**
 * Stamps every request of every `node:http` server in this process, before any handler sees it:
 * Node publishes `http.server.request.start` just before it emits `request`. Call once at startup
 * (instrumentation.ts does, for Next's server; a server of our own in the same process is covered
 * by the same subscription).
 */
export function stampEveryRequest(): void {
  if (stamping) return;
  stamping = true;
  diagnostics.subscribe("http.server.request.start", (message) =>
    stampPeerAddress((message as { request: IncomingMessage }).request),
  );
}
