import "server-only";
import type { FSRSBindingItem } from "@open-spaced-repetition/binding";
import {
  DEFAULT_PARAMETERS,
  evaluateParameters,
  evaluatePredictions,
  isParameterVector,
  itemsFromHistory,
  predictRecall,
  timeSeriesSplits,
  type Evaluation,
  type HistoryReview,
  type MemoryItem,
} from "@/lib/srs/memory-model";
import { DEFAULT_NEW_CARDS_PER_DAY, newSchedule, rate, type Rating, type Schedule, schedulerFor } from "@/lib/srs/scheduler";
import { workloadCurve, type WorkloadCard } from "@/lib/srs/workload";
import { db } from "../db";
import type { DbClient } from "../db-client";
import { DomainError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { getTrainingEnv } from "../training/env";
import { enqueueMemoryFit, memoryFitQueue } from "./memory-queue";
import { LEARN_AHEAD_MINUTES, localDay } from "./service";

// A learner's own memory model: FSRS-6 parameters fitted to their review log by fsrs-rs's
// optimizer (@open-spaced-repetition/binding), in a pg-boss job on the training workers, never on
// a web request. A fit is kept as evidence: how well the fitted parameters predict reviews they
// did not see (time-series splits) against the parameters the learner uses now. Only a fit that
// predicts better may be adopted, and adopting it (or going back to the defaults) recomputes every
// card's memory state from its history, after the learner has seen what it does to their workload.

/**
 * Reviews the optimizer can learn from before a fit is offered: reviews on a later day than the
 * card's previous one (same-day steps teach it nothing on their own). fsrs-rs returns the defaults
 * below 8 such items and fits only the four initial stabilities below 64. With 128, the final fit
 * and at least three of the five time-series folds train all 21 parameters (the earlier folds fit
 * the initial stabilities only, which can only make the evidence more cautious); whether the fit
 * is used is then decided by that evidence, not by the count. A learner with 500 reviews has about
 * 200 such reviews.
 */
export const MIN_TRAINABLE_REVIEWS = 128;
/** fsrs-rs's optimizer options as Learnloop schedules: short-term (same-day) stability on, one relearning step. */
const OPTIMIZER_OPTIONS = { enableShortTerm: true, numRelearningSteps: 1 } as const;
const MAX_ATTEMPTS = 3;
const HISTORY_LIMIT = 20;


// ── How much history there is ────────────────────────────────────────────────────────────────

/** Reviews (not undone) in the log, and those on a later local day than the card's previous review. */
export async function countHistory(options: { userId: string; timeZone: string }, client: DbClient = db): Promise<{ reviews: number; trainable: number; last: Date | null }> {
  const { userId, timeZone } = options;
  const [row] = await client.$queryRaw<{ reviews: number; trainable: number; last: Date | null }[]>`
    SELECT count(*)::int AS reviews, count(*) FILTER (WHERE prev IS NOT NULL AND day > prev)::int AS trainable, max("reviewedAt") AS last
    FROM (SELECT "reviewedAt", ("reviewedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone})::date AS day,
                 lag(("reviewedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone})::date) OVER (PARTITION BY "cardId" ORDER BY "reviewedAt", id) AS prev
          FROM "ReviewLog" WHERE "userId" = ${userId} AND "undoneAt" IS NULL) AS r`;
  return { reviews: row?.reviews ?? 0, trainable: row?.trainable ?? 0, last: row?.last ?? null };
}

export function notEnoughMessage(trainable: number): string {
  const more = MIN_TRAINABLE_REVIEWS - trainable;
  return `Optimizing needs ${MIN_TRAINABLE_REVIEWS} reviews of cards on a later day than their previous review; you have ${trainable}, so ${more} more ${more === 1 ? "is" : "are"} needed.`;
}

async function loadHistory(options: { userId: string }, client: DbClient = db): Promise<HistoryReview[]> {
  return client.reviewLog.findMany({ where: { userId: options.userId, undoneAt: null }, orderBy: [{ reviewedAt: "asc" }, { id: "asc" }], select: { cardId: true, rating: true, reviewedAt: true } });
}

async function settingsRow(options: { userId: string }, client: DbClient = db) {
  const row = await client.reviewSettings.findUnique({ where: { userId: options.userId }, select: { desiredRetention: true, weights: true, fitId: true, weightsVersion: true } });
  return row ?? { desiredRetention: 0.9, weights: [] as number[], fitId: null, weightsVersion: 0 };
}

/** The parameters a learner is scheduled with: their adopted ones, or FSRS's defaults. */
const effective = (weights: readonly number[]) => (isParameterVector(weights) ? [...weights] : [...DEFAULT_PARAMETERS]);
const sameParameters = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((value, i) => Math.abs(value - b[i]!) < 1e-9);

// ── Requesting a fit ─────────────────────────────────────────────────────────────────────────

const fitSelect = {
  id: true,
  status: true,
  trigger: true,
  progress: true,
  reviewCount: true,
  trainableCount: true,
  historyUntil: true,
  parameters: true,
  baseline: true,
  fittedLogLoss: true,
  fittedRmse: true,
  baselineLogLoss: true,
  baselineRmse: true,
  defaultLogLoss: true,
  defaultRmse: true,
  heldOutCount: true,
  better: true,
  error: true,
  requestedAt: true,
  startedAt: true,
  finishedAt: true,
  adoptedAt: true,
  retiredAt: true,
} satisfies Prisma.MemoryModelFitSelect;
export type MemoryFitView = Prisma.MemoryModelFitGetPayload<{ select: typeof fitSelect }>;

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * Queues a fit of the learner's parameters. A learner with too little history gets a sentence
 * saying how much more is needed; a second request while one is queued or running returns that
 * one (the unique `activeKey` makes concurrent requests one fit).
 */
export async function requestFit(options: { userId: string; trigger?: "manual" | "automatic" }): Promise<MemoryFitView> {
  const { userId } = options;
  const active = await db.memoryModelFit.findUnique({ where: { activeKey: userId }, select: fitSelect });
  if (active) return active;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timezone: true } });
  const history = await countHistory({ userId, timeZone: user.timezone });
  if (history.trainable < MIN_TRAINABLE_REVIEWS) throw new DomainError("BAD_REQUEST", notEnoughMessage(history.trainable));
  let fit: MemoryFitView;
  try {
    fit = await db.memoryModelFit.create({
      data: { userId, trigger: options.trigger ?? "manual", activeKey: userId, reviewCount: history.reviews, trainableCount: history.trainable },
      select: fitSelect,
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const other = await db.memoryModelFit.findUnique({ where: { activeKey: userId }, select: fitSelect });
      if (other) return other;
    }
    throw error;
  }
  try {
    const env = getTrainingEnv();
    await enqueueMemoryFit(await memoryFitQueue(env.DATABASE_URL, env.MEMORY_FIT_TIMEOUT_SECONDS), fit.id);
  } catch (error) {
    console.error("[memory-fit] could not queue a fit:", (error as Error).message);
    await db.memoryModelFit.update({ where: { id: fit.id }, data: { status: "FAILED", activeKey: null, finishedAt: new Date(), error: "The fit could not be queued; nothing was changed. Please try again in a minute." } });
    throw new DomainError("CONFLICT", "The fit could not be queued; nothing was changed. Please try again in a minute.");
  }
  return fit;
}

