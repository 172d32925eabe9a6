// `npm run bench -- quiz`: a live room under load. On a throwaway embedded PostgreSQL with every
// migration, one process plays a host and 200 (then 1,000) guest players through the real services
// (server/quiz/live): each guest joins with a nickname, then follows the room (LISTEN/NOTIFY + the
// node's one shared read per change, as the SSE endpoint does), the host opens a question, the
// players answer at random moments within 2 s (plus 10% retries of answers already sent), then the
// host reveals. Measured: answer latency (p50/p99/max), answers
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
// `BENCH_PLAYERS=200,1000` (the default) runs one room of each size, one after the other.
const SIZES = (process.env.BENCH_PLAYERS ?? "200,1000").split(",").map(Number).filter((n) => n > 0);
const PLAYERS = SIZES[0] ?? 200;
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
  revealReads: number;
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function child() {
  const { db } = await import("../server/db");
  const { createQuizCourse } = await import("../server/test/quiz-course");
  const live = await import("../server/quiz/live");
  type LiveActor = import("../server/quiz/live").LiveActor;
  const course = await createQuizCourse();
  const host = await db.user.create({ data: { email: `host-${PLAYERS}@bench.learnloop`, name: "Host", role: "INSTRUCTOR" }, select: { id: true, email: true, name: true, role: true, timezone: true, dailyGoalXp: true } });
  const { code } = await live.createRoom({ viewer: host, ...course, options: { shuffle: false, playerCap: Math.max(PLAYERS, 500) } });

  // Guests, as a class joins: a nickname each, all from one address (a school behind one NAT).
  const joinStart = performance.now();
  const players: LiveActor[] = [];
  for (let i = 0; i < PLAYERS; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, PLAYERS - i) }, (_, j) => live.joinRoom({ actor: { viewer: null, guest: null }, code, nickname: `Player ${i + j}`, address: "127.0.0.1" })),
    );
    players.push(...batch.map((joined) => ({ viewer: null, guest: joined.guest })));
  }
  const joinSeconds = (performance.now() - joinStart) / 1000;

  // Every player follows the room; record when each first holds a state.
  const controller = new AbortController();
  // One signal ends all the subscriptions, each listening on it.
  setMaxListeners(0, controller.signal);
  const seen = players.map(() => new Map<string, number>());
  let firstViews = 0;
  const firstViewsReady = new Promise<void>((resolve) => {
    players.forEach((actor, i) => {
      void (async () => {
        let first = true;
        for await (const view of live.watchAsPlayer({ actor, code, signal: controller.signal })) {
          const key = `${view.state}:${view.current}`;
          if (!seen[i]!.has(key)) seen[i]!.set(key, performance.now());
          if (first && ++firstViews === players.length) resolve();
          first = false;
        }
      })().catch((error: unknown) => console.error(error));
    });
  });
  await firstViewsReady;
  let hostSawAllAt = 0;
  void (async () => {
    for await (const view of live.watchAsHost({ viewer: host, code, signal: controller.signal })) {
      if (view.state === "QUESTION" && view.answerCount === players.length && !hostSawAllAt) hostSawAllAt = performance.now();
    }
  })().catch(() => undefined);

  // A host's screen is open well before the first click: let its first read settle.
  await new Promise((resolve) => setTimeout(resolve, 500));

  const waitAll = async (key: string, since: number) => {
    const deadline = Date.now() + 60_000;
    while (seen.some((map) => !map.has(key)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    const delays = seen.map((map) => (map.get(key) ?? NaN) - since);
    return { p50: percentile(delays, 50), last: Math.max(...delays) };
  };

  const room = () => db.liveRoom.findUniqueOrThrow({ where: { code }, select: { version: true } });
  let t = performance.now();
  await live.hostAction({ viewer: host, code, action: "start", version: (await room()).version });
  const openFanout = await waitAll("QUESTION:0", t);

  // The first question of the bench quiz is single choice; read the right option as a player sees it.
  const view = await live.watchAsPlayer({ actor: players[0]!, code }).next();
  const question = view.value!.question!;
  const right = question.type === "single-choice" ? question.options.indexOf("Paris") : 0;

  const latencies: number[] = [];
  const answer = async (actor: LiveActor) => {
    const started = performance.now();
    await live.answerLive({ actor, code, question: 0, answer: { type: "single-choice", choice: (right + (Math.random() < 0.7 ? 0 : 1)) % 3 } });
    latencies.push(performance.now() - started);
  };
  await Promise.all([
    ...players.map((actor) => new Promise<void>((resolve, reject) => setTimeout(() => answer(actor).then(resolve, reject), Math.random() * WINDOW_MS))),
    ...players.slice(0, RETRIES).map((actor) => new Promise<void>((resolve, reject) => setTimeout(() => answer(actor).then(resolve, reject), Math.random() * WINDOW_MS))),
  ]);
  const lastAck = performance.now();
  const deadline = Date.now() + 30_000;
  while (!hostSawAllAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));

  const rows = await db.liveAnswer.findMany({ where: { room: { code } }, select: { playerId: true } });
  const distinct = new Set(rows.map((row) => row.playerId)).size;

  const readsBefore = live.sharedReadCount();
  t = performance.now();
  await live.hostAction({ viewer: host, code, action: "reveal", version: (await room()).version });
  const revealFanout = await waitAll("REVEAL:0", t);
  const revealReads = live.sharedReadCount() - readsBefore;
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
    revealReads,
    joinSeconds,
  };
  process.send!(figures);
  await db.$disconnect();
  process.exit(0);
}

