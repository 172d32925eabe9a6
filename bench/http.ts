// `npm run bench` (first) or `npm run bench -- http`: boots the app as `npm start` does (production
// build, embedded PostgreSQL in a throwaway dir) and measures, in one run:
//   - cold boot to healthy (fresh database: initdb, migrations, seed) and warm restart to healthy
//   - requests/s, p50/p99 latency and web-server CPU time per request of /api/health and of the
//     tRPC query `system.stats` (anonymous, and signed in: session cookie verified, user re-read),
//     each beside a bare node:http server doing the same queries and the same JWT session decode on
//     the same database, in alternating rounds; ratios are app ÷ bare. The tRPC rows are measured
//     twice: served by our web server directly (what `npm start` runs) and through Next's route
//     handler (TRPC_DIRECT=false, the path before), on a second app over the same database.
//   - the scale-out ceiling: the signed-in query against 1, 2 and 4 web processes (WEB_CONCURRENCY)
//     on the one database, each process count warmed up until its CPU per request settles.
// CPU per request (utime + stime of the web server's processes, PostgreSQL's excluded, over the
// requests served) depends little on what else runs on the machine; req/s and latency do.
// BENCH_SECONDS (default 10) per round, BENCH_CONNECTIONS (default 20), BENCH_ROUNDS (default 2),
// BENCH_SCALE (default "1,2,4"; empty skips the scale-out runs).
import autocannon, { type Result } from "autocannon";
import { fork, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bootApp, freePort, stop, throwawayEnv, type BootedApp } from "../scripts/harness/app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const scale = (process.env.BENCH_SCALE ?? "1,2,4").split(",").filter(Boolean).map(Number);

/** Linux: the process and its descendants, except PostgreSQL's (shared by the app and the baseline). */
function processTree(pid: number): number[] {
  if (!existsSync("/proc")) return [pid];
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(fields[1]);
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (comm === "postgres") continue;
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree;
}

/** CPU seconds (user + system) used so far by these processes. */
function cpuSeconds(pids: number[]): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

type Target = { name: string; url: string; headers?: Record<string, string>; pid: number };
type Row = { name: string; rps: number; p50: number; p99: number; errors: number; cpuUs: number };

async function load(target: Target, duration = seconds): Promise<Row> {
  const pids = processTree(target.pid);
  const cpuBefore = cpuSeconds(pids);
  const result: Result = await autocannon({ url: target.url, connections, duration, headers: target.headers });
  const cpu = cpuSeconds(pids) - cpuBefore;
  return {
    name: target.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuUs: result.requests.total ? (cpu * 1e6) / result.requests.total : 0,
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
    cpuUs: median(rows.map((r) => r.cpuUs)),
  };
}

