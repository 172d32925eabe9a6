// `npm run bench -- quiz`: a live room under load. On a throwaway embedded PostgreSQL with every
// migration, one process plays a host and 200 players through the real services (server/quiz/live):
// 200 player subscriptions (LISTEN/NOTIFY + a re-read of each player's view, as the SSE endpoint
// does), the host opens a question, the 200 answer at random moments within 2 s (plus 20 retries of
// answers already sent), then the host reveals. Measured: answer latency (p50/p99/max), answers
// recorded (each once), and the fan-out delay from a host action's commit to the LAST subscriber
// holding the new state. HTTP and SSE framing are not in these figures (bench/http.ts covers the
// HTTP stack); the pool is the app's default DB_POOL_MAX per process.
// Writes bench/results/quiz.md.
import { fork } from "node:child_process";
import { setMaxListeners } from "node:events";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PLAYERS = Number(process.env.BENCH_PLAYERS ?? 200);
const WINDOW_MS = 2_000;
const RETRIES = Math.round(PLAYERS / 10);

type Figures = {
  players: number;
  answersSent: number;
  answersRecorded: number;
  distinctPlayers: number;
  duplicatesRecorded: number;
  latency: { p50: number; p99: number; max: number };
  openFanout: { p50: number; last: number };
  revealFanout: { p50: number; last: number };
  hostSawAll: number;
  joinSeconds: number;
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function child() {
  const { db } = await import("../server/db");
  const { createQuizCourse } = await import("../server/test/quiz-course");
  const live = await import("../server/quiz/live");
  const course = await createQuizCourse();
  const host = await db.user.create({ data: { email: "host@bench.learnloop", name: "Host", role: "INSTRUCTOR" }, select: { id: true, email: true, name: true, role: true, timezone: true, dailyGoalXp: true } });
  await db.user.createMany({ data: Array.from({ length: PLAYERS }, (_, i) => ({ email: `p${i}@bench.learnloop`, name: `Player ${i}` })) });
  const players = await db.user.findMany({ where: { email: { endsWith: "@bench.learnloop" }, role: "LEARNER" }, select: { id: true, email: true, name: true, role: true, timezone: true, dailyGoalXp: true } });
  const { code } = await live.createRoom({ viewer: host, ...course });

  const joinStart = performance.now();
  for (let i = 0; i < players.length; i += 20) await Promise.all(players.slice(i, i + 20).map((viewer) => live.joinRoom({ viewer, code })));
  const joinSeconds = (performance.now() - joinStart) / 1000;

  // Every player follows the room; record when each first holds a state.
  const controller = new AbortController();
  // One signal ends all 200 subscriptions, each listening on it.
  setMaxListeners(0, controller.signal);
  const seen = players.map(() => new Map<string, number>());
  let firstViews = 0;
  const firstViewsReady = new Promise<void>((resolve) => {
    players.forEach((viewer, i) => {
      void (async () => {
        let first = true;
        for await (const view of live.watchAsPlayer({ viewer, code, signal: controller.signal })) {
          const key = `${view.state}:${view.current}`;
          if (!seen[i]!.has(key)) seen[i]!.set(key, performance.now());
          if (first && ++firstViews === players.length) resolve();
          first = false;
        }
      })().catch(() => undefined);
    });
  });
  await firstViewsReady;
  let hostSawAllAt = 0;
  void (async () => {
    for await (const view of live.watchAsHost({ viewer: host, code, signal: controller.signal })) {
      if (view.state === "QUESTION" && view.answerCount === players.length && !hostSawAllAt) hostSawAllAt = performance.now();
    }
  })().catch(() => undefined);

  const waitAll = async (key: string, since: number) => {
    const deadline = Date.now() + 60_000;
    while (seen.some((map) => !map.has(key)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const delays = seen.map((map) => (map.get(key) ?? NaN) - since);
    return { p50: percentile(delays, 50), last: Math.max(...delays) };
  };

  const room = () => db.liveRoom.findUniqueOrThrow({ where: { code }, select: { version: true } });
  let t = performance.now();
  await live.hostAction({ viewer: host, code, action: "start", version: (await room()).version });
  const openFanout = await waitAll("QUESTION:0", t);

  // The first question of the bench quiz is single choice; read the right option as a player sees it.
  const view = await live.watchAsPlayer({ viewer: players[0]!, code }).next();
  const question = view.value!.question!;
  const right = question.type === "single-choice" ? question.options.indexOf("Paris") : 0;

  const latencies: number[] = [];
  const answer = async (viewer: (typeof players)[number]) => {
    const started = performance.now();
    await live.answerLive({ viewer, code, question: 0, answer: { type: "single-choice", choice: (right + (Math.random() < 0.7 ? 0 : 1)) % 3 } });
    latencies.push(performance.now() - started);
  };
  await Promise.all([
    ...players.map((viewer) => new Promise<void>((resolve, reject) => setTimeout(() => answer(viewer).then(resolve, reject), Math.random() * WINDOW_MS))),
    ...players.slice(0, RETRIES).map((viewer) => new Promise<void>((resolve, reject) => setTimeout(() => answer(viewer).then(resolve, reject), Math.random() * WINDOW_MS))),
  ]);
  const lastAck = performance.now();
  const deadline = Date.now() + 30_000;
  while (!hostSawAllAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));

  const rows = await db.liveAnswer.findMany({ where: { room: { code } }, select: { playerId: true } });
  const distinct = new Set(rows.map((row) => row.playerId)).size;

  t = performance.now();
  await live.hostAction({ viewer: host, code, action: "reveal", version: (await room()).version });
  const revealFanout = await waitAll("REVEAL:0", t);
  controller.abort();

  const figures: Figures = {
    players: players.length,
    answersSent: players.length + RETRIES,
    answersRecorded: rows.length,
    distinctPlayers: distinct,
    duplicatesRecorded: rows.length - distinct,
    latency: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies) },
    openFanout,
    revealFanout,
    hostSawAll: hostSawAllAt ? hostSawAllAt - lastAck : NaN,
    joinSeconds,
  };
  process.send!(figures);
  await db.$disconnect();
  process.exit(0);
}

