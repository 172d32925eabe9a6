import "server-only";
import { BADGES } from "@/lib/gamification/badges";
import { levelFor } from "@/lib/gamification/levels";
import { computeStreak } from "@/lib/gamification/streak";
import { localDateKey } from "@/lib/time/day";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";

/**
 * XP per local calendar day for one learner, summed by PostgreSQL in their time zone (one row per
 * active day, however many events a day holds).
 */
export async function dailyXpTotals(
  options: { userId: string; timeZone: string },
  client: Pick<Prisma.TransactionClient, "$queryRaw"> = db,
): Promise<Map<string, number>> {
  const rows = await client.$queryRaw<{ day: string; xp: number }[]>`
    SELECT to_char(("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${options.timeZone}, 'YYYY-MM-DD') AS day,
           sum(amount)::int AS xp
    FROM "XpEvent" WHERE "userId" = ${options.userId}
    GROUP BY 1`;
  return new Map(rows.map((row) => [row.day, row.xp]));
}

/** Level and streak, derived from the XP ledger alone. */
export async function getLearnerProgress(options: { userId: string; timeZone: string; dailyGoalXp: number; now?: Date }) {
  const totals = await dailyXpTotals({ userId: options.userId, timeZone: options.timeZone });
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
  const owned = await db.userBadge.findMany({ where: { userId: options.userId }, select: { badgeId: true, awardedAt: true } });
  const earnedAt = new Map(owned.map((row) => [row.badgeId, row.awardedAt]));
  return BADGES.map((badge) => ({ id: badge.id, name: badge.name, icon: badge.icon, howTo: badge.howTo, awardedAt: earnedAt.get(badge.id) ?? null }));
}
