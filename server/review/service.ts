import "server-only";
import { randomUUID } from "node:crypto";
import { sectionTypeOf, cardFaceOf, isCardItemKind } from "@/lib/srs/card-text";
import {
  DEFAULT_NEW_CARDS_PER_DAY,
  DEFAULT_RETENTION,
  describeInterval,
  formatInterval,
  previewIntervals,
  rate,
  RATINGS,
  type Rating,
  type Schedule,
  schedulerFor,
} from "@/lib/srs/scheduler";
import { startOfLocalDay } from "@/lib/time/day";
import { findCourse } from "../catalog/service";
import { db } from "../db";
import type { DbClient } from "../db-client";
import { DomainError } from "../errors";
import { deferredActivityStatement, lockLearnerStatement, settleSoon } from "../gamification/service";
import { Prisma } from "../generated/prisma/client";

// The review session: which cards are due, rating them (idempotent per client review id, one review
// per card version), undo, suspend and bury, and the learner's scheduling settings.

/** Learning cards due within this many minutes are shown now rather than making the learner wait (Anki's "learn ahead"). */
export const LEARN_AHEAD_MINUTES = 20;
// The client shows one card at a time and refetches after each rating; a short page keeps the
// next-interval previews (four schedules per card) cheap.
export const QUEUE_PAGE = 20;


// ── Settings ───────────────────────────────────────────────────────────────────────────────────

export type ReviewSettingsView = { desiredRetention: number; newCardsPerDay: number };

async function settingsOf(options: { userId: string }, client: DbClient = db) {
  const { userId } = options;
  const row = await client.reviewSettings.findUnique({ where: { userId }, select: { desiredRetention: true, newCardsPerDay: true, weights: true } });
  return row ?? { desiredRetention: DEFAULT_RETENTION, newCardsPerDay: DEFAULT_NEW_CARDS_PER_DAY, weights: [] as number[] };
}

export async function getSettings(options: { userId: string }): Promise<ReviewSettingsView> {
  const { desiredRetention, newCardsPerDay } = await settingsOf({ userId: options.userId });
  return { desiredRetention, newCardsPerDay };
}

export async function updateSettings(options: { userId: string; desiredRetention: number; newCardsPerDay: number }): Promise<ReviewSettingsView> {
  const data = { desiredRetention: Math.round(options.desiredRetention * 100) / 100, newCardsPerDay: options.newCardsPerDay };
  return db.reviewSettings.upsert({
    where: { userId: options.userId },
    create: { userId: options.userId, ...data },
    update: data,
    select: { desiredRetention: true, newCardsPerDay: true },
  });
}

// ── Day boundaries ─────────────────────────────────────────────────────────────────────────────

async function timezoneOf(options: { userId: string }, client: DbClient = db) {
  const user = await client.user.findUniqueOrThrow({ where: { id: options.userId }, select: { timezone: true } });
  return user.timezone;
}

/** The learner's today as [start, start of tomorrow), in their time zone (days of 23 or 25 hours included). */
export function localDay(timeZone: string, now: Date): { start: Date; end: Date } {
  const start = startOfLocalDay(timeZone, now);
  // Every day is 23–25 hours long, so 26 hours after midnight is always in the next day.
  return { start, end: startOfLocalDay(timeZone, new Date(start.getTime() + 26 * 3_600_000)) };
}

// ── The queue ──────────────────────────────────────────────────────────────────────────────────

async function courseIdOf(courseSlug: string | undefined): Promise<string | undefined> {
  if (!courseSlug) return undefined;
  const course = await findCourse({ slug: courseSlug });
  if (!course) throw new DomainError("NOT_FOUND", "That course does not exist.");
  return course.id;
}

/** Cards the learner may study now: not suspended, not buried, not from an archived item. */
function studiable(userId: string, now: Date, courseId: string | undefined): Prisma.CardWhereInput {
  return {
    userId,
    suspended: false,
    ...(courseId ? { courseId } : {}),
    AND: [
      { OR: [{ buriedUntil: null }, { buriedUntil: { lte: now } }] },
      { OR: [{ contentItemId: null }, { contentItem: { archivedAt: null } }] },
    ],
  };
}