// ── Running a fit (worker) ───────────────────────────────────────────────────────────────────

export type FitOutcome = "skipped" | "succeeded" | "failed";

class FitFailure extends Error {}

// The optimizer is a native module: loaded on the first fit (in the worker), so a platform without
// its prebuilt binary still serves every page and only the fit fails, saying so.
type Binding = typeof import("@open-spaced-repetition/binding");
let binding: Promise<Binding> | undefined;
function loadBinding(): Promise<Binding> {
  binding ??= import("@open-spaced-repetition/binding").catch((error: unknown) => {
    binding = undefined;
    throw new FitFailure(`unavailable: ${(error as Error).message}`);
  });
  return binding;
}

/**
 * fsrs-rs's optimizer on the items, giving up at `deadline` (ms since epoch). The deadline is
 * enforced through the progress callback (returning false interrupts the optimizer): the binding's
 * own `timeout` option left computeParameters hanging in 0.5.0.
 */
async function fitParameters(items: readonly FSRSBindingItem[], deadline: number, onProgress: (fraction: number) => void): Promise<number[]> {
  if (Date.now() >= deadline) throw new FitFailure("timeout");
  const { computeParameters } = await loadBinding();
  let parameters: number[];
  try {
    parameters = await computeParameters([...items], {
      ...OPTIMIZER_OPTIONS,
      progress: (current, total) => {
        if (total > 0) onProgress(current / total);
        return Date.now() < deadline;
      },
    });
  } catch (error) {
    if (Date.now() >= deadline || /Interrupted/.test((error as Error).message)) throw new FitFailure("timeout");
    throw error;
  }
  if (Date.now() > deadline) throw new FitFailure("timeout");
  if (!isParameterVector(parameters)) throw new FitFailure("invalid");
  return parameters;
}

