import "server-only";
import { BADGES } from "@/lib/gamification/badges";
import { levelFor } from "@/lib/gamification/levels";
import { computeStreak } from "@/lib/gamification/streak";
import { localDateKey } from "@/lib/time/day";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { DbClient } from "../db-client";
import { settleLearner } from "./pending";

/**
 * XP per local calendar day for one learner in their current time zone: one stored row per active
 * day (XpDay), kept in step with the ledger by recordActivity and rebuilt when the zone changes.
 */
export async function dailyXpTotals(options: { userId: string }, client: Pick<DbClient, "xpDay"> = db): Promise<Map<string, number>> {
  const rows = await client.xpDay.findMany({ where: { userId: options.userId }, select: { day: true, xp: true } });
  return new Map(rows.map((row) => [row.day, row.xp]));
}

/** The same totals summed from the raw ledger by PostgreSQL, in any time zone. */
export async function ledgerDayTotals(options: { userId: string; timeZone: string }, client: Pick<DbClient, "$queryRaw"> = db): Promise<Map<string, number>> {
  const rows = await client.$queryRaw<{ day: string; xp: number }[]>`
    SELECT to_char(("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${options.timeZone}, 'YYYY-MM-DD') AS day,
           sum(amount)::int AS xp
    FROM "XpEvent" WHERE "userId" = ${options.userId}
    GROUP BY 1`;
  return new Map(rows.map((row) => [row.day, row.xp]));
}

/**
 * Rebuilds a learner's stored day totals and league rows from the ledger alone (after a time zone
 * change, or to repair). Call inside a transaction holding the learner's lock (lockLearner).
 */
export async function rebuildFromLedger(user: { id: string; timezone: string; leaderboardOptOut: boolean }, client: DbClient) {
  // Activities still pending are left out: applying them later adds them (in the zone then current).
  const notPending = Prisma.sql`NOT EXISTS (SELECT 1 FROM "PendingDerivation" pd WHERE pd."eventId" = e.id)`;
  await client.xpDay.deleteMany({ where: { userId: user.id } });
  await client.$executeRaw`
    INSERT INTO "XpDay" ("userId", day, xp)
    SELECT "userId", to_char(("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${user.timezone}, 'YYYY-MM-DD'), sum(amount)::int
    FROM "XpEvent" e WHERE "userId" = ${user.id} AND amount > 0 AND ${notPending}
    GROUP BY 1, 2`;
  await client.leagueScore.deleteMany({ where: { userId: user.id } });
  await client.$executeRaw`
    INSERT INTO "LeagueScore" (period, scope, "userId", xp, "reachedAt", hidden)
    SELECT p.period, p.scope, e."userId", sum(e.amount)::int, max(e."createdAt"), ${user.leaderboardOptOut}
    FROM "XpEvent" e
    CROSS JOIN LATERAL (
      VALUES ('all', 'global'),
             (to_char(date_trunc('week', e."createdAt"), 'YYYY-MM-DD'), 'global'),
             ('all', e."courseId"),
             (to_char(date_trunc('week', e."createdAt"), 'YYYY-MM-DD'), e."courseId")
    ) AS p(period, scope)
    WHERE e."userId" = ${user.id} AND p.scope IS NOT NULL AND e.amount > 0 AND ${notPending}
    GROUP BY p.period, p.scope, e."userId"`;
}

/** Level and streak, derived from the XP ledger alone. */
export async function getLearnerProgress(options: { userId: string; timeZone: string; dailyGoalXp: number; now?: Date }) {
  await settleLearner({ userId: options.userId });
  const totals = await dailyXpTotals({ userId: options.userId });
  const totalXp = [...totals.values()].reduce((sum, xp) => sum + xp, 0);
  const today = localDateKey(options.timeZone, options.now ?? new Date());
  return {
    totalXp,
    level: levelFor(totalXp),
    streak: computeStreak({ totals, goal: options.dailyGoalXp, today }),
  };
}

/** When each learner last earned XP (any activity on the site), for the ones who ever did. */
export async function lastXpAt(options: { userIds: string[] }): Promise<Map<string, Date>> {
  if (options.userIds.length === 0) return new Map();
  const rows = await db.xpEvent.groupBy({ by: ["userId"], where: { userId: { in: options.userIds } }, _max: { createdAt: true } });
  return new Map(rows.flatMap((row) => (row._max.createdAt ? [[row.userId, row._max.createdAt] as const] : [])));
}

/** Every badge: earned ones with their date, locked ones with how to earn them. */
export async function listBadges(options: { userId: string }) {
  await settleLearner({ userId: options.userId });
  const owned = await db.userBadge.findMany({ where: { userId: options.userId }, select: { badgeId: true, awardedAt: true } });
  const earnedAt = new Map(owned.map((row) => [row.badgeId, row.awardedAt]));
  return BADGES.map((badge) => ({ id: badge.id, name: badge.name, icon: badge.icon, howTo: badge.howTo, awardedAt: earnedAt.get(badge.id) ?? null }));
}

// The domain's entry points for other domains (recording an activity, locking a learner's ledger).
export * from "./activity";
export { closeLeagueWeeks } from "./tiers";
export { backgroundSettled, settleAllPending, settleLearner, settleSoon } from "./pending";