/** Reviews due before the learner's day ends. */
const reviewsDue = (dayEnd: Date): Prisma.CardWhereInput => ({ state: "REVIEW", due: { lt: dayEnd } });
/** Learning steps due now or within the learn-ahead window. */
const stepsDue = (now: Date): Prisma.CardWhereInput => ({ state: { in: ["LEARNING", "RELEARNING"] }, due: { lte: new Date(now.getTime() + LEARN_AHEAD_MINUTES * 60_000) } });
const and = (base: Prisma.CardWhereInput, extra: Prisma.CardWhereInput): Prisma.CardWhereInput => ({ ...base, ...extra, AND: base.AND });

/** Due reviews and learning steps: each its own index range (userId, state, due), merged by due. */
async function dueCards(base: Prisma.CardWhereInput, dayEnd: Date, now: Date, take: number) {
  const [reviews, steps] = await Promise.all([
    db.card.findMany({ where: and(base, reviewsDue(dayEnd)), orderBy: [{ due: "asc" }, { id: "asc" }], take, select: queueCardSelect }),
    db.card.findMany({ where: and(base, stepsDue(now)), orderBy: [{ due: "asc" }, { id: "asc" }], take, select: queueCardSelect }),
  ]);
  return [...reviews, ...steps].sort((a, b) => a.due.getTime() - b.due.getTime() || a.id.localeCompare(b.id)).slice(0, take);
}

// Counts in SQL: Prisma's relation filter becomes a LEFT JOIN over every counted row, where an
// EXISTS evaluated only for cards of lesson items is several times cheaper (bench/review.ts).
function countableSql(userId: string, now: Date, courseId: string | undefined) {
  return Prisma.sql`c."userId" = ${userId} AND NOT c.suspended
    AND (c."buriedUntil" IS NULL OR c."buriedUntil" <= ${now})
    AND (c."contentItemId" IS NULL OR EXISTS (SELECT 1 FROM "ContentItem" i WHERE i.id = c."contentItemId" AND i."archivedAt" IS NULL))
    ${courseId ? Prisma.sql`AND c."courseId" = ${courseId}` : Prisma.empty}`;
}

/**
 * Cards due, counted no further than DUE_COUNT_CAP + 1: past a thousand the exact number tells a
 * learner nothing, and counting 20,000 rows costs more than the rest of the queue together.
 */
export const DUE_COUNT_CAP = 1_000;

async function countDue(userId: string, courseId: string | undefined, dayEnd: Date, now: Date): Promise<number> {
  const ahead = new Date(now.getTime() + LEARN_AHEAD_MINUTES * 60_000);
  const where = countableSql(userId, now, courseId);
  const [row] = await db.$queryRaw<{ due: number }[]>`
    SELECT (SELECT count(*) FROM (SELECT 1 FROM "Card" c WHERE ${where} AND c.state = 'REVIEW' AND c.due < ${dayEnd} ORDER BY c.due LIMIT ${DUE_COUNT_CAP + 1}) AS r)::int
         + (SELECT count(*) FROM (SELECT 1 FROM "Card" c WHERE ${where} AND c.state IN ('LEARNING', 'RELEARNING') AND c.due <= ${ahead} LIMIT ${DUE_COUNT_CAP + 1}) AS l)::int AS due`;
  return Math.min(row?.due ?? 0, DUE_COUNT_CAP + 1);
}