/** The evidence of a fit: fitted vs the learner's current vs default parameters, each on reviews the fitted model had not seen. */
export async function evaluateFit(items: readonly MemoryItem[], baseline: readonly number[], options: { deadline: number; onProgress?: (fraction: number) => void }) {
  const { FSRSBindingItem, FSRSBindingReview } = await loadBinding();
  const bindingItems = items.map((item) => new FSRSBindingItem(item.reviews.map((review) => new FSRSBindingReview(review.rating, review.deltaT))));
  const splits = timeSeriesSplits(items.map((_, i) => i));
  const steps = splits.length + 1;
  const report = (step: number, fraction: number) => options.onProgress?.(Math.min(1, (step + fraction) / steps));
  const heldOut: MemoryItem[] = [];
  const predictions: number[] = [];
  for (const [step, split] of splits.entries()) {
    const fold = await fitParameters(split.train.map((i) => bindingItems[i]!), options.deadline, (fraction) => report(step, fraction));
    const test = split.test.map((i) => items[i]!);
    heldOut.push(...test);
    predictions.push(...predictRecall(fold, test));
  }
  const parameters = await fitParameters(bindingItems, options.deadline, (fraction) => report(splits.length, fraction));
  const fitted: Evaluation = evaluatePredictions(heldOut, predictions);
  return { parameters, fitted, baseline: evaluateParameters(baseline, heldOut), defaults: evaluateParameters(DEFAULT_PARAMETERS, heldOut), heldOut: heldOut.length };
}

function failureSentence(error: unknown, timeoutSeconds: number): string {
  if (error instanceof FitFailure && error.message === "timeout") return `The fit took longer than ${timeoutSeconds} seconds and was stopped; your parameters were not changed.`;
  if (error instanceof FitFailure && error.message.startsWith("unavailable")) return "The optimizer is not available on this server; your parameters were not changed.";
  if (error instanceof FitFailure) return "The optimizer returned parameters that are not valid; your parameters were not changed.";
  return "The optimizer failed on your review history; your parameters were not changed.";
}

/**
 * Runs a queued fit: safe to call twice or after a killed worker (pg-boss's retry). Each call
 * claims the fit as a new attempt; only the latest attempt may write the result, so a slow
 * earlier attempt can never overwrite it.
 */