async function main() {
  const { findFreePort, startEmbeddedPostgres } = await import("../scripts/db/embedded.ts");
  const { applyMigrations } = await import("../scripts/db/migrations.ts");
  const dir = mkdtempSync(path.join(os.tmpdir(), "learnloop-bench-quiz-"));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await findFreePort() });
  try {
    await applyMigrations({ databaseUrl: pg.url });
    const figures = await new Promise<Figures>((resolve, reject) => {
      // The server modules refuse to load outside the react-server condition (server-only).
      const worker = fork(fileURLToPath(import.meta.url), ["--child"], {
        cwd: root,
        execArgv: ["--conditions=react-server", "--import", "tsx"],
        env: { ...process.env, DATABASE_URL: pg.url, AUTH_SECRET: "bench-only-auth-secret-0123456789abcdef", NODE_ENV: "production" },
      });
      worker.on("message", (message) => resolve(message as Figures));
      worker.on("exit", (code) => (code ? reject(new Error(`the bench process exited with ${code}`)) : undefined));
    });
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const report = [
      "# Live room: 200 players answer one question within 2 s",
      "",
      `Measured ${new Date().toISOString()} on ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? "unknown CPU"}), one process with the default pool, embedded PostgreSQL.`,
      "",
      "| figure | value |",
      "|---|---|",
      `| players joined (in ${figures.joinSeconds.toFixed(1)} s) | ${figures.players} |`,
      `| answers sent (incl. ${figures.answersSent - figures.players} retries of sent answers) | ${figures.answersSent} |`,
      `| answers recorded / distinct players / recorded twice | ${figures.answersRecorded} / ${figures.distinctPlayers} / ${figures.duplicatesRecorded} |`,
      `| answer latency p50 / p99 / max | ${ms(figures.latency.p50)} / ${ms(figures.latency.p99)} / ${ms(figures.latency.max)} |`,
      `| question opened → subscribers hold it: median / last of ${figures.players} | ${ms(figures.openFanout.p50)} / ${ms(figures.openFanout.last)} |`,
      `| results revealed → subscribers hold them: median / last of ${figures.players} | ${ms(figures.revealFanout.p50)} / ${ms(figures.revealFanout.last)} |`,
      `| last answer acknowledged → host's count shows all ${figures.players} | ${ms(figures.hostSawAll)} |`,
    ].join("\n");
    console.log(report);
    mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    writeFileSync(path.join(root, "bench", "results", "quiz.md"), `${report}\n`);
    if (figures.answersRecorded !== figures.players || figures.duplicatesRecorded !== 0) {
      console.error("Answers were lost or recorded twice.");
      process.exitCode = 1;
    }
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes("--child")) await child();
else await main();
