import "server-only";
import { cardFaceOf } from "@/lib/srs/card-text";
import { localDateKey } from "@/lib/time/day";
import { itemsWithLesson } from "../catalog/service";
import { db } from "../db";
import { cardFaceSelect, faceOf, localDay } from "./service";

// Review statistics, with every day counted in the learner's own time zone. Timestamps are stored
// as UTC `timestamp` columns, hence `AT TIME ZONE 'UTC' AT TIME ZONE <zone>` to get local dates.

export const FORECAST_DAYS = 30;
export const HEATMAP_DAYS = 182;
const DAY_MS = 86_400_000;

/** YYYY-MM-DD of each of the `count` local days starting at `start` (noon avoids DST edges). */
function dayKeys(timeZone: string, start: Date, count: number, step = 1): string[] {
  return Array.from({ length: count }, (_, i) => localDateKey(timeZone, new Date(start.getTime() + step * i * DAY_MS + 12 * 3_600_000)));
}

export async function getStats(options: { userId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const { userId } = options;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timezone: true } });
  const tz = user.timezone;
  const today = localDay(tz, now);
  const forecastEnd = new Date(today.start.getTime() + (FORECAST_DAYS + 1) * DAY_MS);
  const heatmapStart = new Date(today.start.getTime() - (HEATMAP_DAYS - 1) * DAY_MS);

  const [forecastRows, heatmapRows, retentionRows, stateRows, suspended, hardest] = await Promise.all([
    // Overdue cards count on today.
    db.$queryRaw<{ day: string; cards: number }[]>`
      SELECT to_char(GREATEST(due, ${now}) AT TIME ZONE 'UTC' AT TIME ZONE ${tz}, 'YYYY-MM-DD') AS day, count(*)::int AS cards
      FROM "Card" WHERE "userId" = ${userId} AND suspended = false AND state <> 'NEW' AND due < ${forecastEnd}
      GROUP BY 1`,
    db.$queryRaw<{ day: string; reviews: number }[]>`
      SELECT to_char("reviewedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${tz}, 'YYYY-MM-DD') AS day, count(*)::int AS reviews
      FROM "ReviewLog" WHERE "userId" = ${userId} AND "undoneAt" IS NULL AND "reviewedAt" >= ${new Date(heatmapStart.getTime() - DAY_MS)}
      GROUP BY 1`,
    // True retention (as Anki defines it): of reviews of cards in the review state, the share not
    // answered Again. Learning steps are left out: they test minutes-old memories.
    db.$queryRaw<{ period: string; reviews: number; passed: number }[]>`
      SELECT p.period, count(l.*)::int AS reviews, count(l.*) FILTER (WHERE l.rating > 1)::int AS passed
      FROM (VALUES ('today', ${today.start}::timestamp), ('week', ${new Date(today.start.getTime() - 6 * DAY_MS)}::timestamp),
                   ('month', ${new Date(today.start.getTime() - 29 * DAY_MS)}::timestamp), ('year', ${new Date(today.start.getTime() - 364 * DAY_MS)}::timestamp)) AS p(period, since)
      LEFT JOIN "ReviewLog" l ON l."userId" = ${userId} AND l."undoneAt" IS NULL AND l.state = 'REVIEW' AND l."reviewedAt" >= p.since
      GROUP BY p.period`,
    db.card.groupBy({ by: ["state"], where: { userId, suspended: false }, _count: { _all: true } }),
    db.card.count({ where: { userId, suspended: true } }),
    db.card.findMany({
      where: { userId, lapses: { gt: 0 } },
      orderBy: [{ lapses: "desc" }, { difficulty: "desc" }, { id: "asc" }],
      take: 10,
      select: {
        id: true,
        lapses: true,
        reps: true,
        difficulty: true,
        ...cardFaceSelect,
      },
    }),
  ]);

  const forecastBy = new Map(forecastRows.map((row) => [row.day, row.cards]));
  const heatmapBy = new Map(heatmapRows.map((row) => [row.day, row.reviews]));
  const stateCount = (state: string) => stateRows.find((row) => row.state === state)?._count._all ?? 0;
  const retention = (period: string) => {
    const row = retentionRows.find((r) => r.period === period);
    return { reviews: row?.reviews ?? 0, passed: row?.passed ?? 0, rate: row && row.reviews ? row.passed / row.reviews : null };
  };

  return {
    timeZone: tz,
    forecast: dayKeys(tz, today.start, FORECAST_DAYS).map((day) => ({ day, cards: forecastBy.get(day) ?? 0 })),
    heatmap: dayKeys(tz, heatmapStart, HEATMAP_DAYS).map((day) => ({ day, reviews: heatmapBy.get(day) ?? 0 })),
    totalReviews: heatmapRows.reduce((sum, row) => sum + row.reviews, 0),
    retention: { today: retention("today"), week: retention("week"), month: retention("month"), year: retention("year") },
    counts: { new: stateCount("NEW"), learning: stateCount("LEARNING") + stateCount("RELEARNING"), review: stateCount("REVIEW"), suspended },
    hardest: hardest.map((card) => ({ id: card.id, lapses: card.lapses, reps: card.reps, difficulty: Math.round(card.difficulty * 10) / 10, ...faceOf(card) })),
  };
}

