import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createTestUser } from "../test/factories";
import { recordActivity } from "./activity";
import { closeLeagueWeeks, getTierLeague } from "./tiers";

// Each test works in its own far-off week, later than the previous test's: weeks close in time
// order, so a test never reaches back before a week another test already closed.
let weekOffset = 0;
function freshWeek(): Date {
  weekOffset += 1;
  // Mondays from 2031 on, one per test (2031-01-06 is a Monday).
  return new Date(Date.UTC(2031, 0, 6 + 7 * 3 * weekOffset));
}
const at = (monday: Date, hours: number) => new Date(monday.getTime() + hours * 3600_000);

async function earn(userId: string, xp: number, when: Date, tag: string) {
  // Lesson sections are worth 10 XP each, with no daily cap.
  for (let i = 0; i < xp / 10; i++) await recordActivity({ userId, rule: "lesson-section", sourceId: `${tag}-${i}`, meta: { lessonId: "l", sectionId: `${tag}-${i}` }, now: when });
}

async function tierOf(userId: string) {
  return (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { leagueTier: true } })).leagueTier;
}

describe("league tiers", () => {
  it("promotes the top of a tier and demotes its bottom when the week closes, once", async () => {
    const monday = freshWeek();
    const silver = await Promise.all(Array.from({ length: 6 }, (_, i) => createTestUser({ name: `Silver ${i}` })));
    await db.user.updateMany({ where: { id: { in: silver.map((u) => u.id) } }, data: { leagueTier: 1 } });
    // 60, 50, 40, 30, 20, 10 XP: in a tier of six, 2 move up (ceil(6·7/30)) and 1 down (floor(6·5/30)).
    for (const [i, user] of silver.entries()) await earn(user.id, 60 - i * 10, at(monday, 30 + i), `w-${i}`);
    const idle = await createTestUser();
    await db.user.update({ where: { id: idle.id }, data: { leagueTier: 1 } });

    const before = await getTierLeague({ viewerId: silver[0]!.id, now: at(monday, 100) });
    expect(before.tier.name).toBe("Silver");
    expect(before.zones).toEqual({ promote: 2, demote: 1 });
    expect(before.rows.filter((row) => row.name.startsWith("Silver ")).map((row) => row.zone)).toEqual(["PROMOTED", "PROMOTED", "STAYED", "STAYED", "STAYED", "DEMOTED"]);
    // The viewer's rank and zone hold beyond the rows listed.
    const last = await getTierLeague({ viewerId: silver[5]!.id, now: at(monday, 100), limit: 2 });
    expect(last.rows).toHaveLength(2);
    expect({ size: last.size, viewer: last.viewer }).toEqual({ size: 6, viewer: { rank: 6, xp: 10, zone: "DEMOTED" } });

    const nextMonday = at(monday, 7 * 24);
    const closeAt = at(nextMonday, 1);
    const [first, second] = await Promise.all([closeLeagueWeeks({ now: closeAt }), closeLeagueWeeks({ now: closeAt })]);
    const week = monday.toISOString().slice(0, 10);
    expect([...first, ...second].filter((w) => w === week)).toEqual([week]);
    expect(await closeLeagueWeeks({ now: closeAt })).not.toContain(week);

    expect(await Promise.all(silver.map((u) => tierOf(u.id)))).toEqual([2, 2, 1, 1, 1, 0]);
    expect(await tierOf(idle.id)).toBe(1);
    const results = await db.leagueResult.findMany({ where: { week, userId: { in: silver.map((u) => u.id) } }, orderBy: { rank: "asc" }, select: { rank: true, size: true, outcome: true } });
    expect(results.map((r) => r.outcome)).toEqual(["PROMOTED", "PROMOTED", "STAYED", "STAYED", "STAYED", "DEMOTED"]);
    expect(results.every((r) => r.size === 6)).toBe(true);

    const after = await getTierLeague({ viewerId: silver[0]!.id, now: closeAt });
    expect(after.tier.name).toBe("Gold");
    expect(after.lastWeek).toMatchObject({ week, rank: 1, size: 6, outcome: "PROMOTED", tierName: "Silver", newTierName: "Gold" });
  });

  it("never demotes from Bronze, and waits for the grace after the boundary", async () => {
    const monday = freshWeek();
    const users = await Promise.all([createTestUser(), createTestUser(), createTestUser(), createTestUser(), createTestUser(), createTestUser()]);
    for (const [i, user] of users.entries()) await earn(user.id, 10 * (i + 1), at(monday, 10 + i), `b-${i}`);
    const week = monday.toISOString().slice(0, 10);
    const boundary = at(monday, 7 * 24);
    expect(await closeLeagueWeeks({ now: new Date(boundary.getTime() + 60_000) })).not.toContain(week);
    expect(await closeLeagueWeeks({ now: new Date(boundary.getTime() + 6 * 60_000) })).toContain(week);
    const tiers = await Promise.all(users.map((u) => tierOf(u.id)));
    expect(tiers.filter((t) => t === 1)).toHaveLength(2);
    expect(tiers.filter((t) => t === 0)).toHaveLength(4);
  });

  it.each([
    ["Pacific/Kiritimati", -0.5, "before"],
    ["America/Los_Angeles", 0.5, "after"],
    ["Asia/Kolkata", -0.25, "before"],
  ] as const)("counts XP earned in %s by the UTC week boundary, not the local day", async (timezone, hoursFromBoundary, side) => {
    const monday = freshWeek();
    const user = await createTestUser({ timezone });
    const rival = await createTestUser();
    const boundary = at(monday, 7 * 24);
    // Kiritimati at 23:30 UTC Sunday is already Monday 13:30 locally; Los Angeles at 00:30 UTC
    // Monday is still Sunday 16:30 locally: the league goes by the UTC instant for everyone.
    await earn(user.id, 50, at(boundary, hoursFromBoundary), `tz-${timezone}`);
    await earn(rival.id, 10, at(monday, 20), `tz-rival-${timezone}`);
    const week = monday.toISOString().slice(0, 10);
    await closeLeagueWeeks({ now: at(boundary, 24 * 7 + 1) });
    const result = await db.leagueResult.findUnique({ where: { week_userId: { week, userId: user.id } }, select: { rank: true } });
    if (side === "before") expect(result).toEqual({ rank: 1 });
    else expect(result).toBeNull();
  });

  it("keeps opted-out learners out of the ranking and their tier as it was", async () => {
    const monday = freshWeek();
    const hidden = await createTestUser();
    await db.user.update({ where: { id: hidden.id }, data: { leaderboardOptOut: true, leagueTier: 3 } });
    await earn(hidden.id, 30, at(monday, 5), "hidden");
    await db.leagueScore.updateMany({ where: { userId: hidden.id }, data: { hidden: true } });
    const week = monday.toISOString().slice(0, 10);
    await closeLeagueWeeks({ now: at(monday, 7 * 24 + 1) });
    expect(await db.leagueResult.findUnique({ where: { week_userId: { week, userId: hidden.id } } })).toBeNull();
    expect(await tierOf(hidden.id)).toBe(3);
  });
});
