import "server-only";
import { GLOBAL_SCOPE, weekEnd, weekKey } from "@/lib/gamification/league";
import { tierName, tierOutcome, tierZones } from "@/lib/gamification/tiers";
import { db } from "../db";

// Closing a league week: once the week has ended (Monday 00:00 UTC, the same instant for every
// time zone) and a short grace has passed for activities still committing, each tier's learners
// with XP that week are ranked by it and moved up or down one tier. It runs lazily, on the first
// league read after the boundary, and is idempotent: the LeagueWeek row is written in the same
// transaction as the results, under a lock, so a second or concurrent close finds it and stops.

export const CLOSE_GRACE_MS = 5 * 60_000;

type Ranked = { userId: string; xp: number; tier: number };

/** Closes every ended week not closed yet, oldest first; returns the weeks it closed. */
export async function closeLeagueWeeks(options: { now?: Date } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const last = await db.leagueWeek.findFirst({ orderBy: { week: "desc" }, select: { week: true } });
  // DISTINCT in SQL (Prisma's `distinct` would fetch every row of the week and dedupe in memory).
  const pending = await db.$queryRaw<{ period: string }[]>`
    SELECT DISTINCT period FROM "LeagueScore"
    WHERE scope = ${GLOBAL_SCOPE} AND period > ${last?.week ?? ""} AND period < ${weekKey(now)} AND xp > 0
    ORDER BY period`;
  const closed: string[] = [];
  for (const { period } of pending) {
    if (weekEnd(period).getTime() + CLOSE_GRACE_MS > now.getTime()) continue;
    if (await closeWeek(period)) closed.push(period);
  }
  return closed;
}

async function closeWeek(week: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('league-close'))`;
    if (await tx.leagueWeek.findUnique({ where: { week }, select: { week: true } })) return false;
    // Opted-out learners are on no leaderboard: they are not ranked and keep their tier.
    const rows = await tx.$queryRaw<Ranked[]>`
      SELECT ls."userId", ls.xp, u."leagueTier" AS tier
      FROM "LeagueScore" ls JOIN "User" u ON u.id = ls."userId"
      WHERE ls.period = ${week} AND ls.scope = ${GLOBAL_SCOPE} AND ls.hidden = false AND ls.xp > 0
      ORDER BY u."leagueTier", ls.xp DESC, ls."reachedAt" ASC, ls."userId" ASC`;
    const byTier = new Map<number, Ranked[]>();
    for (const row of rows) {
      const tierRows = byTier.get(row.tier);
      if (tierRows) tierRows.push(row);
      else byTier.set(row.tier, [row]);
    }
    const results = [...byTier.entries()].flatMap(([tier, ranked]) =>
      ranked.map((row, index) => ({ week, userId: row.userId, tier, rank: index + 1, size: ranked.length, xp: row.xp, ...tierOutcome(tier, index + 1, ranked.length) })),
    );
    await tx.leagueWeek.create({ data: { week } });
    await tx.leagueResult.createMany({ data: results });
    const moves = new Map<number, string[]>();
    for (const result of results) {
      if (result.newTier === result.tier) continue;
      const moved = moves.get(result.newTier);
      if (moved) moved.push(result.userId);
      else moves.set(result.newTier, [result.userId]);
    }
    for (const [newTier, userIds] of moves) await tx.user.updateMany({ where: { id: { in: userIds } }, data: { leagueTier: newTier } });
    return true;
    // A week of 100,000 learners takes seconds (bench/gamification.ts): past Prisma's 5 s default.
  }, { timeout: 120_000, maxWait: 30_000 });
}

/**
 * The viewer's league this week: their tier, the learners of that tier ranked by this week's XP,
 * how many will move up and down if the week ended now, and how the last closed week went for them.
 */
export async function getTierLeague(options: { viewerId: string; now?: Date; limit?: number }) {
  const now = options.now ?? new Date();
  await closeLeagueWeeks({ now });
  const week = weekKey(now);
  const viewer = await db.user.findUniqueOrThrow({ where: { id: options.viewerId }, select: { leagueTier: true, leaderboardOptOut: true } });
  const tier = viewer.leagueTier;
  const rows = await db.$queryRaw<{ userId: string; name: string; xp: number }[]>`
    SELECT ls."userId", u.name, ls.xp
    FROM "LeagueScore" ls JOIN "User" u ON u.id = ls."userId"
    WHERE ls.period = ${week} AND ls.scope = ${GLOBAL_SCOPE} AND ls.hidden = false AND ls.xp > 0 AND u."leagueTier" = ${tier}
    ORDER BY ls.xp DESC, ls."reachedAt" ASC, ls."userId" ASC
    LIMIT ${options.limit ?? 100}`;
  // The whole tier's size and the viewer's place in it, beyond the rows listed.
  const [counted] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "LeagueScore" ls JOIN "User" u ON u.id = ls."userId"
    WHERE ls.period = ${week} AND ls.scope = ${GLOBAL_SCOPE} AND ls.hidden = false AND ls.xp > 0 AND u."leagueTier" = ${tier}`;
  const size = counted?.n ?? 0;
  const mine = await db.leagueScore.findUnique({ where: { period_scope_userId: { period: week, scope: GLOBAL_SCOPE, userId: options.viewerId } }, select: { xp: true, reachedAt: true, hidden: true } });
  let rank: number | null = null;
  if (mine && !mine.hidden && mine.xp > 0) {
    const [ahead] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "LeagueScore" ls JOIN "User" u ON u.id = ls."userId"
      WHERE ls.period = ${week} AND ls.scope = ${GLOBAL_SCOPE} AND ls.hidden = false AND u."leagueTier" = ${tier}
        AND (ls.xp > ${mine.xp} OR (ls.xp = ${mine.xp} AND (ls."reachedAt", ls."userId") < (${mine.reachedAt}, ${options.viewerId})))`;
    rank = (ahead?.n ?? 0) + 1;
  }
  const zones = tierZones(tier, size);
  const last = await db.leagueResult.findFirst({
    where: { userId: options.viewerId },
    orderBy: { week: "desc" },
    select: { week: true, tier: true, rank: true, size: true, xp: true, outcome: true, newTier: true },
  });
  return {
    week: { starts: week, endsAt: weekEnd(week) },
    tier: { index: tier, name: tierName(tier), next: tierZones(tier, 1).promote ? tierName(tier + 1) : null, previous: tier > 0 ? tierName(tier - 1) : null },
    hidden: viewer.leaderboardOptOut,
    zones,
    size,
    viewer: { rank, xp: mine?.xp ?? 0, zone: rank ? tierOutcome(tier, rank, size).outcome : null },
    rows: rows.map((row, index) => ({
      rank: index + 1,
      name: row.name,
      xp: row.xp,
      isViewer: row.userId === options.viewerId,
      zone: tierOutcome(tier, index + 1, size).outcome,
    })),
    lastWeek: last ? { ...last, tierName: tierName(last.tier), newTierName: tierName(last.newTier) } : null,
  };
}