/**
 * The cards of a course that its learners forget most: by the share of their reviews answered
 * Again (at least `minReviews` reviews, so one unlucky answer does not top the list). Aggregates
 * only; no learner is named.
 */
export async function mostForgottenCards(options: { courseId: string; limit?: number; minReviews?: number }) {
  const rows = await db.$queryRaw<{ contentItemId: string; reviews: number; again: number; learners: number }[]>`
    SELECT c."contentItemId", count(*)::int AS reviews, count(*) FILTER (WHERE l.rating = 1)::int AS again, count(DISTINCT l."userId")::int AS learners
    FROM "ReviewLog" l JOIN "Card" c ON c.id = l."cardId"
    WHERE l."courseId" = ${options.courseId} AND l."undoneAt" IS NULL AND c."contentItemId" IS NOT NULL
    GROUP BY c."contentItemId"
    HAVING count(*) >= ${options.minReviews ?? 1} AND count(*) FILTER (WHERE l.rating = 1) > 0
    ORDER BY count(*) FILTER (WHERE l.rating = 1)::float / count(*) DESC, count(*) FILTER (WHERE l.rating = 1) DESC, c."contentItemId"
    LIMIT ${options.limit ?? 10}`;
  const items = await itemsWithLesson({ itemIds: rows.map((row) => row.contentItemId) });
  const byId = new Map(items.map((item) => [item.id, item]));
  return rows.flatMap((row) => {
    const item = byId.get(row.contentItemId);
    const face = item && cardFaceOf(item.kind, item.data);
    if (!item || !face) return [];
    return [{ front: face.front, kindLabel: face.kindLabel, lesson: item.lessonTitle, reviews: row.reviews, again: row.again, learners: row.learners, forgetRate: row.again / row.reviews }];
  });
}

/**
 * The learner's key-concept cards with their memory state and the lesson that teaches each (for
 * mastery by concept). Cards of archived items are left out.
 */
export async function conceptCards(options: { userId: string }) {
  const cards = await db.card.findMany({
    where: { userId: options.userId, contentItem: { kind: "key-concept", archivedAt: null } },
    select: {
      reps: true,
      stability: true,
      contentItem: { select: { id: true, data: true, section: { select: { lesson: { select: { id: true, title: true, slug: true, course: { select: { slug: true, title: true } } } } } } } },
    },
  });
  return cards.flatMap((card) => {
    const item = card.contentItem;
    if (!item) return [];
    const term = (item.data as { term?: unknown }).term;
    return [{ itemId: item.id, term: typeof term === "string" ? term : "Concept", reps: card.reps, stability: card.stability, lesson: item.section.lesson }];
  });
}

/**
 * A course's memory as its learners' schedulers see it: the cards with the highest FSRS difficulty
 * (1–10, each learner's card as their own parameters, fitted or default, computed it), and the
 * course's measured true retention over the last 30 days against the retention its learners asked for.
 */
export async function courseMemory(options: { courseId: string; now?: Date; limit?: number }) {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - 30 * DAY_MS);
  const [hardest, [retention]] = await Promise.all([
    db.$queryRaw<{ contentItemId: string; difficulty: number; learners: number; fitted: number }[]>`
      SELECT c."contentItemId", avg(c.difficulty)::float8 AS difficulty, count(DISTINCT c."userId")::int AS learners,
             count(DISTINCT c."userId") FILTER (WHERE s."fitId" IS NOT NULL)::int AS fitted
      FROM "Card" c LEFT JOIN "ReviewSettings" s ON s."userId" = c."userId"
      WHERE c."courseId" = ${options.courseId} AND c."contentItemId" IS NOT NULL AND c.state <> 'NEW'
      GROUP BY c."contentItemId"
      ORDER BY avg(c.difficulty) DESC, c."contentItemId"
      LIMIT ${options.limit ?? 10}`,
    db.$queryRaw<{ reviews: number; passed: number; target: number | null; learners: number }[]>`
      SELECT count(*)::int AS reviews, count(*) FILTER (WHERE l.rating > 1)::int AS passed,
             avg(coalesce(s."desiredRetention", 0.9))::float8 AS target, count(DISTINCT l."userId")::int AS learners
      FROM "ReviewLog" l LEFT JOIN "ReviewSettings" s ON s."userId" = l."userId"
      WHERE l."courseId" = ${options.courseId} AND l."undoneAt" IS NULL AND l.state = 'REVIEW' AND l."reviewedAt" >= ${since}`,
  ]);
  const items = await itemsWithLesson({ itemIds: hardest.map((row) => row.contentItemId) });
  const byId = new Map(items.map((item) => [item.id, item]));
  return {
    hardest: hardest.flatMap((row) => {
      const item = byId.get(row.contentItemId);
      const face = item && cardFaceOf(item.kind, item.data);
      if (!item || !face) return [];
      return [{ front: face.front, kindLabel: face.kindLabel, lesson: item.lessonTitle, difficulty: Math.round(row.difficulty * 10) / 10, learners: row.learners, fittedLearners: row.fitted }];
    }),
    // Of reviews of cards in the review state, the share not answered Again (Anki's "true retention"), against the learners' desired retention.
    retention: { reviews: retention?.reviews ?? 0, learners: retention?.learners ?? 0, rate: retention?.reviews ? retention.passed / retention.reviews : null, target: retention?.reviews ? retention.target : null },
  };
}