/** New cards available, counted no further than `cap` (what is left of today's limit). */
async function countNew(userId: string, courseId: string | undefined, now: Date, cap: number): Promise<number> {
  if (cap <= 0) return 0;
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM (SELECT 1 FROM "Card" c WHERE ${countableSql(userId, now, courseId)} AND c.state = 'NEW' ORDER BY c.due LIMIT ${cap}) AS capped`;
  return row?.count ?? 0;
}

/** What showing a card needs: its own text, or its lesson item's, and where it came from. */
export const cardFaceSelect = {
  front: true,
  back: true,
  sourceLabel: true,
  noteId: true,
  deck: { select: { id: true, name: true } },
  course: { select: { slug: true, title: true } },
  contentItem: {
    select: { kind: true, data: true, section: { select: { lesson: { select: { slug: true, title: true, course: { select: { slug: true, title: true } } } } } } },
  },
} satisfies Prisma.CardSelect;

const queueCardSelect = {
  id: true,
  version: true,
  state: true,
  due: true,
  stability: true,
  difficulty: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  lastReview: true,
  ...cardFaceSelect,
} satisfies Prisma.CardSelect;
type QueueCardRow = Prisma.CardGetPayload<{ select: typeof queueCardSelect }>;

export function scheduleOf(card: Pick<QueueCardRow, "state" | "due" | "stability" | "difficulty" | "scheduledDays" | "learningSteps" | "reps" | "lapses" | "lastReview">): Schedule {
  return {
    state: card.state,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.lastReview,
  };
}

/** What a card shows: its two faces, where it came from, and a link back to the lesson section. */
export function faceOf(card: Pick<QueueCardRow, "front" | "back" | "sourceLabel" | "noteId" | "deck" | "course" | "contentItem">) {
  const item = card.contentItem;
  if (item) {
    const face = cardFaceOf(item.kind, item.data) ?? { front: "", back: "", kindLabel: "Card" };
    const lesson = item.section.lesson;
    return {
      front: face.front,
      back: face.back,
      markdown: item.kind !== "flashcard" && item.kind !== "glossary",
      kindLabel: face.kindLabel,
      source: {
        label: `${lesson.course.title} · ${lesson.title}`,
        href: isCardItemKind(item.kind) ? `/courses/${lesson.course.slug}/lessons/${lesson.slug}#section-${sectionTypeOf(item.kind)}` : null,
      },
    };
  }
  // Cards of the learner's notes are Markdown they wrote (rendered without raw HTML, as lessons are).
  if (card.noteId) {
    return {
      front: card.front ?? "",
      back: card.back ?? "",
      markdown: true,
      kindLabel: "Your card",
      source: card.deck ? { label: `Deck: ${card.deck.name}`, href: `/cards?deck=${card.deck.id}` } : null,
    };
  }
  return {
    front: card.front ?? "",
    back: card.back ?? "",
    markdown: false,
    kindLabel: "Your card",
    source: card.sourceLabel || card.course ? { label: card.sourceLabel ?? card.course!.title, href: card.course ? `/courses/${card.course.slug}` : null } : null,
  };
}

export type QueueCard = ReturnType<typeof faceOf> & {
  id: string;
  version: number;
  state: Schedule["state"];
  isNew: boolean;
  intervals: Record<Rating, { label: string; description: string }>;
};

/**
 * The learner's review queue: due cards first (oldest due first), then new cards up to what is
 * left of today's new-card limit, then learning steps coming due in the next few minutes. Each card carries the next interval for every rating, computed
 * with the learner's own settings.
 */
export async function getQueue(options: { userId: string; courseSlug?: string; now?: Date; limit?: number }) {
  const now = options.now ?? new Date();
  const limit = options.limit ?? QUEUE_PAGE;
  const [courseId, timeZone, settings] = await Promise.all([courseIdOf(options.courseSlug), timezoneOf({ userId: options.userId }), settingsOf({ userId: options.userId })]);
  const day = localDay(timeZone, now);
  const base = studiable(options.userId, now, courseId);

  const [due, dueCount, newLeft] = await Promise.all([
    dueCards(base, day.end, now, limit),
    countDue(options.userId, courseId, day.end, now),
    newCardsLeft({ userId: options.userId, perDay: settings.newCardsPerDay, dayStart: day.start }),
  ]);
  const newTake = Math.min(newLeft, Math.max(0, limit - due.length));
  const [newCards, newCount] = await Promise.all([
    newTake > 0
      ? db.card.findMany({ where: and(base, { state: "NEW" }), orderBy: [{ due: "asc" }, { id: "asc" }], take: newTake, select: queueCardSelect })
      : Promise.resolve([]),
    countNew(options.userId, courseId, now, newLeft),
  ]);

  // Learning steps due within the learn-ahead window wait behind everything due now and the new cards.
  const ordered = [...due.filter((card) => card.due <= now), ...newCards, ...due.filter((card) => card.due > now)];
  const scheduler = schedulerFor({ desiredRetention: settings.desiredRetention, weights: settings.weights });
  const cards: QueueCard[] = ordered.map((card) => {
    const previews = previewIntervals(scheduler, scheduleOf(card), now);
    return {
      id: card.id,
      version: card.version,
      state: card.state,
      isNew: card.state === "NEW",
      ...faceOf(card),
      intervals: Object.fromEntries(RATINGS.map((rating) => [rating, { label: formatInterval(previews[rating]), description: describeInterval(previews[rating]) }])) as QueueCard["intervals"],
    };
  });

  const nothingLeft = cards.length === 0;
  const next = nothingLeft
    ? await db.card.findFirst({ where: { ...base, state: { not: "NEW" } }, orderBy: { due: "asc" }, select: { due: true } })
    : null;
  return {
    cards,
    dueCount: Math.min(dueCount, DUE_COUNT_CAP),
    // True when more than DUE_COUNT_CAP cards are due ("1000+").
    dueCountCapped: dueCount > DUE_COUNT_CAP,
    newCount,
    newLimitReached: newLeft === 0,
    nextDueAt: next?.due ?? null,
    settings: { desiredRetention: settings.desiredRetention, newCardsPerDay: settings.newCardsPerDay },
  };
}