export async function runFit(options: { fitId: string; timeoutSeconds: number; log?: (line: string) => void }): Promise<FitOutcome> {
  const { fitId, timeoutSeconds } = options;
  const claimed = await db.$queryRaw<{ attempts: number; userId: string }[]>`
    UPDATE "MemoryModelFit" SET status = 'RUNNING', attempts = attempts + 1, "startedAt" = now(), progress = 0
    WHERE id = ${fitId} AND status IN ('QUEUED', 'RUNNING') RETURNING attempts, "userId"`;
  const claim = claimed[0];
  if (!claim) return "skipped";
  const mine = { id: fitId, attempts: claim.attempts, status: "RUNNING" as const };
  const fail = async (message: string) => {
    await db.memoryModelFit.updateMany({ where: mine, data: { status: "FAILED", activeKey: null, finishedAt: new Date(), error: message } });
    return "failed" as const;
  };
  if (claim.attempts > MAX_ATTEMPTS) return fail(`The fit stopped without finishing ${MAX_ATTEMPTS} times; your parameters were not changed.`);

  try {
    const [user, settings, history] = await Promise.all([
      db.user.findUniqueOrThrow({ where: { id: claim.userId }, select: { timezone: true } }),
      settingsRow({ userId: claim.userId }),
      loadHistory({ userId: claim.userId }),
    ]);
    const items = itemsFromHistory(history, user.timezone);
    if (items.length < MIN_TRAINABLE_REVIEWS) return fail(notEnoughMessage(items.length));
    const baseline = effective(settings.weights);
    let lastWrite = 0;
    const evidence = await evaluateFit(items, baseline, {
      deadline: Date.now() + timeoutSeconds * 1000,
      onProgress: (fraction) => {
        if (Date.now() - lastWrite < 500) return;
        lastWrite = Date.now();
        void db.memoryModelFit.updateMany({ where: mine, data: { progress: fraction } }).catch(() => undefined);
      },
    });
    const written = await db.memoryModelFit.updateMany({
      where: mine,
      data: {
        status: "SUCCEEDED",
        activeKey: null,
        progress: 1,
        finishedAt: new Date(),
        reviewCount: history.length,
        trainableCount: items.length,
        historyUntil: history.at(-1)?.reviewedAt ?? null,
        parameters: evidence.parameters,
        baseline: isParameterVector(settings.weights) ? settings.weights : [],
        fittedLogLoss: evidence.fitted.logLoss,
        fittedRmse: evidence.fitted.rmseBins,
        baselineLogLoss: evidence.baseline.logLoss,
        baselineRmse: evidence.baseline.rmseBins,
        defaultLogLoss: evidence.defaults.logLoss,
        defaultRmse: evidence.defaults.rmseBins,
        heldOutCount: evidence.heldOut,
        // Adopted only if it predicts the learner's later reviews better than what they use now.
        better: evidence.fitted.logLoss < evidence.baseline.logLoss,
      },
    });
    return written.count ? "succeeded" : "skipped";
  } catch (error) {
    options.log?.(`fit ${fitId}: ${(error as Error).message}`);
    return fail(failureSentence(error, timeoutSeconds));
  }
}

/**
 * Housekeeping for the workers: fits whose every attempt died (queued or running long past the
 * timeout) are failed, so the learner can ask again; and learners with enough new reviews since
 * their last fit get an automatic one. Returns the fits it queued.
 */
