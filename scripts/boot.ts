// `npm start` (and `npm run dev` with --dev): everything a fresh machine needs, in order.
//   1. settings: .env if present; AUTH_SECRET generated once and kept under the data dir
//   2. database: DATABASE_URL if set, else an embedded PostgreSQL in the data dir
//   3. migrations, then the demo accounts (SEED_DEMO=false turns them off)
//   4. a production build of Next when there is none or the sources changed
//   5. the web server (scripts/serve.ts: tRPC served directly, every other request by Next) and a
//      training worker (`npm run worker`), each supervised; SIGTERM/SIGINT stop them and the
//      database cleanly
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeImportReport, importCatalogIfEmpty } from "../server/content/importer";
import { createPrismaClient } from "../server/db-client";
import { EnvError, checkOAuthPairs, parseEnv } from "../server/env";
import { parseTrainingEnv } from "../server/training/env";
import { PortTakenError, startSupervisedPostgres, type EmbeddedDb } from "./db/embedded";
import { applyMigrations } from "./db/migrations";
import { describeDemoAccounts, seedDemoAccounts, seedDemoClass, seedDemoStaff } from "./seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
const log = (message: string) => console.log(`[learnloop] ${message}`);

class BootError extends Error {}

const DEFAULT_EMBEDDED_PG_PORT = 54329;

/** A path as the admin would type it: relative inside the project, absolute elsewhere. */
function displayPath(full: string): string {
  const relative = path.relative(root, full);
  return relative && !relative.startsWith("..") ? relative : full;
}

function loadDotEnv(): void {
  const file = path.join(root, ".env");
  if (existsSync(file)) {
    process.loadEnvFile(file);
    log("loaded settings from .env");
  }
}

async function ensureAuthSecret(dataDir: string): Promise<void> {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    log(`generated AUTH_SECRET in ${displayPath(file)}`);
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

/** A fingerprint of everything the production build is made from, to know when to rebuild. */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const child of readdirSync(full).sort()) visit(path.join(entry, child));
    } else {
      hash.update(entry).update(readFileSync(full));
    }
  };
  for (const entry of ["app", "server", "lib", "public", "instrumentation.ts", "proxy.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"]) {
    visit(entry);
  }
  return hash.digest("hex");
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new BootError(`${path.basename(args[0] ?? command)} ${args[1] ?? ""} exited with code ${code}.`))));
  });
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

