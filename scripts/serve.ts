// The web server `npm start` runs: one node:http server that answers the tRPC endpoint itself,
// through tRPC's Node adapter, and hands every other request to Next's request handler. A tRPC
// call then costs what the router, Auth.js and the database cost, not Next's route machinery too.
// `node --import tsx scripts/serve.ts [-p PORT]`; WEB_CONCURRENCY > 1 runs that many processes on
// the one port (node:cluster), for machines with more cores.
import "../server/server-only-hook";
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import next from "next";
import { DATA_POLICY } from "../lib/security/content-security-policy";
import { parseServeEnv } from "../server/http/env";
import { stampEveryRequest } from "../server/http/peer-address";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const portFlag = process.argv.indexOf("-p");
const port = Number(portFlag > 0 ? process.argv[portFlag + 1] : (process.env.PORT ?? 3000));
const { WEB_CONCURRENCY, TRPC_DIRECT } = parseServeEnv(process.env);
const log = (message: string) => console.log(`[learnloop] ${message}`);

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

/**
 * The headers next.config.js sets on every path, for the responses Next does not write itself,
 * and the Content Security Policy of a response that is data (proxy.ts gives Next's its own).
 */
async function everyPathHeaders(): Promise<[string, string][]> {
  const config = (await import(pathToFileURL(path.join(root, "next.config.js")).href)) as { default: { headers?: () => Promise<HeaderRule[]> } };
  const rules = (await config.default.headers?.()) ?? [];
  const headers = rules.filter((rule) => rule.source === "/:path*").flatMap((rule) => rule.headers.map(({ key, value }) => [key, value] as [string, string]));
  return [...headers, ["Content-Security-Policy", DATA_POLICY]];
}

/**
 * Listens on `port`; while another program holds it, waits and tries again for up to 30 s. After a
 * kill -9 of `npm start`, the old web server takes a few seconds to notice and close: a restart
 * at once (an admin, systemd) waits for it instead of failing with EADDRINUSE.
 */
async function listenWhenFree(server: http.Server): Promise<void> {
  const deadline = Date.now() + 30_000;
  let said = false;
  for (;;) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, () => {
          server.off("error", reject);
          resolve();
        });
      });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || Date.now() > deadline) throw error;
      if (!said && cluster.isPrimary) log(`port ${port} is in use (a Learnloop that is still stopping?); waiting for it to be free…`);
      said = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function serve(): Promise<void> {
  // The per-address limits read the connection's peer from a header only this process writes
  // (server/http/client-address.ts); instrumentation.ts subscribes too, this makes it certain for
  // the tRPC endpoint that Next never sees.
  stampEveryRequest();
  const app = next({ dev: false, dir: root, hostname: "localhost", port });
  await app.prepare();
  // Only now: Next installs its AsyncLocalStorage on first prepare, and the server modules
  // (through next-auth → next/headers) create their request stores when they load.
  const { createTrpcEndpoint, isTrpcRequest } = await import("../server/http/trpc-endpoint");
  const nextHandler = app.getRequestHandler();
  const trpc = createTrpcEndpoint({ hostname: "localhost", port, extraHeaders: await everyPathHeaders() });
  const server = http.createServer((request, response) => {
    if (TRPC_DIRECT && isTrpcRequest(request.url)) return trpc(request, response);
    void nextHandler(request, response);
  });
  // Keep-alive longer than a typical proxy's idle timeout, so the proxy closes first.
  server.keepAliveTimeout = 65_000;
  // Every interface, as `next start` listens.
  await listenWhenFree(server);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Open subscriptions (SSE) would hold the close forever; their clients reconnect elsewhere.
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  if (cluster.isPrimary) log(`web server ready on http://localhost:${port}`);
  else process.send?.("ready");
}

if (WEB_CONCURRENCY > 1 && cluster.isPrimary) {
  let ready = 0;
  let stopping = false;
  for (let i = 0; i < WEB_CONCURRENCY; i++) {
    const worker = cluster.fork();
    worker.on("message", (message) => {
      if (message === "ready" && ++ready === WEB_CONCURRENCY) log(`web server ready on http://localhost:${port} (${WEB_CONCURRENCY} processes)`);
    });
  }
  cluster.on("exit", (worker, code) => {
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      return;
    }
    console.error(`[learnloop] a web server process exited (code ${code}); stopping.`);
    stopping = true;
    for (const other of Object.values(cluster.workers ?? {})) other?.kill("SIGTERM");
    process.exitCode = code || 1;
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    });
  }
} else {
  await serve();
}