export async function sweepFits(options: { timeoutSeconds: number; refitReviews: number; now?: Date }): Promise<string[]> {
  const now = options.now ?? new Date();
  const staleBefore = new Date(now.getTime() - (options.timeoutSeconds + 60) * (MAX_ATTEMPTS + 1) * 1000);
  await db.memoryModelFit.updateMany({
    where: { status: { in: ["QUEUED", "RUNNING"] }, requestedAt: { lt: staleBefore } },
    data: { status: "FAILED", activeKey: null, finishedAt: now, error: "The fit stopped without finishing; your parameters were not changed." },
  });
  // Learners who reviewed recently and have `refitReviews` reviews since the history their last fit read.
  const due = await db.$queryRaw<{ userId: string }[]>`
    SELECT a."userId" FROM (SELECT DISTINCT "userId" FROM "ReviewLog" WHERE "reviewedAt" > ${new Date(now.getTime() - 86_400_000)}) a
    WHERE NOT EXISTS (SELECT 1 FROM "MemoryModelFit" f WHERE f."activeKey" = a."userId")
      AND (SELECT count(*) FROM "ReviewLog" l WHERE l."userId" = a."userId" AND l."undoneAt" IS NULL
             AND l."reviewedAt" > coalesce((SELECT max(f."historyUntil") FROM "MemoryModelFit" f WHERE f."userId" = a."userId"),
                                            (SELECT max(f."requestedAt") FROM "MemoryModelFit" f WHERE f."userId" = a."userId"), '-infinity'::timestamp)) >= ${options.refitReviews}
    LIMIT 100`;
  const queued: string[] = [];
  for (const { userId } of due) {
    try {
      queued.push((await requestFit({ userId, trigger: "automatic" })).id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return queued;
}

// ── What the settings page shows ─────────────────────────────────────────────────────────────

export async function getMemoryModel(options: { userId: string }) {
  const { userId } = options;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timezone: true } });
  const [settings, history, fits] = await Promise.all([
    settingsRow({ userId }),
    countHistory({ userId, timeZone: user.timezone }),
    db.memoryModelFit.findMany({ where: { userId }, orderBy: { requestedAt: "desc" }, take: HISTORY_LIMIT, select: fitSelect }),
  ]);
  const fitted = isParameterVector(settings.weights);
  return {
    minReviews: MIN_TRAINABLE_REVIEWS,
    reviews: history.reviews,
    trainable: history.trainable,
    needed: Math.max(0, MIN_TRAINABLE_REVIEWS - history.trainable),
    using: fitted ? ("fitted" as const) : ("defaults" as const),
    usingFitId: fitted ? settings.fitId : null,
    parameters: effective(settings.weights),
    active: fits.find((fit) => fit.status === "QUEUED" || fit.status === "RUNNING") ?? null,
    fits,
  };
}

// ── Switching parameters: the workload preview and the switch itself ─────────────────────────

export type SwitchTarget = { fitId: string } | { defaults: true };

/** The parameters the target stands for, after checking the learner may switch to them. */
async function targetParameters(
  options: { userId: string; target: SwitchTarget; current: readonly number[] },
  client: DbClient = db,
): Promise<{ parameters: number[]; fitId: string | null }> {
  const { userId, target, current } = options;
  if ("defaults" in target) return { parameters: [...DEFAULT_PARAMETERS], fitId: null };
  const fit = await client.memoryModelFit.findFirst({ where: { id: target.fitId, userId }, select: { status: true, better: true, parameters: true, baseline: true, adoptedAt: true, retiredAt: true } });
  if (!fit) throw new DomainError("NOT_FOUND", "There is no such fit of your parameters.");
  if (fit.status !== "SUCCEEDED" || !isParameterVector(fit.parameters)) throw new DomainError("CONFLICT", "That fit did not finish, so its parameters cannot be used.");
  if (!fit.better) throw new DomainError("CONFLICT", "Those parameters predicted your later reviews no better than the ones you use, so they are not adopted.");
  // The evidence compared the fit with the parameters in use back then; if those changed, it says nothing about now.
  if (!sameParameters(effective(fit.baseline), current)) throw new DomainError("CONFLICT", "That fit was compared with parameters you no longer use; optimize again to compare with your current ones.");
  return { parameters: [...fit.parameters], fitId: target.fitId };
}

type CardRow = { id: string; state: Schedule["state"]; due: Date; suspended: boolean; buriedUntil: Date | null };

/** Every reviewed card's schedule replayed from its review history under `parameters`: what FSRS would have scheduled. */
async function replaySchedules(options: { userId: string; parameters: readonly number[]; desiredRetention: number }, client: DbClient = db) {
  const { userId, parameters, desiredRetention } = options;
  const [cards, history] = await Promise.all([
    client.card.findMany({ where: { userId, state: { not: "NEW" } }, select: { id: true, state: true, due: true, suspended: true, buriedUntil: true } }),
    loadHistory({ userId }, client),
  ]);
  const scheduler = schedulerFor({ desiredRetention, weights: parameters });
  const byCard = new Map<string, HistoryReview[]>();
  for (const review of history) {
    const list = byCard.get(review.cardId);
    if (list) list.push(review);
    else byCard.set(review.cardId, [review]);
  }
  const replayed = new Map<string, Schedule>();
  for (const card of cards) {
    const reviews = byCard.get(card.id);
    if (!reviews?.length) continue;
    let schedule = newSchedule(reviews[0]!.reviewedAt);
    for (const review of reviews) schedule = rate(scheduler, schedule, review.rating as Rating, review.reviewedAt).schedule;
    replayed.set(card.id, schedule);
  }
  return { cards, replayed };
}

