import "server-only";
import { type Badge, badgesTriggeredBy } from "@/lib/gamification/badges";
import { ALL_TIME, GLOBAL_SCOPE, leagueKeys } from "@/lib/gamification/league";
import { levelFor } from "@/lib/gamification/levels";
import type { ActivityRule } from "@/lib/gamification/rules";
import { localDateKey } from "@/lib/time/day";
import { Prisma } from "../generated/prisma/client";
import { learnerFacts } from "./facts";
import type { DbClient } from "../db-client";

export type Learner = { id: string; timezone: string; dailyGoalXp: number; leaderboardOptOut: boolean };
export type LedgerActivity = { rule: ActivityRule; xp: number; courseId: string | null; createdAt: Date };

/**
 * Everything activities change besides their ledger rows, under the learner's lock (so two
 * activities never award one badge twice or skip a level-up): day and league totals, level-up
 * notifications, badges with their notifications. Takes one learner's activities in the order they
 * happened: one when an activity derives in its own transaction (recordActivity), several when a
 * learner's pending ones are applied together after commit (pending.ts). Totals are summed per
 * row and written in one statement; each level-up is dated by the activity that reached it; a
 * badge by the last activity of the batch that could trigger it (the activity itself for one).
 */
export async function applyDerived(
  options: { user: Learner; events: readonly LedgerActivity[] },
  client: DbClient,
): Promise<{ badges: string[]; levelsReached: number[] }> {
  const { user, events } = options;
  if (events.length === 0) return { badges: [], levelsReached: [] };
  const levelsReached: number[] = [];
  const earning = events.filter((event) => event.xp > 0);
  const batchXp = earning.reduce((sum, event) => sum + event.xp, 0);
  // Known when the activities earned XP (level badges are only checked then).
  let totalXp: number | undefined;
  if (batchXp > 0) {
    // The all-time global league row is the learner's total XP, so the level needs no extra sum.
    totalXp = await addToTotals({ user, events: earning }, client);
    let running = totalXp - batchXp;
    const levelUps: { level: number; createdAt: Date }[] = [];
    for (const event of earning) {
      const before = levelFor(running).level;
      running += event.xp;
      for (let level = before + 1; level <= levelFor(running).level; level++) levelUps.push({ level, createdAt: event.createdAt });
    }
    levelsReached.push(...levelUps.map((up) => up.level));
    if (levelUps.length) {
      await client.notification.createMany({ data: levelUps.map(({ level, createdAt }) => ({ userId: user.id, kind: "LEVEL_UP" as const, data: { level }, createdAt })) });
    }
  }

  const owned = new Set((await client.userBadge.findMany({ where: { userId: user.id }, select: { badgeId: true } })).map((b) => b.badgeId));
  // Each candidate with the last activity that triggers it: the date it is awarded.
  const candidates = new Map<string, { badge: Badge; at: Date }>();
  for (const event of events) {
    for (const badge of badgesTriggeredBy(event.rule, event.xp)) if (!owned.has(badge.id)) candidates.set(badge.id, { badge, at: event.createdAt });
  }
  if (candidates.size === 0) return { badges: [], levelsReached };
  const badges = [...candidates.values()].map((candidate) => candidate.badge);
  // Each badge reads only the facts of its own triggers, so only those rules' rows are summed.
  const sources = [...new Set(badges.flatMap((badge) => badge.triggers.filter((trigger): trigger is ActivityRule => trigger !== "any-xp")))];
  const facts = await learnerFacts(
    { user, sources, totalXp, streak: badges.some((badge) => badge.triggers.includes("any-xp")), now: events[events.length - 1]!.createdAt },
    client,
  );
  const earned = [...candidates.values()].filter(({ badge }) => badge.earned(facts));
  if (earned.length) {
    await client.userBadge.createMany({ data: earned.map(({ badge, at }) => ({ userId: user.id, badgeId: badge.id, awardedAt: at })), skipDuplicates: true });
    await client.notification.createMany({ data: earned.map(({ badge, at }) => ({ userId: user.id, kind: "BADGE" as const, data: { badgeId: badge.id }, createdAt: at })) });
  }
  return { badges: earned.map(({ badge }) => badge.id), levelsReached };
}

/**
 * Adds the activities' XP to the learner's day totals and every league row it counts in, in one
 * statement (rows summed first: one INSERT may not touch a row twice); returns the learner's
 * all-time total.
 */
async function addToTotals(options: { user: Learner; events: readonly LedgerActivity[] }, client: DbClient): Promise<number> {
  const { user } = options;
  const days = new Map<string, number>();
  const leagues = new Map<string, { period: string; scope: string; xp: number; reachedAt: Date }>();
  for (const event of options.events) {
    const day = localDateKey(user.timezone, event.createdAt);
    days.set(day, (days.get(day) ?? 0) + event.xp);
    for (const { period, scope } of leagueKeys(event.createdAt, event.courseId)) {
      const key = `${period}\u0000${scope}`;
      const row = leagues.get(key);
      if (row) {
        row.xp += event.xp;
        if (event.createdAt > row.reachedAt) row.reachedAt = event.createdAt;
      } else leagues.set(key, { period, scope, xp: event.xp, reachedAt: event.createdAt });
    }
  }
  const dayRows = [...days].map(([day, xp]) => Prisma.sql`(${user.id}, ${day}, ${xp}::int)`);
  const leagueRows = [...leagues.values()].map(
    (row) => Prisma.sql`(${row.period}, ${row.scope}, ${user.id}, ${row.xp}::int, ${row.reachedAt}::timestamp, ${user.leaderboardOptOut}::boolean)`,
  );
  const rows = await client.$queryRaw<{ period: string; scope: string; xp: number }[]>`
    WITH day AS (
      INSERT INTO "XpDay" ("userId", day, xp) VALUES ${Prisma.join(dayRows)}
      ON CONFLICT ("userId", day) DO UPDATE SET xp = "XpDay".xp + EXCLUDED.xp
    )
    INSERT INTO "LeagueScore" (period, scope, "userId", xp, "reachedAt", hidden) VALUES ${Prisma.join(leagueRows)}
    ON CONFLICT (period, scope, "userId") DO UPDATE SET xp = "LeagueScore".xp + EXCLUDED.xp, "reachedAt" = EXCLUDED."reachedAt"
    RETURNING period, scope, xp`;
  return rows.find((row) => row.period === ALL_TIME && row.scope === GLOBAL_SCOPE)?.xp ?? 0;
}
