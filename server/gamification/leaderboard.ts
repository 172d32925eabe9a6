import "server-only";
import { ALL_TIME, GLOBAL_SCOPE, weekEnd, weekKey } from "@/lib/gamification/league";
import { findCourse } from "../catalog/service";
import { db } from "../db";
import { DomainError } from "../errors";
import { settleLearner } from "./pending";

export type LeaderboardPeriod = "week" | "all";

type RankedRow = { userId: string; name: string; xp: number };

/**
 * A league table: this UTC week's XP or all-time, globally or in one course. Only display names
 * are shown, opted-out learners appear to no one (themselves included), and ties go to whoever
 * reached the score first (then to the user id, so the order is stable).
 */
export async function getLeaderboard(options: { viewerId: string; period: LeaderboardPeriod; courseSlug?: string | null; limit?: number; now?: Date }) {
  const now = options.now ?? new Date();
  await settleLearner({ userId: options.viewerId });
  const period = options.period === "week" ? weekKey(now) : ALL_TIME;
  let scope = GLOBAL_SCOPE;
  let course: { slug: string; title: string } | null = null;
  if (options.courseSlug) {
    const found = await findCourse({ slug: options.courseSlug });
    if (!found || found.status !== "PUBLISHED") throw new DomainError("NOT_FOUND", "That course does not exist.");
    scope = found.id;
    course = { slug: found.slug, title: found.title };
  }
  const limit = options.limit ?? 50;
  const rows = await db.$queryRaw<RankedRow[]>`
    SELECT ls."userId", u.name, ls.xp
    FROM "LeagueScore" ls JOIN "User" u ON u.id = ls."userId"
    WHERE ls.period = ${period} AND ls.scope = ${scope} AND ls.hidden = false AND ls.xp > 0
    ORDER BY ls.xp DESC, ls."reachedAt" ASC, ls."userId" ASC
    LIMIT ${limit}`;
  const mine = await db.leagueScore.findUnique({
    where: { period_scope_userId: { period, scope, userId: options.viewerId } },
    select: { xp: true, reachedAt: true, hidden: true },
  });
  let viewer: { rank: number | null; xp: number; hidden: boolean } = { rank: null, xp: mine?.xp ?? 0, hidden: mine?.hidden ?? false };
  if (mine && !mine.hidden && mine.xp > 0) {
    // Two index range scans (strictly more XP; same XP but reached first) instead of one OR.
    const [ahead] = await db.$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM "LeagueScore"
               WHERE period = ${period} AND scope = ${scope} AND hidden = false AND xp > ${mine.xp})::int
           + (SELECT count(*) FROM "LeagueScore"
               WHERE period = ${period} AND scope = ${scope} AND hidden = false AND xp = ${mine.xp}
                 AND ("reachedAt", "userId") < (${mine.reachedAt}, ${options.viewerId}))::int AS n`;
    viewer = { ...viewer, rank: (ahead?.n ?? 0) + 1 };
  }
  if (!mine) {
    const user = await db.user.findUnique({ where: { id: options.viewerId }, select: { leaderboardOptOut: true } });
    viewer.hidden = user?.leaderboardOptOut ?? false;
  }
  return {
    period: options.period,
    week: options.period === "week" ? { starts: period, endsAt: weekEnd(period) } : null,
    course,
    rows: rows.map((row, index) => ({ rank: index + 1, name: row.name, xp: row.xp, isViewer: row.userId === options.viewerId })),
    viewer,
  };
}

/** Opting out hides the learner from every league at once (and opting back in shows them again). */
export async function setLeaderboardOptOut(options: { userId: string; optOut: boolean }) {
  await db.$transaction([
    db.user.update({ where: { id: options.userId }, data: { leaderboardOptOut: options.optOut } }),
    db.leagueScore.updateMany({ where: { userId: options.userId }, data: { hidden: options.optOut } }),
  ]);
  return { optOut: options.optOut };
}
