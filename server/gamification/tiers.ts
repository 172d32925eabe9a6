import "server-only";
import { GLOBAL_SCOPE, weekEnd, weekKey } from "@/lib/gamification/league";
import { tierName, tierOutcome, tierZones } from "@/lib/gamification/tiers";
import { db } from "../db";
import { settleAllPending, settleLearner } from "./pending";

// Closing a league week: once the week has ended (Monday 00:00 UTC, the same instant for every
// time zone) and a short grace has passed for activities still committing, each tier's learners
// with XP that week are ranked by it and moved up or down one tier. It runs lazily, on the first
// league read after the boundary, and is idempotent: the LeagueWeek row is written in the same
// transaction as the results, under a lock, so a second or concurrent close finds it and stops.

export const CLOSE_GRACE_MS = 5 * 60_000;

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
  // A week is ranked from every activity in it, those still pending (a process died after their
  // commit) included.
  if (pending.length) await settleAllPending();
  for (const { period } of pending) {
    if (weekEnd(period).getTime() + CLOSE_GRACE_MS > now.getTime()) continue;
    if (await closeWeek(period)) closed.push(period);
  }
  return closed;
}

async function closeWeek(week: string): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('league-close'))`;
      if (await tx.leagueWeek.findUnique({ where: { week }, select: { week: true } })) return false;
      // Opted-out learners are on no leaderboard: they are not ranked and keep their tier.
      const sizes = await tx.$queryRaw<{ tier: number; size: number }[]>`
        SELECT u."leagueTier" AS tier, count(*)::int AS size
        FROM "LeagueScore" ls JOIN "User" u ON u.id = ls."userId"
        WHERE ls.period = ${week} AND ls.scope = ${GLOBAL_SCOPE} AND ls.hidden = false AND ls.xp > 0
        GROUP BY u."leagueTier"`;
      // The zones come from the rules (lib/gamification/tiers.ts); SQL only ranks and applies them,
      // the way tierOutcome does, set-based, so a week of 100,000 learners is a few statements.
      const zones = sizes.map(({ tier, size }) => ({ tier, size, ...tierZones(tier, size) }));
      await tx.leagueWeek.create({ data: { week } });
      if (!zones.length) return true;
      await tx.$executeRaw`
        INSERT INTO "LeagueResult" (week, "userId", tier, rank, size, xp, outcome, "newTier")
        SELECT ${week}, r."userId", r.tier, r.rank, z.size, r.xp,
          (CASE WHEN r.rank <= z.promote THEN 'PROMOTED' WHEN r.rank > z.size - z.demote THEN 'DEMOTED' ELSE 'STAYED' END)::"LeagueOutcome",
          r.tier + (CASE WHEN r.rank <= z.promote THEN 1 WHEN r.rank > z.size - z.demote THEN -1 ELSE 0 END)
        FROM (
          SELECT ls."userId", ls.xp, u."leagueTier" AS tier,
            row_number() OVER (PARTITION BY u."leagueTier" ORDER BY ls.xp DESC, ls."reachedAt" ASC, ls."userId" ASC)::int AS rank
          FROM "LeagueScore" ls JOIN "User" u ON u.id = ls."userId"
          WHERE ls.period = ${week} AND ls.scope = ${GLOBAL_SCOPE} AND ls.hidden = false AND ls.xp > 0
        ) r
        JOIN jsonb_to_recordset(${JSON.stringify(zones)}::jsonb) AS z(tier int, size int, promote int, demote int) ON z.tier = r.tier`;
      await tx.$executeRaw`
        UPDATE "User" u SET "leagueTier" = lr."newTier"
        FROM "LeagueResult" lr WHERE lr.week = ${week} AND lr."userId" = u.id AND lr."newTier" <> lr.tier`;
      return true;
    },
    // A week of many learners can take seconds on a busy server: past Prisma's 5 s default.
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/**
 * The viewer's league this week: their tier, the learners of that tier ranked by this week's XP,
 * how many will move up and down if the week ended now, and how the last closed week went for them.
 */
export async function getTierLeague(options: { viewerId: string; now?: Date; limit?: number }) {
  const now = options.now ?? new Date();
  await closeLeagueWeeks({ now });
  await settleLearner({ userId: options.viewerId });
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