/** New cards the learner may still start today: the daily limit less those first rated since local midnight. */
async function newCardsLeft(options: { userId: string; perDay: number; dayStart: Date }, client: DbClient = db): Promise<number> {
  const started = await client.reviewLog.count({ where: { userId: options.userId, state: "NEW", undoneAt: null, reviewedAt: { gte: options.dayStart } } });
  return Math.max(0, options.perDay - started);
}

/**
 * Cards due today and new cards available today, for the dashboard and the navigation badge. `due`
 * stops at DUE_COUNT_CAP; `dueCapped` says there are more ("1000+").
 */
export async function dueCount(options: { userId: string; now?: Date }): Promise<{ due: number; dueCapped: boolean; new: number }> {
  const now = options.now ?? new Date();
  const [timeZone, settings] = await Promise.all([timezoneOf({ userId: options.userId }), settingsOf({ userId: options.userId })]);
  const day = localDay(timeZone, now);
  const [due, newLeft] = await Promise.all([countDue(options.userId, undefined, day.end, now), newCardsLeft({ userId: options.userId, perDay: settings.newCardsPerDay, dayStart: day.start })]);
  return { due: Math.min(due, DUE_COUNT_CAP), dueCapped: due > DUE_COUNT_CAP, new: await countNew(options.userId, undefined, now, newLeft) };
}

// ── Rating and undo ────────────────────────────────────────────────────────────────────────────

export type RateOutcome =
  | { outcome: "applied" | "duplicate"; reviewId: string; cardId: string; due: Date; state: Schedule["state"]; xp: number }
  | { outcome: "stale"; reviewId: string; cardId: string; due: Date; state: Schedule["state"]; xp: 0 };

// Under load a rating may wait for a pooled connection; it should wait rather than fail.
const RATE_TRANSACTION = { maxWait: 15_000, timeout: 15_000 } as const;

// A unique violation: P2002 from a model query, P2010 from a raw one (the adapter's own kind).
const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError &&
  (error.code === "P2002" || (error.code === "P2010" && JSON.stringify(error.meta ?? {}).includes("UniqueConstraintViolation")));

async function lockCard(options: { userId: string; cardId: string }, client: DbClient) {
  const rows = await client.$queryRaw<{ id: string }[]>`SELECT id FROM "Card" WHERE id = ${options.cardId} AND "userId" = ${options.userId} FOR UPDATE`;
  if (!rows.length) throw new DomainError("NOT_FOUND", "That card is not in your collection.");
}

type RatingRead = Schedule & {
  version: number;
  courseId: string | null;
  suspended: boolean;
  buriedUntil: Date | null;
  timezone: string;
  desiredRetention: number | null;
  weights: number[] | null;
  loggedCardId: string | null;
  loggedDue: Date | null;
  loggedState: Schedule["state"] | null;
};

/** What a rating needs, in one statement: the card, the learner's settings and zone, and the review id's earlier use if any. */
async function readForRating(options: { userId: string; reviewId: string; cardId: string }): Promise<RatingRead> {
  const [row] = await db.$queryRaw<RatingRead[]>`
    SELECT c.state::text AS state, c.due, c.stability, c.difficulty, c."scheduledDays", c."learningSteps", c.reps, c.lapses, c."lastReview",
           c.version, c."courseId", c.suspended, c."buriedUntil", u.timezone, s."desiredRetention", s.weights,
           l."cardId" AS "loggedCardId", l."nextDue" AS "loggedDue", l."nextState"::text AS "loggedState"
    FROM "Card" c
    JOIN "User" u ON u.id = c."userId"
    LEFT JOIN "ReviewSettings" s ON s."userId" = c."userId"
    LEFT JOIN "ReviewLog" l ON l."userId" = c."userId" AND l."reviewId" = ${options.reviewId}
    WHERE c.id = ${options.cardId} AND c."userId" = ${options.userId}`;
  if (!row) throw new DomainError("NOT_FOUND", "That card is not in your collection.");
  return row;
}