/** Due today as the queue counts it (reviews due before the day ends, steps due within the learn-ahead window), and due within the week. */
function workload(cards: readonly CardRow[], replayed: Map<string, Schedule>, now: Date, todayEnd: Date, weekEnd: Date) {
  const ahead = now.getTime() + LEARN_AHEAD_MINUTES * 60_000;
  const dueToday = (state: Schedule["state"], due: Date) => (state === "REVIEW" ? due < todayEnd : due.getTime() <= ahead);
  let todayBefore = 0, todayAfter = 0, weekBefore = 0, weekAfter = 0, changed = 0;
  for (const card of cards) {
    if (card.suspended) continue;
    const after = replayed.get(card.id) ?? { state: card.state, due: card.due };
    if (after.due.getTime() !== card.due.getTime()) changed++;
    const buried = card.buriedUntil && card.buriedUntil > now;
    if (!buried && dueToday(card.state, card.due)) todayBefore++;
    if (!buried && dueToday(after.state, after.due)) todayAfter++;
    if (card.due < weekEnd) weekBefore++;
    if (after.due < weekEnd) weekAfter++;
  }
  return { today: { before: todayBefore, after: todayAfter }, week: { before: weekBefore, after: weekAfter }, cardsMoved: changed };
}

/** What switching to the target would do to the learner's due cards, today and over the next 7 days, before they confirm. */
export async function previewSwitch(options: { userId: string; target: SwitchTarget; now?: Date }) {
  const now = options.now ?? new Date();
  const user = await db.user.findUniqueOrThrow({ where: { id: options.userId }, select: { timezone: true } });
  const settings = await settingsRow({ userId: options.userId });
  const { parameters } = await targetParameters({ userId: options.userId, target: options.target, current: effective(settings.weights) });
  const { cards, replayed } = await replaySchedules({ userId: options.userId, parameters, desiredRetention: settings.desiredRetention });
  const day = localDay(user.timezone, now);
  return { ...workload(cards, replayed, now, day.end, new Date(day.end.getTime() + 6 * 86_400_000)), settingsVersion: settings.weightsVersion };
}

const SWITCH_TRANSACTION = { maxWait: 15_000, timeout: 120_000 } as const;
const UPDATE_CHUNK = 500;

/**
 * Switches the learner to the target's parameters and reschedules every reviewed card from its
 * history. `settingsVersion` is the version the preview was made at: if the parameters changed
 * since (another tab), nothing happens. Ratings during the switch wait for it (the cards are
 * locked) and a rating shown before it is stale afterwards (card versions are bumped).
 */
