// The personal memory model on a real database: simulated learners with known "true" FSRS
// parameters review cards scheduled the way Learnloop schedules them; their logs go into the
// database; fits run the worker's own job function (and once through a real worker process).
import { spawn } from "node:child_process";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_PARAMETERS, evaluateParameters, expectedLogLoss, itemsFromHistory } from "@/lib/srs/memory-model";
import { seededRandom, simulateLearner, type SimulatedReview } from "@/lib/srs/simulate-learner";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { codeOf } from "../test/error-code";
import { createContextFor } from "../trpc";
import { MIN_TRAINABLE_REVIEWS, runFit } from "./memory-model";

const root = path.resolve(import.meta.dirname, "../..");
const TIMEOUT_SECONDS = 300;
const callerFor = (user: AuthUser) => createCaller(createContextFor(user));

afterAll(async () => {
  const boss = await (globalThis as unknown as { learnloopMemoryFitBoss?: Promise<PgBoss> }).learnloopMemoryFitBoss?.catch(() => undefined);
  await boss?.stop({ graceful: false }).catch(() => undefined);
});

/** Writes a simulated learner's cards (as they stand after `reviews`) and review log. */
async function seedLearner(user: AuthUser, reviews: readonly SimulatedReview[]) {
  const cards = new Map<string, SimulatedReview>();
  for (const review of reviews) cards.set(review.cardId, review);
  const ids = new Map<string, string>();
  const cardRows = [...cards.entries()].map(([simId, last]) => {
    const id = `${user.id.slice(0, 12)}-${simId}`;
    ids.set(simId, id);
    return { id, userId: user.id, front: `Front ${simId}`, back: `Back ${simId}`, ...last.after, version: 1 };
  });
  await db.card.createMany({ data: cardRows });
  const logRows = reviews.map((review, i) => ({
    reviewId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    userId: user.id,
    cardId: ids.get(review.cardId)!,
    rating: review.rating,
    state: review.log.state,
    due: review.log.due,
    stability: review.log.stability,
    difficulty: review.log.difficulty,
    elapsedDays: review.log.elapsedDays,
    scheduledDays: review.log.scheduledDays,
    learningSteps: review.log.learningSteps,
    reviewedAt: review.reviewedAt,
    before: {},
    nextDue: review.after.due,
    nextState: review.after.state,
    cardVersion: 1,
  }));
  for (let i = 0; i < logRows.length; i += 2000) await db.reviewLog.createMany({ data: logRows.slice(i, i + 2000) });
  return ids;
}

describe("a learner with too little history", () => {
  it("is told how many more reviews are needed, and nothing is queued", async () => {
    const user = await createTestUser();
    const sim = simulateLearner({ seed: 7, reviews: 120 });
    await seedLearner(user, sim.reviews);
    const trainable = itemsFromHistory(sim.reviews, "UTC").length;
    expect(await codeOf(callerFor(user).review.optimize())).toBe("BAD_REQUEST");
    const error = await callerFor(user).review.optimize().catch((e: unknown) => e);
    expect((error as Error).message).toContain(`you have ${trainable}, so ${MIN_TRAINABLE_REVIEWS - trainable} more`);
    expect(await db.memoryModelFit.count({ where: { userId: user.id } })).toBe(0);
    const view = await callerFor(user).review.memoryModel();
    expect(view).toMatchObject({ trainable, needed: MIN_TRAINABLE_REVIEWS - trainable, using: "defaults", active: null });
  });
});

/** The next reviews each simulated learner does after the history the fit saw: what the fit must predict. */
const LATER_REVIEWS = 1000;

