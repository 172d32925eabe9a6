// The one way to run a throwaway copy of the app, as `npm start` runs it: used by the benchmarks
// that boot the app, the boot test, and the e2e suite's Playwright config.
//   freePort()           a TCP port nothing listens on (scripts/harness/free-port.mjs)
//   appEnv(...)          the environment of a throwaway app: its port, data dir, embedded database
//   throwawayEnv(...)    the same with fresh ports and a fresh data dir, and a cleanup
//   bootApp(...)         starts `scripts/boot.ts`, waits for /api/health → { baseURL, log, stop }
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.mjs";

export { freePort, isPortFree } from "./free-port.mjs";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The command `npm start` runs, from the project root. */
export const BOOT_COMMAND = [process.execPath, "--import", "tsx", "scripts/boot.ts"] as const;
/** The same as one shell command line (Playwright's webServer takes a string). */
export const BOOT_COMMAND_LINE = BOOT_COMMAND.map((part) => (/^[\w./=-]+$/.test(part) ? part : JSON.stringify(part))).join(" ");

export type AppEnvOptions = {
  port: number;
  pgPort: number;
  dataDir: string;
  /** Demo accounts (learner/instructor/admin@learnloop.local); default true. */
  demo?: boolean;
  /** Anything else to set or override. */
  extra?: Record<string, string>;
};

/**
 * The settings of a throwaway app: its own embedded PostgreSQL in `dataDir` on `pgPort`, a fresh
 * AUTH_SECRET, and an IP sign-in limit high enough for a test run that signs in from 127.0.0.1 all
 * day (the per-account limit stays as shipped). Values the caller's environment had for these are
 * replaced, never inherited.
 */
export function appEnv(options: AppEnvOptions): Record<string, string> {
  return {
    PORT: String(options.port),
    LEARNLOOP_DATA_DIR: options.dataDir,
    EMBEDDED_PG_PORT: String(options.pgPort),
    DATABASE_URL: "",
    AUTH_SECRET: "",
    SEED_DEMO: options.demo === false ? "false" : "true",
    AUTH_RATE_LIMIT_IP: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.extra,
  };
}

/** A data dir under the OS temp dir that OS user `postgres` can traverse (boot runs it as that user as root). */
export function throwawayDataDir(prefix = "learnloop-app-"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export type ThrowawayEnv = { env: NodeJS.ProcessEnv; baseURL: string; port: number; pgPort: number; dataDir: string; cleanup(): void };

/** Fresh ports and a fresh data dir, over the caller's environment; `cleanup` removes the data dir. */
export async function throwawayEnv(options: { prefix?: string; demo?: boolean; extra?: Record<string, string> } = {}): Promise<ThrowawayEnv> {
  const dataDir = throwawayDataDir(options.prefix);
  const port = await freePort();
  const pgPort = await freePort();
  return {
    env: { ...process.env, ...appEnv({ port, pgPort, dataDir, demo: options.demo, extra: options.extra }) },
    baseURL: `http://127.0.0.1:${port}`,
    port,
    pgPort,
    dataDir,
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** What the web server prints once it listens (scripts/serve.ts). */
export const READY_LINE = "web server ready on";

/**
 * Polls `url` every 100 ms until it answers 200; fails with the app's output if it exits first.
 * With `readyLine`, the answer counts only once the app's own output has said that line: a server
 * left over on the same port (a killed app's, still stopping) is never taken for this one.
 */
export async function waitHealthy(url: string, child: ChildProcess, options: { log?: () => string; timeoutMs?: number; readyLine?: string } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the app exited (code ${child.exitCode}) before it was healthy${options.log ? `:\n${options.log()}` : ""}`);
    }
    try {
      const ours = !options.readyLine || (options.log?.() ?? "").includes(options.readyLine);
      if (ours && (await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not healthy after ${timeoutMs / 1000} s${options.log ? `:\n${options.log()}` : ""}`);
}

/** Sends SIGTERM (or `signal`) and resolves with the exit code once the process is gone. */
export function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });
}

export type BootedApp = {
  baseURL: string;
  /** Everything the app printed so far (stdout and stderr). */
  log: () => string;
  child: ChildProcess;
  /** Seconds from spawn to healthy. */
  seconds: number;
  /** SIGTERM by default (a clean stop of the app and its database); SIGKILL to simulate a crash. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/** Starts the app as `npm start` does, with `env`, and waits until `${baseURL}/api/health` answers. */
export async function bootApp(options: { env: NodeJS.ProcessEnv; baseURL: string; timeoutMs?: number }): Promise<BootedApp> {
  const started = performance.now();
  const chunks: string[] = [];
  const log = () => chunks.join("");
  const [command, ...args] = BOOT_COMMAND;
  const child = spawn(command, args, { cwd: projectRoot, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  try {
    await waitHealthy(`${options.baseURL}/api/health`, child, { log, timeoutMs: options.timeoutMs, readyLine: READY_LINE });
  } catch (error) {
    await stop(child, "SIGKILL");
    throw error;
  }
  return { baseURL: options.baseURL, log, child, seconds: (performance.now() - started) / 1000, stop: (signal) => stop(child, signal) };
}
