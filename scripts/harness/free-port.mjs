// The one free-port function of the project, plain JavaScript so `scripts/test.mjs` can use it as it
// is; TypeScript callers import it through scripts/harness/app.ts or directly (types from JSDoc).
import net from "node:net";

/**
 * A TCP port on `host` that nothing listens on right now: the kernel picks one, we release it.
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("No free port found."))));
    });
  });
}

/**
 * Whether `port` on `host` can be listened on now (false when another program holds it).
 * @param {number} port
 * @param {string} [host]
 * @returns {Promise<boolean>}
 */
export function isPortFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