async function ensureBuild(env: NodeJS.ProcessEnv): Promise<void> {
  const stampFile = path.join(root, ".next", "learnloop-source-hash");
  const fingerprint = sourceFingerprint();
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === fingerprint;
  if (built) {
    log("production build is up to date");
    return;
  }
  log("building the app (first start, or the sources changed)…");
  const started = Date.now();
  await run(process.execPath, [nextBin, "build"], { ...env, NODE_ENV: "production" });
  await fs.writeFile(stampFile, fingerprint);
  log(`build finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function main(): Promise<void> {
  const bootStarted = Date.now();
  loadDotEnv();
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.CHECKPOINT_DISABLE ??= "1";
  const dataDir = path.resolve(root, process.env.LEARNLOOP_DATA_DIR ?? ".data");
  await ensureAuthSecret(dataDir);

  let embedded: EmbeddedDb | undefined;
  let children: ChildProcess[] = [];
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once("exit", r)) : null)));
    if (embedded) {
      await embedded.stop().catch((error: unknown) => console.error(error));
      log("database stopped");
    }
    process.exit(code);
  };
  process.on("SIGTERM", () => void shutdown(0));
  process.on("SIGINT", () => void shutdown(0));

  try {
    if (!process.env.DATABASE_URL) {
      // The default port may be held by another PostgreSQL on this machine: then any free port
      // will do (the URL is made afresh on every start). A port the admin chose is kept or refused.
      const chosen = process.env.EMBEDDED_PG_PORT ? Number(process.env.EMBEDDED_PG_PORT) : undefined;
      const port = chosen ?? DEFAULT_EMBEDDED_PG_PORT;
      const pgDir = path.join(dataDir, "pg");
      log(`starting the embedded PostgreSQL in ${displayPath(pgDir)} on 127.0.0.1:${port}…`);
      try {
        embedded = await startSupervisedPostgres({ dataDir: pgDir, port, report: log, whenPortTaken: chosen === undefined ? "free-port" : "fail" });
      } catch (error) {
        if (error instanceof PortTakenError) {
          throw new BootError(`${error.message} Set EMBEDDED_PG_PORT to a free port, or leave it unset and a free one is chosen.`);
        }
        throw error;
      }
      if (embedded.port !== port) log(`port ${port} is taken by another program; the embedded PostgreSQL listens on 127.0.0.1:${embedded.port} instead (EMBEDDED_PG_PORT chooses one)`);
      process.env.DATABASE_URL = embedded.url;
    } else {
      log("using the PostgreSQL at DATABASE_URL");
    }

    const env = parseEnv(process.env);
    checkOAuthPairs(env);
    const trainingEnv = parseTrainingEnv(process.env);

    const migrations = await applyMigrations({ databaseUrl: env.DATABASE_URL });
    log(migrations.applied.length ? `applied migrations (${migrations.engine} engine): ${migrations.applied.join(", ")}` : "database schema is up to date");

    const catalogDb = createPrismaClient({ databaseUrl: env.DATABASE_URL, max: 1 });
    const imported = await importCatalogIfEmpty({ root: path.join(root, "content") }, catalogDb).finally(() => catalogDb.$disconnect());
    log(imported ? `imported the catalog from content/: ${describeImportReport(imported)}` : "catalog already has courses; content/ not imported");

    if (env.SEED_DEMO) {
      const db = createPrismaClient({ databaseUrl: env.DATABASE_URL, max: 1 });
      try {
        await seedDemoAccounts(db);
        await seedDemoStaff(db);
        await seedDemoClass(db);
      } finally {
        await db.$disconnect();
      }
      log(`demo accounts (SEED_DEMO=false turns them off):\n${describeDemoAccounts()}`);
    }

    const port = process.env.PORT ?? "3000";
    const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: dev ? "development" : "production" };
    if (!dev) await ensureBuild(childEnv);

    const supervisor = path.join(root, "scripts", "supervised.mjs");
    // Production: our node:http server (tRPC served directly, the rest by Next); development: `next dev`.
    const webCommand = dev ? [nextBin, "dev", "-p", port] : ["--import", "tsx", path.join(root, "scripts", "serve.ts"), "-p", port];
    const next = spawn(process.execPath, [supervisor, process.execPath, ...webCommand], {
      cwd: root,
      env: childEnv,
      stdio: ["pipe", "inherit", "inherit"],
    });
    children = [next];
    next.on("exit", (code) => {
      if (!shuttingDown) {
        console.error(`[learnloop] the web server exited (code ${code}); stopping.`);
        void shutdown(code || 1);
      }
    });
    // The training worker: a process of its own, so training never runs on the web server's event
    // loop. A worker that dies is started again (its run resumes from its checkpoint); the site
    // stays up meanwhile. WORKER_AUTOSTART=false leaves training to workers on other machines.
    const workerEntry = path.join(root, "server", "training", "worker.ts");
    let workerRestarts = 0;
    const startWorker = () => {
      const worker = spawn(process.execPath, [supervisor, process.execPath, "--import", "tsx", workerEntry], { cwd: root, env: childEnv, stdio: ["pipe", "inherit", "inherit"] });
      children.push(worker);
      const startedAt = Date.now();
      worker.on("exit", (code) => {
        children = children.filter((child) => child !== worker);
        if (shuttingDown) return;
        workerRestarts = Date.now() - startedAt > 60_000 ? 0 : workerRestarts + 1;
        const delay = Math.min(30_000, 1000 * 2 ** workerRestarts);
        console.error(`[learnloop] the training worker exited (code ${code}); starting another in ${delay / 1000} s.`);
        setTimeout(() => shuttingDown || startWorker(), delay).unref();
      });
    };
    if (trainingEnv.WORKER_AUTOSTART) {
      startWorker();
      log(`training worker started (WORKER_CONCURRENCY=${trainingEnv.WORKER_CONCURRENCY}, models in ${displayPath(trainingEnv.storageDir)})`);
    } else {
      log("WORKER_AUTOSTART=false: no training worker here; run `npm run worker` on the training machines");
    }
    log(`Learnloop is starting on http://localhost:${port} (boot took ${((Date.now() - bootStarted) / 1000).toFixed(1)} s before the web server)`);
  } catch (error) {
    if (error instanceof EnvError || error instanceof BootError) {
      console.error(`[learnloop] ${error.message}`);
    } else {
      console.error("[learnloop] start failed:", error);
    }
    await shutdown(1);
  }
}

await main();
