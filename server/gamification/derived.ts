import "server-only";
import { badgesTriggeredBy } from "@/lib/gamification/badges";
import { ALL_TIME, GLOBAL_SCOPE, leagueKeys } from "@/lib/gamification/league";
import { levelFor } from "@/lib/gamification/levels";
import type { ActivityRule } from "@/lib/gamification/rules";
import { localDateKey } from "@/lib/time/day";
import { learnerFacts } from "./facts";
import type { DbClient } from "../db-client";

type Learner = { id: string; timezone: string; dailyGoalXp: number; leaderboardOptOut: boolean };

/**
 * Everything an activity changes besides its ledger row, in the same transaction and under the
 * learner's lock (so two activities never award one badge twice or skip a level-up): day and
 * league totals, level-up notifications, badges with their notifications.
 */
export async function applyDerived(
  client: DbClient,
  event: { user: Learner; rule: ActivityRule; xp: number; courseId: string | null; createdAt: Date },
): Promise<{ badges: string[]; levelsReached: number[] }> {
  const { user, rule, xp, createdAt } = event;
  const levelsReached: number[] = [];
  // Known when the activity earned XP (level badges are only checked then).
  let totalXp: number | undefined;
  if (xp > 0) {
    await client.$executeRaw`
      INSERT INTO "XpDay" ("userId", day, xp) VALUES (${user.id}, ${localDateKey(user.timezone, createdAt)}, ${xp})
      ON CONFLICT ("userId", day) DO UPDATE SET xp = "XpDay".xp + EXCLUDED.xp`;
    // The all-time global league row is the learner's total XP, so the level needs no extra sum.
    totalXp = await addToLeagues(client, { userId: user.id, xp, courseId: event.courseId, createdAt, hidden: user.leaderboardOptOut });
    const levelBefore = levelFor(totalXp - xp).level;
    const levelAfter = levelFor(totalXp).level;
    for (let level = levelBefore + 1; level <= levelAfter; level++) levelsReached.push(level);
    if (levelsReached.length) {
      await client.notification.createMany({ data: levelsReached.map((level) => ({ userId: user.id, kind: "LEVEL_UP" as const, data: { level }, createdAt })) });
    }
  }

  const owned = new Set((await client.userBadge.findMany({ where: { userId: user.id }, select: { badgeId: true } })).map((b) => b.badgeId));
  const candidates = badgesTriggeredBy(rule, xp).filter((badge) => !owned.has(badge.id));
  if (candidates.length === 0) return { badges: [], levelsReached };
  // Each badge reads only the facts of its own triggers, so only those rules' rows are summed.
  const sources = [...new Set(candidates.flatMap((badge) => badge.triggers.filter((trigger): trigger is ActivityRule => trigger !== "any-xp")))];
  const facts = await learnerFacts(client, user, { sources, totalXp, streak: candidates.some((badge) => badge.triggers.includes("any-xp")), now: createdAt });
  const earned = candidates.filter((badge) => badge.earned(facts));
  if (earned.length) {
    await client.userBadge.createMany({ data: earned.map((badge) => ({ userId: user.id, badgeId: badge.id, awardedAt: createdAt })), skipDuplicates: true });
    await client.notification.createMany({ data: earned.map((badge) => ({ userId: user.id, kind: "BADGE" as const, data: { badgeId: badge.id }, createdAt })) });
  }
  return { badges: earned.map((badge) => badge.id), levelsReached };
}

/** Adds the XP to every league row it counts in; returns the learner's all-time total. */
async function addToLeagues(client: DbClient, options: { userId: string; xp: number; courseId: string | null; createdAt: Date; hidden: boolean }): Promise<number> {
  let total = 0;
  for (const { period, scope } of leagueKeys(options.createdAt, options.courseId)) {
    const [row] = await client.$queryRaw<{ xp: number }[]>`
      INSERT INTO "LeagueScore" (period, scope, "userId", xp, "reachedAt", hidden)
      VALUES (${period}, ${scope}, ${options.userId}, ${options.xp}, ${options.createdAt}, ${options.hidden})
      ON CONFLICT (period, scope, "userId") DO UPDATE SET xp = "LeagueScore".xp + EXCLUDED.xp, "reachedAt" = EXCLUDED."reachedAt"
      RETURNING xp`;
    if (period === ALL_TIME && scope === GLOBAL_SCOPE && row) total = row.xp;
  }
  return total;
}