/** The answer to a review id already used: the first rating's outcome, or a conflict if it rated another card. */
function previousOutcome(read: RatingRead, options: { reviewId: string; cardId: string }): RateOutcome | null {
  if (!read.loggedCardId) return null;
  if (read.loggedCardId !== options.cardId) throw new DomainError("CONFLICT", "That review id was already used for another card.");
  return { outcome: "duplicate", reviewId: options.reviewId, cardId: options.cardId, due: read.loggedDue!, state: read.loggedState!, xp: 0 };
}

const isStale = (read: RatingRead, version: number, now: Date) => read.version !== version || read.suspended || (read.buriedUntil !== null && read.buriedUntil > now);

/**
 * Rates a card. `reviewId` is generated by the client: sending the same rating again (a retry)
 * changes nothing and answers as the first time did. `version` is the card version the learner
 * was shown: if another tab rated (or undid, suspended, buried) the card since, this rating is
 * stale and nothing is recorded, so two tabs always resolve to one review.
 *
 * One read, then one batch transaction of three statements: the learner's lock (so the daily XP
 * cap is exact and the rating queues behind the learner's other activities), the card updated only
 * while it is still at `version` (PostgreSQL re-checks the condition after waiting for a concurrent
 * writer's row lock, so of two racing ratings exactly one updates) with its review log row in the
 * same statement, and the XP ledger row (unique per card and review count, written only if that
 * log row exists). That is what must commit together: the fact, and the XP it earned, once. Day
 * and league totals, level-ups and badges follow from the ledger and are applied after commit
 * (server/gamification/pending.ts).
 */
export async function rateCard(options: { userId: string; reviewId: string; cardId: string; version: number; rating: Rating; durationMs?: number; now?: Date }): Promise<RateOutcome> {
  const { userId, reviewId, cardId } = options;
  const now = options.now ?? new Date();
  const read = await readForRating(options);
  const previous = previousOutcome(read, options);
  if (previous) return previous;
  if (isStale(read, options.version, now)) return { outcome: "stale", reviewId, cardId, due: read.due, state: read.state, xp: 0 };

  const before = scheduleOf(read);
  const scheduler = schedulerFor({ desiredRetention: read.desiredRetention ?? DEFAULT_RETENTION, weights: read.weights ?? [] });
  const { schedule, log } = rate(scheduler, before, options.rating, now);
  const logId = randomUUID();
  const beforeJson = { ...before, due: before.due.toISOString(), lastReview: before.lastReview?.toISOString() ?? null };
  try {
    const [, logged, awarded] = await db.$transaction(
      [
        lockLearnerStatement(userId),
        db.$executeRaw`
          WITH card AS (
            UPDATE "Card" SET state = ${schedule.state}::"CardState", due = ${schedule.due}::timestamp, stability = ${schedule.stability}::float8,
              difficulty = ${schedule.difficulty}::float8, "scheduledDays" = ${schedule.scheduledDays}::int, "learningSteps" = ${schedule.learningSteps}::int,
              reps = ${schedule.reps}::int, lapses = ${schedule.lapses}::int, "lastReview" = ${schedule.lastReview}::timestamp,
              version = version + 1, "updatedAt" = ${now}::timestamp
            WHERE id = ${cardId} AND "userId" = ${userId} AND version = ${options.version}::int
              AND NOT suspended AND ("buriedUntil" IS NULL OR "buriedUntil" <= ${now}::timestamp)
            RETURNING id, "courseId", version
          )
          INSERT INTO "ReviewLog" (id, "reviewId", "userId", "cardId", "courseId", rating, state, due, stability, difficulty, "elapsedDays",
            "scheduledDays", "learningSteps", "reviewedAt", "durationMs", before, "nextDue", "nextState", "cardVersion")
          SELECT ${logId}, ${reviewId}, ${userId}, card.id, card."courseId", ${log.rating}::int, ${log.state}::"CardState", ${log.due}::timestamp,
            ${log.stability}::float8, ${log.difficulty}::float8, ${log.elapsedDays}::int, ${log.scheduledDays}::int, ${log.learningSteps}::int,
            ${log.reviewedAt}::timestamp, ${options.durationMs ?? null}::int, ${JSON.stringify(beforeJson)}::jsonb, ${schedule.due}::timestamp,
            ${schedule.state}::"CardState", card.version
          FROM card`,
        // One XP award per scheduled review of a card: keyed by the card and its review count, so a
        // rating that is undone and given again earns nothing more.
        deferredActivityStatement({
          eventId: randomUUID(),
          userId,
          rule: "review",
          sourceId: `${cardId}:${before.reps}`,
          courseId: read.courseId,
          meta: { cardId, rating: options.rating },
          now,
          timezone: read.timezone,
          onlyIf: Prisma.sql`EXISTS (SELECT 1 FROM "ReviewLog" WHERE id = ${logId})`,
        }),
      ],
      RATE_TRANSACTION,
    );
    if (logged === 1) {
      if (awarded.length) settleSoon(userId);
      return { outcome: "applied", reviewId, cardId, due: schedule.due, state: schedule.state, xp: awarded[0]?.xp ?? 0 };
    }
  } catch (error) {
    // A retry racing the first request with another card: the first one's row stands.
    if (!isUniqueViolation(error)) throw error;
  }
  // Another request changed the card (or used this review id) between the read and the write.
  const again = await readForRating(options);
  return previousOutcome(again, options) ?? { outcome: "stale", reviewId, cardId, due: again.due, state: again.state, xp: 0 };
}

