import "server-only";
import { BADGE_BY_ID } from "@/lib/gamification/badges";
import { levelFor } from "@/lib/gamification/levels";
import { computeStreak } from "@/lib/gamification/streak";
import { localDateKey, startOfLocalDay } from "@/lib/time/day";
import { db } from "../db";
import { getLeaderboard } from "./leaderboard";
import { pendingLevelUp } from "./notifications";
import { dailyXpTotals } from "./service";
import { tierName } from "@/lib/gamification/tiers";
import { closeLeagueWeeks } from "./tiers";
import { settleLearner } from "./pending";

const HEATMAP_DAYS = 365;
const CHART_DAYS = 30;

function addDays(day: string, delta: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

/**
 * Everything the dashboard shows about the game, derived from the ledger in one pass over the
 * learner's day totals (PostgreSQL sums the events per local day; a day is a row however busy).
 */
export async function getDashboard(options: { userId: string; now?: Date }) {
  const now = options.now ?? new Date();
  await settleLearner({ userId: options.userId });
  const user = await db.user.findUniqueOrThrow({ where: { id: options.userId }, select: { id: true, name: true, timezone: true, dailyGoalXp: true, leaderboardOptOut: true } });
  // The tier only (the tier table is the leaderboard's: ranking within a tier costs a join the
  // dashboard's budget has no room for at 100,000 learners, bench/gamification.ts).
  await closeLeagueWeeks({ now });
  const [totals, badges, levelUp, league, tier] = await Promise.all([
    dailyXpTotals({ userId: user.id }),
    db.userBadge.findMany({ where: { userId: user.id }, orderBy: [{ awardedAt: "desc" }, { badgeId: "asc" }], take: 4 }),
    pendingLevelUp({ userId: user.id }),
    getLeaderboard({ viewerId: user.id, period: "week", limit: 0, now }),
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { leagueTier: true } }),
  ]);
  const today = localDateKey(user.timezone, now);
  const totalXp = [...totals.values()].reduce((sum, xp) => sum + xp, 0);
  const streak = computeStreak({ totals, goal: user.dailyGoalXp, today });
  const series = (days: number) => Array.from({ length: days }, (_, i) => addDays(today, i - days + 1)).map((day) => ({ day, xp: totals.get(day) ?? 0 }));
  return {
    name: user.name,
    timezone: user.timezone,
    today,
    goal: { xp: user.dailyGoalXp, todayXp: streak.todayXp, met: streak.goalMetToday },
    level: levelFor(totalXp),
    totalXp,
    streak: { ...streak, endsAt: streak.atRisk ? nextLocalMidnight(user.timezone, now) : null },
    xpByDay: series(CHART_DAYS),
    heatmap: series(HEATMAP_DAYS),
    recentBadges: badges.flatMap((row) => {
      const badge = BADGE_BY_ID.get(row.badgeId);
      return badge ? [{ id: badge.id, name: badge.name, icon: badge.icon, awardedAt: row.awardedAt }] : [];
    }),
    levelUp,
    league: {
      rank: league.viewer.rank,
      xp: league.viewer.xp,
      hidden: league.viewer.hidden || user.leaderboardOptOut,
      endsAt: league.week?.endsAt ?? null,
      tier: tierName(tier.leagueTier),
    },
  };
}

/** The instant the learner's current local day ends. */
export function nextLocalMidnight(timeZone: string, now: Date): Date {
  // A local day lasts 23–25 hours: the first of these steps that lands in the next day finds it.
  const start = startOfLocalDay(timeZone, now);
  for (const hours of [24, 25, 26]) {
    const candidate = startOfLocalDay(timeZone, new Date(start.getTime() + hours * 3_600_000));
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  return new Date(start.getTime() + 24 * 3_600_000);
}