/** Signs the demo learner in through Auth.js's credentials flow; returns the session cookie. */
async function signIn(baseURL: string): Promise<string> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: "learner@learnloop.local", password: "learnloop-learner", callbackUrl: `${baseURL}/dashboard` }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed (${response.status})`);
  return session.split(";")[0]!;
}

function pidOf(app: BootedApp | ChildProcess): number {
  const pid = "child" in app ? app.child.pid : app.pid;
  if (!pid) throw new Error("no pid");
  return pid;
}

async function main() {
  // No training worker: its queue polling would count as web-server CPU.
  const app = await throwawayEnv({ prefix: "learnloop-bench-", extra: { WORKER_AUTOSTART: "false" } });
  const started: (BootedApp | ChildProcess)[] = [];
  try {
    console.log(`Booting the app on a fresh database (a production build is made first if none is current)…`);
    const cold = await bootApp(app);
    const built = cold.log().includes("build finished");
    await cold.stop();
    const warm = await bootApp(app);
    started.push(warm);

    // The same database for everything else, through the password and secret kept in the data dir.
    const password = readFileSync(path.join(app.dataDir, "pg.password"), "utf8").trim();
    const authSecret = readFileSync(path.join(app.dataDir, "auth-secret"), "utf8").trim();
    const databaseUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${app.pgPort}/learnloop`;
    const sharing = async (extra: Record<string, string>): Promise<BootedApp> => {
      const port = await freePort();
      const booted = await bootApp({
        env: { ...app.env, PORT: String(port), DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, WORKER_AUTOSTART: "false", ...extra },
        baseURL: `http://127.0.0.1:${port}`,
      });
      started.push(booted);
      return booted;
    };
    const throughNext = await sharing({ TRPC_DIRECT: "false" });

    const barePort = await freePort();
    const bare = fork(path.join(root, "bench", "bare-server.ts"), [], {
      env: { ...process.env, PORT: String(barePort), DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret },
      execArgv: ["--import", "tsx"],
    });
    started.push(bare);
    await new Promise<void>((resolve, reject) => {
      bare.once("message", () => resolve());
      bare.once("exit", (code) => reject(new Error(`bare server exited (${code})`)));
    });
    const bareURL = `http://127.0.0.1:${barePort}`;
    const cookie = await signIn(warm.baseURL);
    const session = { cookie };
    const stats = "/api/trpc/system.stats";
    const direct = (name: string, url: string, headers?: Record<string, string>): Target => ({ name, url: `${warm.baseURL}${url}`, headers, pid: pidOf(warm) });
    const viaNext = (name: string, url: string, headers?: Record<string, string>): Target => ({ name, url: `${throughNext.baseURL}${url}`, headers, pid: pidOf(throughNext) });
    const baseline = (name: string, url: string, headers?: Record<string, string>): Target => ({ name, url: `${bareURL}${url}`, headers, pid: pidOf(bare) });
    const groups: Target[][] = [
      [direct("app GET /api/health", "/api/health"), baseline("bare node:http SELECT 1", "/health")],
      [direct("app tRPC system.stats, anonymous (direct)", stats), viaNext("app tRPC system.stats, anonymous (through Next)", stats), baseline("bare node:http count(User)", "/stats")],
      [
        direct("app tRPC system.stats, signed in (direct)", stats, session),
        viaNext("app tRPC system.stats, signed in (through Next)", stats, session),
        baseline("bare node:http, Auth.js decode every request + user row + count(User) (the baseline before 2026-12-03)", "/stats?session=authjs", session),
        baseline("bare node:http, the app's session decode + session and user row + count(User)", "/stats?session", session),
      ],
    ];
    // Every target answers correctly before anything is timed, and warms up (JIT, pools).
    for (const target of groups.flat()) {
      const response = await fetch(target.url, { headers: target.headers });
      if (!response.ok) throw new Error(`${target.name}: ${response.status} ${await response.text()}`);
      await autocannon({ url: target.url, connections: 4, duration: 2, headers: target.headers });
    }
    const table: Row[][] = [];
    for (const group of groups) {
      const rows: Row[][] = group.map(() => []);
      for (let round = 0; round < rounds; round++) for (const [i, target] of group.entries()) rows[i]!.push(await load(target));
      table.push(rows.map(combine));
    }

    // The ceiling: the signed-in query against 1, 2 and 4 web processes on the one database.
    await throughNext.stop();
    const scaleRows: { processes: number; row: Row; warmups: number[] }[] = [];
    for (const processes of scale) {
      const node = processes === 1 ? warm : await sharing({ WEB_CONCURRENCY: String(processes) });
      // /api/health answers once the first process listens; the others may still be starting.
      const deadline = Date.now() + 300_000;
      while (processes > 1 && !node.log().includes(`(${processes} processes)`)) {
        if (Date.now() > deadline) throw new Error(`${processes} web processes not ready:\n${node.log()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const target = { name: `${processes} web process${processes > 1 ? "es" : ""}`, url: `${node.baseURL}${stats}`, headers: session, pid: pidOf(node) };
      // node:cluster hands connections round-robin, and each keeps its process: every process needs
      // its own warm-up (JIT, pool). Warm up at the measured load, three rounds at least, until the
      // CPU per request stops falling (by more than a tenth from one round to the next), five at most.
      const warmups: number[] = [];
      for (let previous = Infinity; warmups.length < 5; ) {
        const { cpuUs } = await load(target, Math.max(3, seconds / 2));
        warmups.push(cpuUs);
        if (warmups.length >= 3 && cpuUs > previous * 0.9) break;
        previous = cpuUs;
      }
      scaleRows.push({ processes, row: await load(target), warmups });
      if (node !== warm) await node.stop();
    }

    const lines = [
      `Learnloop benchmarks — ${new Date().toISOString()} — ${os.cpus().length} cores, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end`,
      `load: autocannon, ${connections} connections, ${seconds} s × ${rounds} alternating rounds (medians)`,
      "",
      `cold boot to healthy (fresh database${built ? ", including a production build" : ", build reused"}): ${cold.seconds.toFixed(1)} s`,
      `warm restart to healthy (data and build reused): ${warm.seconds.toFixed(1)} s`,
      "",
      "| endpoint | req/s | p50 ms | p99 ms | errors | server CPU µs/request | req/s ratio app÷bare | CPU ratio bare÷app |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
    ];
    for (const rows of table) {
      const bareRow = rows.at(-1)!;
      for (const row of rows) {
        const ratio = row === bareRow ? "1.00" : (row.rps / bareRow.rps).toFixed(2);
        const cpuRatio = row === bareRow ? "1.00" : (bareRow.cpuUs / Math.max(row.cpuUs, 1)).toFixed(2);
        lines.push(`| ${row.name} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.errors} | ${row.cpuUs.toFixed(0)} | ${ratio} | ${cpuRatio} |`);
      }
    }
    if (scaleRows.length) {
      lines.push("", `Scale-out: tRPC system.stats signed in, ${connections} connections, ${seconds} s, one PostgreSQL, node:cluster processes on one port (${os.cpus().length} cores)`, "");
      lines.push("| web processes | req/s | p50 ms | p99 ms | errors | server CPU µs/request | req/s ÷ 1 process | warm-up rounds, CPU µs/request each |", "|---:|---:|---:|---:|---:|---:|---:|---|");
      const one = scaleRows[0]!.row.rps;
      for (const { processes, row, warmups } of scaleRows) {
        lines.push(`| ${processes} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.errors} | ${row.cpuUs.toFixed(0)} | ${(row.rps / one).toFixed(2)} | ${warmups.map((us) => us.toFixed(0)).join(" → ")} |`);
      }
    }
    const report = lines.join("\n");
    console.log(`\n${report}`);
    mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    writeFileSync(path.join(root, "bench", "results", "http.md"), `${report}\n`);
  } finally {
    for (const child of started.reverse()) await ("child" in child ? child.stop() : stop(child));
    app.cleanup();
  }
}

await main();
