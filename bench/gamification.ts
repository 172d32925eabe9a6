// `npm run bench -- gamification`: the dashboard and the weekly leaderboard at scale, in-process
// through the tRPC caller (validation, access checks and services included), on a throwaway
// embedded PostgreSQL with every migration applied.
//   - dashboard data for a learner with 2 years of daily activity (50,000 ledger events)
//   - the weekly global leaderboard over 100,000 learners, read from the materialized LeagueScore
//     rows and their (period, scope, hidden, xp desc, reachedAt, userId) index, beside the naive
//     query that sums this week's ledger (500,000 events) per learner on every request
//   - league tiers: the viewer's tier table, the "anything to close?" check each read makes, and
//     one weekly close of 100,000 learners in ten tiers
// Writes bench/results/gamification.md. BENCH_ITERATIONS (default 200) calls per measurement.
import "../server/server-only-hook.ts";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);
const { findFreePort, startEmbeddedPostgres } = await import("../scripts/db/embedded.ts");
const { applyMigrations } = await import("../scripts/db/migrations.ts");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(run: () => Promise<unknown>, count = iterations) {
  for (let i = 0; i < Math.min(20, count); i++) await run();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), n: count };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "learnloop-bench-game-"));
chmodSync(dir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await findFreePort() });
try {
  await applyMigrations({ databaseUrl: pg.url });
  process.env.DATABASE_URL = pg.url;
  const { db } = await import("../server/db.ts");
  const { createCaller } = await import("../server/router.ts");
  const { createContextFor } = await import("../server/trpc.ts");
  const { authUserSelect } = await import("../server/auth/service.ts");
  const { weekKey } = await import("../lib/gamification/league.ts");

  console.log("Seeding: a learner with 50,000 events over 2 years …");
  const started = performance.now();
  await db.$executeRaw`INSERT INTO "User" (id, email, name, timezone, "updatedAt") VALUES ('bench-learner', 'bench@learnloop.local', 'Bench Learner', 'Europe/Berlin', now())`;
  await db.$executeRaw`
    INSERT INTO "XpEvent" (id, "userId", source, "sourceId", amount, "createdAt", meta)
    SELECT 'e' || g, 'bench-learner', 'review', 'r' || g, 2, now() - (g * interval '730 days' / 50000), '{"cardId":"c","rating":3}'::jsonb
    FROM generate_series(1, 50000) g`;

  console.log("Seeding: 100,000 learners with this week's activity (500,000 events) …");
  const week = weekKey(new Date());
  await db.$executeRaw`
    INSERT INTO "User" (id, email, name, "updatedAt")
    SELECT 'u' || g, 'u' || g || '@bench.learnloop', 'Learner ' || g, now() FROM generate_series(1, 100000) g`;
  await db.$executeRaw`
    INSERT INTO "XpEvent" (id, "userId", source, "sourceId", amount, "createdAt")
    SELECT 'w' || g || '-' || k, 'u' || g, 'lesson-section', 's' || k, 1 + ((g * 7 + k * 13) % 40), ${new Date(`${week}T00:00:00Z`)}::timestamp + (k * interval '1 hour')
    FROM generate_series(1, 100000) g, generate_series(1, 5) k`;
  // The league rows the app keeps in step with the ledger (the same backfill the migration runs).
  await db.$executeRaw`
    INSERT INTO "LeagueScore" (period, scope, "userId", xp, "reachedAt", hidden)
    SELECT p.period, 'global', e."userId", sum(e.amount)::int, max(e."createdAt"), false
    FROM "XpEvent" e CROSS JOIN LATERAL (VALUES ('all'), (to_char(date_trunc('week', e."createdAt"), 'YYYY-MM-DD'))) AS p(period)
    GROUP BY p.period, e."userId"`;
  const { rebuildFromLedger } = await import("../server/gamification/service.ts");
  await db.$transaction((tx) => rebuildFromLedger({ id: "bench-learner", timezone: "Europe/Berlin", leaderboardOptOut: false }, tx), { timeout: 120_000 });
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const learner = await db.user.findUniqueOrThrow({ where: { id: "bench-learner" }, select: authUserSelect });
  const middle = await db.user.findUniqueOrThrow({ where: { id: "u50000" }, select: authUserSelect });
  const asLearner = createCaller(createContextFor(learner));
  const asMiddle = createCaller(createContextFor(middle));

  // League tiers: the 100,000 learners spread over the ten tiers, and last week's league (the
  // same rows one week earlier) left to close, to time one weekly close of 100,000 learners.
  await db.$executeRaw`UPDATE "User" SET "leagueTier" = substr(id, 2)::int % 10 WHERE id ~ '^u[0-9]+$'`;
  const { closeLeagueWeeks } = await import("../server/gamification/tiers.ts");
  const lastWeek = weekKey(new Date(Date.now() - 7 * 24 * 3600_000));
  await db.$executeRaw`
    INSERT INTO "LeagueScore" (period, scope, "userId", xp, "reachedAt", hidden)
    SELECT ${lastWeek}, scope, "userId", xp, "reachedAt" - interval '7 days', hidden FROM "LeagueScore" WHERE period = ${week} AND scope = 'global'
    ON CONFLICT DO NOTHING`;
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  const closeStart = performance.now();
  const closedWeeks = await closeLeagueWeeks();
  const closeMs = performance.now() - closeStart;
  const movedUp = await db.leagueResult.count({ where: { week: lastWeek, outcome: "PROMOTED" } });
  const movedDown = await db.leagueResult.count({ where: { week: lastWeek, outcome: "DEMOTED" } });
  const nothingToClose = await measure(() => closeLeagueWeeks());

  const dashboard = await measure(() => asLearner.gamification.dashboard());
  const events = await db.xpEvent.count({ where: { userId: learner.id } });
  const board = await measure(() => asMiddle.gamification.leaderboard({ period: "week", limit: 50 }));
  const sample = await asMiddle.gamification.leaderboard({ period: "week", limit: 50 });
  const tierBoard = await measure(() => asMiddle.gamification.tierLeague());
  const tierSample = await asMiddle.gamification.tierLeague();
  const weekStart = new Date(`${week}T00:00:00Z`);
  const naive = await measure(
    () => db.$queryRaw`
      SELECT "userId", sum(amount)::int AS xp FROM "XpEvent" WHERE "createdAt" >= ${weekStart}
      GROUP BY "userId" ORDER BY xp DESC, "userId" LIMIT 50`,
    Math.max(5, Math.floor(iterations / 20)),
  );
  const learners = await db.leagueScore.count({ where: { period: week, scope: "global" } });

  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const report = [
    "# Gamification benchmark",
    "",
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, in-process through the tRPC caller; ${iterations} calls each after 20 warm-up calls.`,
    "",
    "| measurement | p50 | p99 | target |",
    "| --- | --- | --- | --- |",
    `| \`gamification.dashboard\`, learner with ${events.toLocaleString("en")} events over 2 years | ${ms(dashboard.p50)} | ${ms(dashboard.p99)} | p99 < 100 ms |`,
    `| \`gamification.leaderboard\` (week, global), ${learners.toLocaleString("en")} learners, viewer ranked #${sample.viewer.rank} | ${ms(board.p50)} | ${ms(board.p99)} | p99 < 100 ms |`,
    `| naive weekly leaderboard: sum this week's ledger per learner (${naive.n} calls) | ${ms(naive.p50)} | ${ms(naive.p99)} | — |`,
    `| \`gamification.tierLeague\`, ${tierSample.tier.name} (${tierSample.size.toLocaleString("en")} of the week's learners), viewer ranked #${tierSample.viewer.rank} | ${ms(tierBoard.p50)} | ${ms(tierBoard.p99)} | p99 < 100 ms |`,
    `| \`closeLeagueWeeks\` with nothing to close (the check every league read and dashboard makes) | ${ms(nothingToClose.p50)} | ${ms(nothingToClose.p99)} | — |`,
    `| one weekly close of ${learners.toLocaleString("en")} learners in 10 tiers (${movedUp.toLocaleString("en")} up, ${movedDown.toLocaleString("en")} down), with the ${closedWeeks.length - 1} older one-learner weeks of the 2-year learner | ${ms(closeMs)} (once) | — | well under the 5-minute grace |`,
    "",
    `Materialized leaderboard vs naive sum, p50: ${(naive.p50 / board.p50).toFixed(0)}× faster.`,
    "",
  ].join("\n");
  console.log(`\n${report}`);
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  writeFileSync(path.join(root, "bench", "results", "gamification.md"), report);
  await db.$disconnect();
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