export async function applySwitch(options: { userId: string; target: SwitchTarget; settingsVersion: number; now?: Date }) {
  const now = options.now ?? new Date();
  const { userId } = options;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO "ReviewSettings" ("userId", weights, "updatedAt") VALUES (${userId}, ARRAY[]::float8[], ${now}) ON CONFLICT ("userId") DO NOTHING`;
    await tx.$queryRaw`SELECT 1 FROM "ReviewSettings" WHERE "userId" = ${userId} FOR UPDATE`;
    const settings = await settingsRow({ userId }, tx);
    if (settings.weightsVersion !== options.settingsVersion) throw new DomainError("CONFLICT", "Your parameters changed since this preview; look at the new preview before switching.");
    const { parameters, fitId } = await targetParameters({ userId, target: options.target, current: effective(settings.weights) }, tx);
    await tx.$queryRaw`SELECT id FROM "Card" WHERE "userId" = ${userId} AND state <> 'NEW' FOR UPDATE`;
    const { cards, replayed } = await replaySchedules({ userId, parameters, desiredRetention: settings.desiredRetention }, tx);
    const rows = cards.flatMap((card) => {
      const s = replayed.get(card.id);
      return s ? [{ id: card.id, s }] : [];
    });
    for (let i = 0; i < rows.length; i += UPDATE_CHUNK) {
      const values = rows
        .slice(i, i + UPDATE_CHUNK)
        .map(({ id, s }) => Prisma.sql`(${id}, ${s.state}, ${s.due}::timestamp, ${s.stability}::float8, ${s.difficulty}::float8, ${s.scheduledDays}::int, ${s.learningSteps}::int, ${s.reps}::int, ${s.lapses}::int, ${s.lastReview}::timestamp)`);
      await tx.$executeRaw`
        UPDATE "Card" AS c SET state = v.state::"CardState", due = v.due, stability = v.stability, difficulty = v.difficulty, "scheduledDays" = v.sd,
          "learningSteps" = v.ls, reps = v.reps, lapses = v.lapses, "lastReview" = v.lr, version = c.version + 1, "updatedAt" = ${now}
        FROM (VALUES ${Prisma.join(values)}) AS v(id, state, due, stability, difficulty, sd, ls, reps, lapses, lr)
        WHERE c.id = v.id AND c."userId" = ${userId}`;
    }
    await tx.memoryModelFit.updateMany({ where: { userId, adoptedAt: { not: null }, retiredAt: null }, data: { retiredAt: now } });
    if (fitId) await tx.memoryModelFit.update({ where: { id: fitId }, data: { adoptedAt: now, retiredAt: null } });
    const saved = await tx.reviewSettings.update({
      where: { userId },
      data: { weights: fitId ? parameters : [], fitId, weightsVersion: { increment: 1 } },
      select: { weightsVersion: true },
    });
    return { using: fitId ? ("fitted" as const) : ("defaults" as const), fitId, cardsRescheduled: rows.length, settingsVersion: saved.weightsVersion };
  }, SWITCH_TRANSACTION);
}

// ── Workload against desired retention ───────────────────────────────────────────────────────

const CURVE_CACHE_SIZE = 200;
// Keyed by learner, parameter version, daily limit and local day: a changed setting or a new day
// misses, and a key always names its learner, so no learner is ever served another's curve.
const curveCache = new Map<string, ReturnType<typeof workloadCurve> & { cards: number; newCards: number }>();

/** Expected daily reviews at each desired retention for the learner's parameters and collection, with the cheapest retention marked. */
export async function getWorkloadCurve(options: { userId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const { userId } = options;
  const [user, settings, limits] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { timezone: true } }),
    settingsRow({ userId }),
    db.reviewSettings.findUnique({ where: { userId }, select: { newCardsPerDay: true } }),
  ]);
  const newCardsPerDay = limits?.newCardsPerDay ?? DEFAULT_NEW_CARDS_PER_DAY;
  const key = `${userId}:${settings.weightsVersion}:${newCardsPerDay}:${localDay(user.timezone, now).start.toISOString()}`;
  let curve = curveCache.get(key);
  if (!curve) {
    const [cards, newCards] = await Promise.all([
      db.card.findMany({ where: { userId, suspended: false, state: { not: "NEW" } }, select: { stability: true, difficulty: true, due: true, lastReview: true } }),
      db.card.count({ where: { userId, suspended: false, state: "NEW" } }),
    ]);
    const day = 86_400_000;
    const input: WorkloadCard[] = cards.map((card) => ({
      stability: card.stability,
      difficulty: card.difficulty,
      dueInDays: Math.max(0, (card.due.getTime() - now.getTime()) / day),
      elapsedDays: card.lastReview ? Math.max(0, (now.getTime() - card.lastReview.getTime()) / day) : 0,
    }));
    curve = { ...workloadCurve({ parameters: effective(settings.weights), cards: input, newCards, newCardsPerDay, sample: 1000 }), cards: cards.length, newCards };
    if (curveCache.size >= CURVE_CACHE_SIZE) curveCache.delete(curveCache.keys().next().value!);
    curveCache.set(key, curve);
  }
  return { ...curve, desiredRetention: settings.desiredRetention, newCardsPerDay, using: isParameterVector(settings.weights) ? ("fitted" as const) : ("defaults" as const) };
}