/** Undoes a rating: the card gets back the schedule it had, if nothing rated it since. Undoing twice is a no-op. */
export async function undoReview(options: { userId: string; reviewId: string; now?: Date }) {
  const { userId, reviewId } = options;
  return db.$transaction(async (tx) => {
    const log = await tx.reviewLog.findUnique({ where: { userId_reviewId: { userId, reviewId } }, select: { id: true, cardId: true, before: true, cardVersion: true, undoneAt: true } });
    if (!log) throw new DomainError("NOT_FOUND", "There is no such review to undo.");
    await lockCard({ userId, cardId: log.cardId }, tx);
    const current = await tx.reviewLog.findUniqueOrThrow({ where: { id: log.id }, select: { undoneAt: true } });
    const card = await tx.card.findUniqueOrThrow({ where: { id: log.cardId }, select: { version: true } });
    if (current.undoneAt) return { undone: true, cardId: log.cardId, version: card.version };
    if (card.version !== log.cardVersion) throw new DomainError("CONFLICT", "This card has been rated again since, so that rating can no longer be undone.");
    const before = log.before as Omit<Schedule, "due" | "lastReview"> & { due: string; lastReview: string | null };
    await tx.card.update({
      where: { id: log.cardId },
      data: { ...before, due: new Date(before.due), lastReview: before.lastReview ? new Date(before.lastReview) : null, version: { increment: 1 } },
    });
    await tx.reviewLog.update({ where: { id: log.id }, data: { undoneAt: options.now ?? new Date() } });
    // The card's version now: the client shows it again only from this version on.
    return { undone: true, cardId: log.cardId, version: card.version + 1 };
  }, RATE_TRANSACTION);
}

// ── Suspend and bury ───────────────────────────────────────────────────────────────────────────

async function updateOwnCard(userId: string, cardId: string, data: Prisma.CardUpdateManyMutationInput) {
  const result = await db.card.updateMany({ where: { id: cardId, userId }, data: { ...data, version: { increment: 1 } } });
  if (result.count === 0) throw new DomainError("NOT_FOUND", "That card is not in your collection.");
}

/** Suspended cards leave the queue until unsuspended; their schedule is kept. */
export async function setSuspended(options: { userId: string; cardId: string; suspended: boolean }) {
  await updateOwnCard(options.userId, options.cardId, { suspended: options.suspended });
  return { cardId: options.cardId, suspended: options.suspended };
}

/** A buried card leaves today's queue and comes back at the start of the learner's next day. */
export async function buryCard(options: { userId: string; cardId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const until = localDay(await timezoneOf({ userId: options.userId }), now).end;
  await updateOwnCard(options.userId, options.cardId, { buriedUntil: until });
  return { cardId: options.cardId, buriedUntil: until };
}

/** The learner's suspended cards, so they can bring them back. */
export async function listSuspended(options: { userId: string }) {
  const cards = await db.card.findMany({ where: { userId: options.userId, suspended: true }, orderBy: { updatedAt: "desc" }, take: 200, select: queueCardSelect });
  return cards.map((card) => ({ id: card.id, ...faceOf(card) }));
}

// The domain's entry points for other domains: adding cards, and the card statistics other views show.
export * from "./cards";
export { conceptCards, courseMemory, mostForgottenCards } from "./stats";
export { ensureMemoryFitQueue, MEMORY_FIT_QUEUE, type MemoryFitJob } from "./memory-queue";
export { runFit, sweepFits } from "./memory-model";