describe("30 simulated learners with their own memories", () => {
  it("fits beat the defaults on later reviews for at least 27 of 30, and only better fits can be adopted", { timeout: 900_000 }, async () => {
    const random = seededRandom(2026);
    const results: { items: number; later: number; fitted: number; defaults: number; truth: number; realizedFitted: number; realizedDefaults: number; realizedTruth: number; adopted: boolean }[] = [];
    for (let learner = 0; learner < 30; learner++) {
      // The history in the database: 500–3,000 reviews. Then the learner goes on reviewing (scheduled as before) for LATER_REVIEWS more.
      const total = 500 + Math.floor(random() * 2501);
      const sim = simulateLearner({ seed: 1000 + learner, reviews: total + LATER_REVIEWS });
      const seen = sim.reviews.slice(0, total);
      const cut = sim.reviews[total]!.reviewedAt;
      const user = await createTestUser();
      await seedLearner(user, seen);
      const caller = callerFor(user);

      // Every learner of the population has enough history to fit (500 reviews give ~200 trainable ones).
      const fit = await caller.review.optimize();
      expect(await runFit({ fitId: fit.id, timeoutSeconds: TIMEOUT_SECONDS })).toBe("succeeded");
      const done = await db.memoryModelFit.findUniqueOrThrow({ where: { id: fit.id } });
      expect(done).toMatchObject({ status: "SUCCEEDED", activeKey: null, progress: 1, reviewCount: total });
      expect(done.parameters).toHaveLength(21);
      // The rule, for every learner: better means lower log loss than the parameters in use (here the defaults) on the fit's own time-series splits.
      expect(done.better).toBe(done.fittedLogLoss! < done.baselineLogLoss!);
      expect(done.baselineLogLoss).toBeCloseTo(done.defaultLogLoss!, 10);

      let adopted = false;
      if (done.better) {
        const preview = await caller.review.previewSwitch({ target: { fitId: fit.id } });
        await caller.review.switchParameters({ target: { fitId: fit.id }, settingsVersion: preview.settingsVersion });
        const settings = await db.reviewSettings.findUniqueOrThrow({ where: { userId: user.id } });
        expect(settings.weights).toEqual(done.parameters);
        expect(settings.fitId).toBe(fit.id);
        adopted = true;
      } else {
        expect(await codeOf(caller.review.previewSwitch({ target: { fitId: fit.id } }))).toBe("CONFLICT");
        const settings = await db.reviewSettings.findUnique({ where: { userId: user.id } });
        expect(settings?.weights ?? []).toEqual([]);
      }
      // Held out: the reviews after the history the fit read.
      const later = itemsFromHistory(sim.reviews, "UTC").filter((item) => item.at >= cut);
      results.push({
        items: done.trainableCount!,
        later: later.length,
        fitted: expectedLogLoss(done.parameters, sim.trueParameters, later),
        defaults: expectedLogLoss(DEFAULT_PARAMETERS, sim.trueParameters, later),
        truth: expectedLogLoss(sim.trueParameters, sim.trueParameters, later),
        realizedFitted: evaluateParameters(done.parameters, later).logLoss,
        realizedDefaults: evaluateParameters(DEFAULT_PARAMETERS, later).logLoss,
        realizedTruth: evaluateParameters(sim.trueParameters, later).logLoss,
        adopted,
      });
    }
    const wins = results.filter((r) => r.fitted < r.defaults).length;
    const truthWins = results.filter((r) => r.truth < r.defaults).length;
    const realizedWins = results.filter((r) => r.realizedFitted < r.realizedDefaults).length;
    const realizedTruthWins = results.filter((r) => r.realizedTruth < r.realizedDefaults).length;
    const adopted = results.filter((r) => r.adopted);
    console.log(
      `later reviews, expected log loss: fitted beat the defaults for ${wins}/30 (true parameters ${truthWins}/30); ` +
        `realized log loss: ${realizedWins}/30 (true parameters ${realizedTruthWins}/30); ` +
        `adopted ${adopted.length}/30, of which ${adopted.filter((r) => r.fitted < r.defaults).length} beat the defaults later`,
    );
    // The measure is sound: the learners' own memories beat the defaults for every one of them.
    expect(truthWins).toBe(30);
    // Measured: 27/30 (the three losses are learners whose memory is within 0.003 of the defaults' expected log loss).
    expect(wins).toBeGreaterThanOrEqual(27);
    // What the adoption rule buys: learners who adopted a fit predict their future better with it (measured: 23 of 25 adopted).
    expect(adopted.filter((r) => r.fitted < r.defaults).length).toBeGreaterThanOrEqual(Math.ceil(adopted.length * 0.9));
  });
});

