// `npm run bench -- review`: the review queue and rating, through the tRPC router (the server caller:
// zod, access checks, services and Prisma, as a request runs them, minus HTTP and the session cookie)
// on a throwaway embedded PostgreSQL with every migration applied.
//   1. `review.queue` p50/p99 for a learner with 100,000 cards (20,000 due, 70,000 due later,
//      10,000 new), with the due-queue index and, side by side, with it dropped.
//   2. Ratings/second with 50 learners rating concurrently (0 errors expected), through the tRPC
//      server caller and through the service alone, each with p50/p99 latency, CPU per rating (this
//      process and the database server) and round trips per rating, counted until the derived state
//      applied after commit is complete and checked against the ledger; beside ts-fsrs alone
//      scheduling the same ratings of the same cards in-process (the ratio: the cost of our layers).
//   3. The memory model: fit times for 1k / 10k / 100k reviews and held-out log loss of fitted vs
//      default parameters on a simulated population (bench/_memory-model.ts).
// Writes bench/results/review.md. BENCH_QUEUE_CALLS and BENCH_RATINGS_PER_LEARNER tune it;
// BENCH_REVIEW_SECTIONS (queue,rating,memory) and BENCH_RATING_PATHS (trpc,service) choose parts.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import "../server/server-only-hook.ts";
import { memoryModelSection } from "./_memory-model.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const QUEUE_CALLS = Number(process.env.BENCH_QUEUE_CALLS ?? 300);
const LEARNERS = 50;
const RATINGS_PER_LEARNER = Number(process.env.BENCH_RATINGS_PER_LEARNER ?? 40);
const DAY = 86_400_000;
// Which parts run: "queue,rating,memory" by default; BENCH_REVIEW_SECTIONS=rating times only the ratings.
const SECTIONS = new Set((process.env.BENCH_REVIEW_SECTIONS ?? "queue,rating,memory").split(","));
// Which rating paths: the tRPC server caller and the service alone ("trpc,service").
const RATING_PATHS = (process.env.BENCH_RATING_PATHS ?? "trpc,service").split(",");

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A small deterministic generator, so every run rates the same way. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function main() {
  const { withThrowawayDatabase } = await import("../scripts/harness/database.ts");
  await withThrowawayDatabase("learnloop-bench-review-", async () => {
    const { db } = await import("../server/db.ts");
    const { createCaller } = await import("../server/router.ts");
    const { createContextFor } = await import("../server/trpc.ts");
    const { authUserSelect } = await import("../server/auth/service.ts");
    const { rate, schedulerFor, newSchedule, RATINGS } = await import("../lib/srs/scheduler.ts");
    const { randomUUID } = await import("node:crypto");

    const now = Date.now();
    // ── 1. The queue of a learner with 100,000 cards ──────────────────────────────────────────
    const queueLines = SECTIONS.has("queue") ? await queueSection() : [];
    async function queueSection(): Promise<string[]> {
      const heavy = await db.user.create({
        data: { email: "heavy@bench.learnloop", name: "Heavy", timezone: "Europe/Paris" },
        select: authUserSelect,
      });
      console.log("Seeding 100,000 cards…");
      // 20,000 review cards due (overdue by up to 30 days), 70,000 due in 1–365 days, 10,000 new.
      await db.$executeRaw`
        INSERT INTO "Card" (id, "userId", front, back, "contentHash", state, due, stability, difficulty, "scheduledDays", reps, "lastReview", "createdAt", "updatedAt")
        SELECT 'bench-' || g, ${heavy.id}, 'Front ' || g, 'Back ' || g, md5(g::text),
               (CASE WHEN g <= 90000 THEN 'REVIEW' ELSE 'NEW' END)::"CardState",
               CASE WHEN g <= 20000 THEN ${new Date(now)}::timestamp - (g % 30) * interval '1 day' - interval '1 hour'
                    WHEN g <= 90000 THEN ${new Date(now)}::timestamp + (1 + g % 365) * interval '1 day'
                    ELSE ${new Date(now - 400 * DAY)}::timestamp + g * interval '1 second' END,
               CASE WHEN g <= 90000 THEN 5 + g % 50 ELSE 0 END, CASE WHEN g <= 90000 THEN 1 + g % 9 ELSE 0 END,
               CASE WHEN g <= 90000 THEN 5 ELSE 0 END, CASE WHEN g <= 90000 THEN 3 ELSE 0 END,
               CASE WHEN g <= 90000 THEN ${new Date(now - 40 * DAY)}::timestamp ELSE NULL END,
               ${new Date(now - 400 * DAY)}::timestamp, now()
        FROM generate_series(1, 100000) AS g`;
      await db.$executeRawUnsafe(`ANALYZE "Card"`);
      const heavyCaller = createCaller(createContextFor(heavy));
      const first = await heavyCaller.review.queue({});
      if (first.dueCount !== 1_000 || !first.dueCountCapped || first.cards.length !== 20)
        throw new Error(`unexpected queue: ${first.dueCount} due, ${first.cards.length} cards`);

      async function timeQueue(): Promise<{ p50: number; p99: number; mean: number }> {
        for (let i = 0; i < 20; i++) await heavyCaller.review.queue({});
        const times: number[] = [];
        for (let i = 0; i < QUEUE_CALLS; i++) {
          const started = performance.now();
          await heavyCaller.review.queue({});
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        return { p50: percentile(times, 50), p99: percentile(times, 99), mean: times.reduce((a, b) => a + b, 0) / times.length };
      }
      console.log("Timing review.queue with the due index…");
      const indexed = await timeQueue();
      const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT id FROM "Card" WHERE "userId" = '${heavy.id}' AND suspended = false AND state = 'REVIEW' AND due < now() ORDER BY due LIMIT 20`,
      );
      console.log("Timing review.queue without it…");
      await db.$executeRawUnsafe(`DROP INDEX "Card_userId_state_due_idx"`);
      await db.$executeRawUnsafe(`DROP INDEX "Card_userId_courseId_state_due_idx"`);
      await db.$executeRawUnsafe(`ANALYZE "Card"`);
      const unindexed = await timeQueue();
      await db.$executeRawUnsafe(`CREATE INDEX "Card_userId_state_due_idx" ON "Card"("userId", "state", "due")`);
      await db.$executeRawUnsafe(
        `CREATE INDEX "Card_userId_courseId_state_due_idx" ON "Card"("userId", "courseId", "state", "due")`,
      );
      await db.$executeRawUnsafe(`ANALYZE "Card"`);
      return [
        `review.queue (through the tRPC server caller) for a learner with 100,000 cards, 20,000 due; ${QUEUE_CALLS} sequential calls after 20 warm-up calls; each returns the first 20 due cards with next-interval previews, the due count (exact up to 1,000, then \"1000+\") and the new-card count.`,
        "",
        "| index | p50 | p99 | mean |",
        "|---|---:|---:|---:|",
        `| Card(userId, state, due) | ${indexed.p50.toFixed(1)} ms | ${indexed.p99.toFixed(1)} ms | ${indexed.mean.toFixed(1)} ms |`,
        `| without it (dropped, ANALYZEd) | ${unindexed.p50.toFixed(1)} ms | ${unindexed.p99.toFixed(1)} ms | ${unindexed.mean.toFixed(1)} ms |`,
        `| ratio without / with (p99) | | ${(unindexed.p99 / indexed.p99).toFixed(1)}× | |`,
        "",
        "Plan of the due-cards query with the index:",
        "",
        ...plan.map((row) => `    ${row["QUERY PLAN"]}`),
        "",
      ];
    }

    // ── 2. Rating throughput: 50 learners at once ─────────────────────────────────────────────
    // Each path gets its own 50 learners and cards (so the daily XP cap never differs between
    // them): the tRPC server caller (zod, access checks, middleware, the service) and the service
    // called in-process (rateCard alone), to separate the request path from the rating itself.
    const pg = await import("pg");
    const roundTrips = { count: 0 };
    const originalQuery = pg.default.Client.prototype.query;
    // Counts what the pool sends to PostgreSQL: every statement, BEGIN and COMMIT is one round trip.
    pg.default.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      roundTrips.count++;
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof originalQuery;
    const backendPids = async () => (await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`).map((row) => row.pid);
    const clockTicks = 100;
    const cpuOfPid = (pid: number) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        // utime, stime, cutime, cstime (fields 14–17 of proc(5), here offset by the two before ") ").
        return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * (1000 / clockTicks);
      } catch {
        return 0;
      }
    };
    const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
    /** CPU milliseconds used so far by this database's PostgreSQL server: the postmaster, its reaped children, and the live ones. */
    async function postgresCpuMs() {
      const [pid] = await backendPids();
      if (!pid) return 0;
      const postmaster = parentOf(pid);
      let total = cpuOfPid(postmaster);
      for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          if (parentOf(Number(entry)) === postmaster) total += cpuOfPid(Number(entry));
        } catch {
          // The process ended meanwhile.
        }
      }
      return total;
    }

    const startState = {
      state: "REVIEW" as const,
      due: new Date(now - DAY),
      stability: 10,
      difficulty: 5,
      scheduledDays: 10,
      learningSteps: 0,
      reps: 4,
      lapses: 0,
      lastReview: new Date(now - 11 * DAY),
    };
    const random = seeded(42);
    const plans = Array.from({ length: LEARNERS }, () => Array.from({ length: RATINGS_PER_LEARNER }, () => RATINGS[Math.floor(random() * 4)]!));
    const total = LEARNERS * RATINGS_PER_LEARNER;

    type RatingRun = { label: string; rate: number; p50: number; p99: number; nodeCpu: number; pgCpu: number; trips: number; errors: number; firstError?: string; settle: string; checks: string; ok: boolean };
    async function ratingRun(label: string, tag: string, rateOne: (learner: Awaited<ReturnType<typeof createLearner>>, input: { reviewId: string; cardId: string; version: number; rating: 1 | 2 | 3 | 4; durationMs: number }) => Promise<{ outcome: string }>): Promise<RatingRun> {
      console.log(`Rating: ${label}…`);
      const learners = await Promise.all(Array.from({ length: LEARNERS }, (_, i) => createLearner(`${tag}-${i}`)));
      await db.card.createMany({
        data: learners.flatMap((learner, i) =>
          Array.from({ length: RATINGS_PER_LEARNER }, (_, j) => ({ id: `rate-${tag}-${i}-${j}`, userId: learner.id, front: `F${j}`, back: `B${j}`, contentHash: `h${j}`, ...startState })),
        ),
      });
      // Opens every pooled connection before the clock starts.
      await Promise.all(Array.from({ length: 20 }, () => db.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.01)`));
      let errors = 0;
      let applied = 0;
      let firstError: string | undefined;
      const latencies: number[] = [];
      const pgBefore = await postgresCpuMs();
      const cpuBefore = process.cpuUsage();
      const tripsBefore = roundTrips.count;
      const started = performance.now();
      await Promise.all(
        learners.map(async (learner, i) => {
          for (let j = 0; j < RATINGS_PER_LEARNER; j++) {
            const t0 = performance.now();
            try {
              const result = await rateOne(learner, { reviewId: randomUUID(), cardId: `rate-${tag}-${i}-${j}`, version: 0, rating: plans[i]![j]!, durationMs: 4000 });
              if (result.outcome === "applied") applied++;
              else errors++;
            } catch (error) {
              errors++;
              firstError ??= (error as Error).message;
            }
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      // Derived state applied after commit counts too: the clock for CPU and round trips stops once
      // nothing is pending (the time it took is reported beside the ratings).
      const settleStarted = performance.now();
      await backgroundSettled();
      const leftPending = await settleAllPending();
      const settleMs = performance.now() - settleStarted;
      const cpu = process.cpuUsage(cpuBefore);
      const trips = roundTrips.count - tripsBefore;
      const pgCpu = (await postgresCpuMs()) - pgBefore;
      latencies.sort((a, b) => a - b);
      const ids = learners.map((l) => l.id);
      const logged = await db.reviewLog.count({ where: { userId: { in: ids } } });
      const xpRows = await db.xpEvent.count({ where: { userId: { in: ids }, source: "review" } });
      const xpSum = (await db.xpEvent.aggregate({ where: { userId: { in: ids } }, _sum: { amount: true } }))._sum.amount ?? 0;
      const dayXp = (await db.xpDay.aggregate({ where: { userId: { in: ids } }, _sum: { xp: true } }))._sum.xp ?? 0;
      const leagueXp = (await db.leagueScore.aggregate({ where: { userId: { in: ids }, period: "all", scope: "global" }, _sum: { xp: true } }))._sum.xp ?? 0;
      const badges = await db.userBadge.count({ where: { userId: { in: ids }, badgeId: "first-review" } });
      const ok = !errors && applied === total && logged === total && xpRows === total && dayXp === xpSum && leagueXp === xpSum && badges === LEARNERS;
      return {
        label,
        rate: total / seconds,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        nodeCpu: (cpu.user + cpu.system) / 1000 / total,
        pgCpu: pgCpu / total,
        trips: trips / total,
        errors,
        firstError,
        ok,
        settle: `${settleMs.toFixed(0)} ms${leftPending ? ` (${leftPending} left for the sweep)` : ""}`,
        checks: `${applied} applied, ${logged} review-log rows, ${xpRows} XP events (${xpSum} XP; day totals ${dayXp}, all-time league ${leagueXp}), ${badges} first-review badges`,
      };
    }
    async function createLearner(tag: string) {
      return db.user.create({ data: { email: `rater-${tag}@bench.learnloop`, name: `Rater ${tag}` }, select: authUserSelect });
    }
    const { rateCard } = await import("../server/review/service.ts");
    const { backgroundSettled, settleAllPending } = await import("../server/gamification/service.ts");
    const runs: RatingRun[] = [];
    for (const path of RATING_PATHS) {
      if (path === "trpc") runs.push(await ratingRun("review.rate through the tRPC server caller", "trpc", (learner, input) => createCaller(createContextFor(learner)).review.rate(input)));
      if (path === "service") runs.push(await ratingRun("rateCard (the service) in-process", "service", (learner, input) => rateCard({ userId: learner.id, ...input })));
    }
    pg.default.Client.prototype.query = originalQuery;

    // The same ratings of the same cards, scheduled by ts-fsrs alone (through lib/srs), repeated
    // enough times to time it.
    const scheduler = schedulerFor({ desiredRetention: 0.9 });
    const repeats = 50;
    const fsrsStarted = performance.now();
    for (let r = 0; r < repeats; r++) {
      for (const plan of plans) for (const rating of plan) rate(scheduler, startState, rating, new Date(now));
    }
    const fsrsSeconds = (performance.now() - fsrsStarted) / 1000 / repeats;
    void newSchedule;
    const fsrsRate = total / fsrsSeconds;
    const load = os.loadavg()[0]!.toFixed(1);
    const lines = [
      `Learnloop review benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(1)} at the end), embedded PostgreSQL, pool of ${process.env.DB_POOL_MAX ?? 10} connections`,
      "",
      ...queueLines,
      `Rating: ${LEARNERS} learners rating concurrently, ${RATINGS_PER_LEARNER} due cards each (${total} ratings per path), load average ${load} at the end of the ratings. CPU per rating is this process's user + system time and the database server's (its processes' times from /proc), each divided by the ratings; round trips are the statements the pool sent (BEGIN and COMMIT included).`,
      "",
      "| path | ratings/s | p50 | p99 | node CPU / rating | PostgreSQL CPU / rating | round trips / rating | errors |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
      ...runs.map((run) => `| ${run.label} | ${run.rate.toFixed(0)} | ${run.p50.toFixed(1)} ms | ${run.p99.toFixed(1)} ms | ${run.nodeCpu.toFixed(2)} ms | ${run.pgCpu.toFixed(2)} ms | ${run.trips.toFixed(1)} | ${run.errors}${run.firstError ? ` (${run.firstError})` : ""} |`),
      `| ts-fsrs alone, same ratings in-process | ${fsrsRate.toFixed(0)} | | | | | | 0 |`,
      ...runs.map((run) => `| ratio ts-fsrs / ${run.label} (cost of our layers) | ${(fsrsRate / run.rate).toFixed(0)}× | | | | | | |`),
      "",
      ...runs.map((run) => `Checks, ${run.label}: ${run.checks}${run.ok ? "" : " — MISMATCH"}; derived state complete ${run.settle} after the last rating answered.`),
      ...(SECTIONS.has("memory") ? await memoryModelSection() : []),
    ];
    const report = lines.join("\n");
    console.log(`\n${report}`);
    mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    writeFileSync(path.join(root, "bench", "results", "review.md"), `${report}\n`);
    await db.$disconnect();
    if (runs.some((run) => !run.ok)) process.exitCode = 1;
  });
}

await main();
