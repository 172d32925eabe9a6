// `npm run bench`: boots the app as `npm start` does (production build, embedded PostgreSQL in a
// throwaway dir) and measures, in one run:
//   - cold boot to healthy (fresh database: initdb, migrations, seed) and warm restart to healthy
//   - requests/s and p50/p99 latency of /api/health and of the tRPC query `system.stats` under
//     concurrent load, each beside a bare node:http server answering the same query on the same
//     database, in alternating rounds; ratios are app ÷ bare.
// BENCH_SECONDS (default 10) per round, BENCH_CONNECTIONS (default 20), BENCH_ROUNDS (default 2).
import autocannon, { type Result } from "autocannon";
import { fork, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, stop, waitHealthy } from "./_app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

type Boot = { child: ChildProcess; seconds: number; log: string[] };

async function bootApp(env: NodeJS.ProcessEnv, baseURL: string): Promise<Boot> {
  const started = performance.now();
  const log: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/boot.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  try {
    await waitHealthy(`${baseURL}/api/health`, child);
  } catch (error) {
    console.error(log.join(""));
    throw error;
  }
  return { child, seconds: (performance.now() - started) / 1000, log };
}

type Row = { name: string; rps: number; p50: number; p99: number; errors: number };

async function load(name: string, url: string): Promise<Row> {
  const result: Result = await autocannon({ url, connections, duration: seconds });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function combine(rows: Row[]): Row {
  return {
    name: rows[0]!.name,
    rps: median(rows.map((r) => r.rps)),
    p50: median(rows.map((r) => r.p50)),
    p99: median(rows.map((r) => r.p99)),
    errors: rows.reduce((sum, r) => sum + r.errors, 0),
  };
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "learnloop-bench-"));
  chmodSync(dataDir, 0o755);
  const appPort = await freePort();
  const barePort = await freePort();
  const pgPort = await freePort();
  const baseURL = `http://127.0.0.1:${appPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(appPort),
    LEARNLOOP_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    DATABASE_URL: "",
    AUTH_SECRET: "",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const children: ChildProcess[] = [];
  try {
    console.log(`Booting the app on a fresh database (a production build is made first if none is current)…`);
    const cold = await bootApp(env, baseURL);
    const built = cold.log.join("").includes("build finished");
    await stop(cold.child);
    const warm = await bootApp(env, baseURL);
    children.push(warm.child);

    // The bare server uses the same embedded database, through the password kept beside it.
    const password = readFileSync(path.join(dataDir, "pg.password"), "utf8").trim();
    const bareDbUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/learnloop`;
    const bare = fork(path.join(root, "bench", "bare-server.ts"), [], {
      env: { ...process.env, PORT: String(barePort), DATABASE_URL: bareDbUrl },
      execArgv: ["--import", "tsx"],
    });
    children.push(bare);
    await new Promise<void>((resolve, reject) => {
      bare.once("message", () => resolve());
      bare.once("exit", (code) => reject(new Error(`bare server exited (${code})`)));
    });

    const trpcUrl = `${baseURL}/api/trpc/system.stats`;
    const pairs: [string, string, string, string][] = [
      ["app GET /api/health", `${baseURL}/api/health`, "bare node:http SELECT 1", `http://127.0.0.1:${barePort}/health`],
      ["app tRPC system.stats", trpcUrl, "bare node:http count(User)", `http://127.0.0.1:${barePort}/stats`],
    ];
    // Warm both servers up so JIT and first-request compilation do not count.
    for (const [, appUrl, , bareUrl] of pairs) {
      await autocannon({ url: appUrl, connections: 4, duration: 2 });
      await autocannon({ url: bareUrl, connections: 4, duration: 2 });
    }
    const table: { app: Row; bare: Row }[] = [];
    for (const [appName, appUrl, bareName, bareUrl] of pairs) {
      const appRows: Row[] = [];
      const bareRows: Row[] = [];
      for (let round = 0; round < rounds; round++) {
        appRows.push(await load(appName, appUrl));
        bareRows.push(await load(bareName, bareUrl));
      }
      table.push({ app: combine(appRows), bare: combine(bareRows) });
    }

    const lines = [
      `Learnloop benchmarks — ${new Date().toISOString()} — ${os.cpus().length} cores, node ${process.version}`,
      `load: autocannon, ${connections} connections, ${seconds} s × ${rounds} alternating rounds (medians)`,
      "",
      `cold boot to healthy (fresh database${built ? ", including a production build" : ", build reused"}): ${cold.seconds.toFixed(1)} s`,
      `warm restart to healthy (data and build reused): ${warm.seconds.toFixed(1)} s`,
      "",
      "| endpoint | req/s | p50 ms | p99 ms | errors | req/s ratio app÷bare | p99 ratio app÷bare |",
      "|---|---:|---:|---:|---:|---:|---:|",
    ];
    for (const { app, bare } of table) {
      lines.push(`| ${app.name} | ${app.rps.toFixed(0)} | ${app.p50} | ${app.p99} | ${app.errors} | ${(app.rps / bare.rps).toFixed(2)} | ${(app.p99 / Math.max(bare.p99, 1)).toFixed(1)} |`);
      lines.push(`| ${bare.name} | ${bare.rps.toFixed(0)} | ${bare.p50} | ${bare.p99} | ${bare.errors} | 1.00 | 1.0 |`);
    }
    const report = lines.join("\n");
    console.log(`\n${report}`);
    mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    writeFileSync(path.join(root, "bench", "results", "http.md"), `${report}\n`);
  } finally {
    for (const child of children.reverse()) await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