describe("switching parameters", () => {
  it("shows the workload change, reschedules from the history, and goes back to the defaults", { timeout: 300_000 }, async () => {
    const user = await createTestUser({ timezone: "America/New_York" });
    // A learner who forgets new cards four times faster than the defaults assume, on a steeper curve: a fit must do better.
    const trueParameters = DEFAULT_PARAMETERS.map((w, i) => (i < 4 ? w * 0.25 : i === 20 ? 0.5 : w));
    const sim = simulateLearner({ seed: 4242, reviews: 3000, start: new Date(Date.now() - 200 * 86_400_000), trueParameters });
    await seedLearner(user, sim.reviews);
    const caller = callerFor(user);
    const [first, second] = await Promise.all([caller.review.optimize(), caller.review.optimize()]);
    expect(second.id).toBe(first.id);
    expect(await db.memoryModelFit.count({ where: { userId: user.id } })).toBe(1);
    expect((await caller.review.memoryModel()).active?.id).toBe(first.id);

    // Two attempts (a retried job beside one thought dead) resolve to one result.
    const [a, b] = await Promise.all([runFit({ fitId: first.id, timeoutSeconds: TIMEOUT_SECONDS }), runFit({ fitId: first.id, timeoutSeconds: TIMEOUT_SECONDS })]);
    expect([a, b].sort()).toEqual(["skipped", "succeeded"]);
    expect(await runFit({ fitId: first.id, timeoutSeconds: TIMEOUT_SECONDS })).toBe("skipped");
    const fit = await db.memoryModelFit.findUniqueOrThrow({ where: { id: first.id } });
    expect(fit.better).toBe(true);

    const before = await caller.review.dueCount();
    const preview = await caller.review.previewSwitch({ target: { fitId: fit.id } });
    expect(preview.today.before).toBe(before.due);
    expect(preview.cardsMoved).toBeGreaterThan(0);
    expect(await codeOf(caller.review.switchParameters({ target: { fitId: fit.id }, settingsVersion: preview.settingsVersion + 1 }))).toBe("CONFLICT");
    const switched = await caller.review.switchParameters({ target: { fitId: fit.id }, settingsVersion: preview.settingsVersion });
    expect(switched.using).toBe("fitted");
    const after = await caller.review.dueCount();
    expect(after.due).toBe(preview.today.after);

    // The scheduler now uses the fitted parameters: a fresh replay of one card agrees with its row.
    const model = await caller.review.memoryModel();
    expect(model).toMatchObject({ using: "fitted", usingFitId: fit.id });
    expect(model.parameters).toEqual(fit.parameters);
    expect(model.fits[0]).toMatchObject({ id: fit.id, adoptedAt: expect.any(Date) });

    const curve = await caller.review.workloadCurve();
    expect(curve.points).toHaveLength(28);
    expect(curve.points[0]!.dailyReviews).toBeLessThan(curve.points.at(-1)!.dailyReviews);
    expect(curve.best).toBeGreaterThanOrEqual(0.7);
    expect(curve.best).toBeLessThanOrEqual(0.97);

    const back = await caller.review.previewSwitch({ target: { defaults: true } });
    await caller.review.switchParameters({ target: { defaults: true }, settingsVersion: back.settingsVersion });
    expect(await caller.review.dueCount()).toMatchObject({ due: before.due });
    const reverted = await caller.review.memoryModel();
    expect(reverted).toMatchObject({ using: "defaults", usingFitId: null });
    expect(reverted.fits[0]!.retiredAt).toBeInstanceOf(Date);
    // The old fit was compared with the defaults, which are in use again: it may be adopted again.
    await expect(caller.review.previewSwitch({ target: { fitId: fit.id } })).resolves.toMatchObject({ cardsMoved: preview.cardsMoved });
  });

  it("never lets a learner use or see another learner's fit", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const fit = await db.memoryModelFit.create({ data: { userId: owner.id, trigger: "manual", status: "SUCCEEDED", better: true, parameters: [...DEFAULT_PARAMETERS], baseline: [] } });
    expect(await codeOf(callerFor(other).review.previewSwitch({ target: { fitId: fit.id } }))).toBe("NOT_FOUND");
    expect((await callerFor(other).review.memoryModel()).fits).toEqual([]);
    expect(await codeOf(callerFor(other).review.switchParameters({ target: { fitId: fit.id, defaults: true } as never, settingsVersion: 0 }))).toBe("BAD_REQUEST");
  });
});