// The figures before one shared read per node (closing notes of issues 15 and 18), kept beside the new ones.
const BEFORE_200 = "answer p99 887 ms; question → last of 200 subscribers 396–502 ms; results → last 1,084 ms (signed-in players, one read per subscriber)";

async function main() {
  const { findFreePort, startEmbeddedPostgres } = await import("../scripts/db/embedded.ts");
  const { applyMigrations } = await import("../scripts/db/migrations.ts");
  const sizes = SIZES;
  const dir = mkdtempSync(path.join(os.tmpdir(), "learnloop-bench-quiz-"));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await findFreePort() });
  try {
    await applyMigrations({ databaseUrl: pg.url });
    const runs: Figures[] = [];
    for (const size of sizes) {
      runs.push(
        await new Promise<Figures>((resolve, reject) => {
          // The server modules refuse to load outside the react-server condition (server-only).
          const worker = fork(fileURLToPath(import.meta.url), ["--child"], {
            cwd: root,
            execArgv: ["--conditions=react-server", "--import", "tsx"],
            env: { ...process.env, BENCH_PLAYERS: String(size), DATABASE_URL: pg.url, AUTH_SECRET: "bench-only-auth-secret-0123456789abcdef", NODE_ENV: "production", LIVE_JOIN_RATE_LIMIT: "100000" },
          });
          worker.on("message", (message) => resolve(message as Figures));
          worker.on("exit", (code) => (code ? reject(new Error(`the bench process exited with ${code}`)) : undefined));
        }),
      );
    }
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const row = (label: string, cell: (f: Figures) => string) => `| ${label} | ${runs.map(cell).join(" | ")} |`;
    const report = [
      `# Live room: ${sizes.join(" and ")} guest players answer one question within 2 s`,
      "",
      `Measured ${new Date().toISOString()} on ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? "unknown CPU"}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")} at the end; one process (one node) with the default pool, embedded PostgreSQL.`,
      "",
      `| figure | ${runs.map((f) => `${f.players} players`).join(" | ")} |`,
      `|---|${runs.map(() => "---|").join("")}`,
      row("guests joined in", (f) => `${f.joinSeconds.toFixed(1)} s`),
      row("answers sent (incl. retries of sent answers)", (f) => `${f.answersSent} (${f.answersSent - f.players} retries)`),
      row("answers recorded / distinct players / recorded twice", (f) => `${f.answersRecorded} / ${f.distinctPlayers} / ${f.duplicatesRecorded}`),
      row("answer latency p50 / p99 / max", (f) => `${ms(f.latency.p50)} / ${ms(f.latency.p99)} / ${ms(f.latency.max)}`),
      row("question opened → subscribers hold it: median / last", (f) => `${ms(f.openFanout.p50)} / ${ms(f.openFanout.last)}`),
      row("results revealed → subscribers hold them: median / last", (f) => `${ms(f.revealFanout.p50)} / ${ms(f.revealFanout.last)}`),
      row("shared reads of the room for that reveal (one per node per change)", (f) => String(f.revealReads)),
      row("last answer acknowledged → host's count shows all", (f) => ms(f.hostSawAll)),
      "",
      `Before (200 players): ${BEFORE_200}.`,
    ].join("\n");
    console.log(report);
    mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    writeFileSync(path.join(root, "bench", "results", "quiz.md"), `${report}\n`);
    if (runs.some((f) => f.answersRecorded !== f.players || f.duplicatesRecorded !== 0)) {
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