type Worker = { child: ReturnType<typeof spawn>; output: string[]; exited: Promise<unknown> };

function startWorker(): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", "server/training/worker.ts"], { cwd: root, env: { ...process.env, TRAINING_BACKEND: "cpu" }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return { child, output, exited: new Promise((resolve) => child.once("exit", resolve)) };
}

async function stopWorker(worker: Worker, signal: NodeJS.Signals = "SIGTERM") {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill(signal);
  await worker.exited;
}

const fitRow = (id: string) => db.memoryModelFit.findUniqueOrThrow({ where: { id }, select: { status: true, attempts: true, progress: true, parameters: true, activeKey: true, error: true } });

async function waitForFit(id: string, done: (fit: Awaited<ReturnType<typeof fitRow>>) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fit = await fitRow(id);
    if (done(fit) || Date.now() > deadline) return fit;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the fit job on a real worker", () => {
  it("is queued by optimize and finished by `npm run worker`", { timeout: 180_000 }, async () => {
    const user = await createTestUser();
    const sim = simulateLearner({ seed: 99, reviews: 2000 });
    await seedLearner(user, sim.reviews);
    const fit = await callerFor(user).review.optimize();
    const worker = startWorker();
    try {
      const done = await waitForFit(fit.id, (f) => f.status === "SUCCEEDED" || f.status === "FAILED", 150_000);
      expect(done.status, worker.output.join("")).toBe("SUCCEEDED");
    } finally {
      await stopWorker(worker);
    }
  });

  it("is run again by pg-boss on another worker when its worker is killed mid-fit, and finishes", { timeout: 300_000 }, async () => {
    const user = await createTestUser();
    // A long history, so the fit is still running when its worker is killed.
    const sim = simulateLearner({ seed: 31, reviews: 12_000 });
    await seedLearner(user, sim.reviews);
    const fit = await callerFor(user).review.optimize();
    const first = startWorker();
    let second: Worker | undefined;
    try {
      const running = await waitForFit(fit.id, (f) => (f.status === "RUNNING" && f.progress > 0) || f.status === "SUCCEEDED" || f.status === "FAILED", 120_000);
      expect(running, first.output.join("")).toMatchObject({ status: "RUNNING", attempts: 1 });
      await stopWorker(first, "SIGKILL");
      // The killed attempt left the fit running; nothing was written but its progress.
      expect(await fitRow(fit.id)).toMatchObject({ status: "RUNNING", attempts: 1, parameters: [], activeKey: user.id });

      second = startWorker();
      // The job's heartbeat stops with the worker; pg-boss's supervisor fails it and retries it on the live worker.
      const done = await waitForFit(fit.id, (f) => f.status === "SUCCEEDED" || f.status === "FAILED", 240_000);
      expect(done, second.output.join("")).toMatchObject({ status: "SUCCEEDED", attempts: 2, activeKey: null, progress: 1 });
      expect(done.parameters).toHaveLength(21);
      const jobs = await db.$queryRaw<{ state: string; retryCount: number }[]>`
        SELECT state::text AS state, retry_count AS "retryCount" FROM pgboss.job WHERE name = 'memory-fit' AND data->>'fitId' = ${fit.id}`;
      expect(jobs).toEqual([{ state: "completed", retryCount: 1 }]);
    } finally {
      await stopWorker(first, "SIGKILL");
      if (second) await stopWorker(second);
    }
  });
});
