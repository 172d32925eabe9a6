import { describe, expect, it } from "vitest";
import { replayLedger } from "@/lib/gamification/badges";
import { ALL_TIME, GLOBAL_SCOPE, weekKey } from "@/lib/gamification/league";
import { db } from "../db";
import { createCaller } from "../router";
import { createPublishedCourse, createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import { type RecordActivityInput, recordActivity } from "./activity";
import { getDashboard } from "./dashboard";
import { dailyXpTotals, getLearnerProgress, ledgerDayTotals } from "./service";

const DAY = 86_400_000;

// A deterministic pseudo-random stream, so a failure replays exactly.
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function activity(userId: string, i: number, random: () => number, at: Date, courseId: string | null): RecordActivityInput {
  const pick = random();
  const base = { userId, sourceId: `a-${i}`, courseId, now: at };
  if (pick < 0.35) return { ...base, rule: "review", meta: { cardId: `c-${i % 7}`, rating: 3 } };
  if (pick < 0.55) return { ...base, rule: "lesson-section", meta: { lessonId: "l", sectionId: `s-${i}` } };
  if (pick < 0.7) {
    const score = Math.floor(random() * 11) * 10;
    return { ...base, rule: "quiz", fraction: score / 100, meta: { quizId: "q", mode: "graded", scorePct: score, perfect: score === 100 } };
  }
  if (pick < 0.85) {
    const wpm = Math.round(20 + random() * 70);
    return { ...base, rule: "game", fraction: Math.min(1, wpm / 80), meta: { game: "typing", mode: "time-30", level: "adult", score: wpm, wpm, accuracy: 0.95 } };
  }
  if (pick < 0.93) {
    const level = String(1 + Math.floor(random() * 7));
    return { ...base, rule: "game", fraction: 0.5, meta: { game: "math", mode: random() < 0.5 ? "sprint" : "practice", level, score: 20 } };
  }
  return { ...base, rule: "lab-strategy", sourceId: ["feature-extraction", "fine-tuning", "from-scratch"][i % 3]!, meta: { strategy: ["feature-extraction", "fine-tuning", "from-scratch"][i % 3]! } };
}

describe("derived state is recomputable from the ledger", () => {
  for (const timeZone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York"]) {
    it(`badges, level-ups, level, streak and leagues match a replay of the raw events (${timeZone})`, async () => {
      const user = await createTestUser({ timezone: timeZone });
      await db.user.update({ where: { id: user.id }, data: { dailyGoalXp: 20 } });
      const random = mulberry32(timeZone.length * 7919);
      // 45 days ending now, crossing midnights, a DST change in New York (early November), and
      // some missed days; several activities a day at random local hours.
      const start = Date.now() - 45 * DAY;
      let i = 0;
      for (let day = 0; day < 45; day++) {
        if (random() < 0.12) continue;
        const perDay = 1 + Math.floor(random() * 5);
        // Activities happen in time order, as they do in life.
        const times = Array.from({ length: perDay }, () => Math.min(Date.now() - 1000, start + day * DAY + Math.floor(random() * DAY))).sort((a, b) => a - b);
        for (const time of times) {
          const at = new Date(time);
          await recordActivity(activity(user.id, i++, random, at, random() < 0.5 ? "course-a" : null));
        }
      }

      const events = await db.xpEvent.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
      const replay = replayLedger(events, { timeZone, goal: 20, now: new Date() });

      const badges = await db.userBadge.findMany({ where: { userId: user.id } });
      expect(Object.fromEntries(badges.map((b) => [b.badgeId, b.awardedAt.toISOString()]))).toEqual(
        Object.fromEntries([...replay.badges].map(([id, at]) => [id, at.toISOString()])),
      );
      expect(replay.badges.size).toBeGreaterThan(3);

      const levelUps = await db.notification.findMany({ where: { userId: user.id, kind: "LEVEL_UP" }, orderBy: { createdAt: "asc" } });
      expect(levelUps.map((n) => (n.data as { level: number }).level)).toEqual(replay.levelUps.map((l) => l.level));

      expect(Object.fromEntries(await dailyXpTotals({ userId: user.id }))).toEqual(
        Object.fromEntries([...(await ledgerDayTotals({ userId: user.id, timeZone }))].filter(([, xp]) => xp > 0)),
      );
      const progress = await getLearnerProgress({ userId: user.id, timeZone, dailyGoalXp: 20 });
      expect(progress.level).toEqual(replay.level);
      expect(progress.streak).toEqual(replay.streak);
      const dashboard = await getDashboard({ userId: user.id });
      expect(dashboard.streak.current).toBe(replay.streak.current);
      expect(dashboard.totalXp).toBe(replay.facts.totalXp);

      // Leagues: every (period, scope) total equals the sum of its events.
      const expected = new Map<string, number>();
      for (const event of events) {
        if (event.amount === 0) continue;
        for (const period of [weekKey(event.createdAt), ALL_TIME]) {
          for (const scope of event.courseId ? [GLOBAL_SCOPE, event.courseId] : [GLOBAL_SCOPE]) {
            const key = `${period}|${scope}`;
            expected.set(key, (expected.get(key) ?? 0) + event.amount);
          }
        }
      }
      const leagues = await db.leagueScore.findMany({ where: { userId: user.id } });
      expect(new Map(leagues.map((l) => [`${l.period}|${l.scope}`, l.xp]))).toEqual(expected);
    }, 60_000);
  }
});

describe("concurrency", () => {
  it("two activities arriving together never award a badge twice or skip a level-up", async () => {
    const user = await createTestUser();
    // 100 XP reaches level 2 and 300 level 3; two 100-XP course completions racing reach level 2 once.
    const finish = (n: number) => recordActivity({ userId: user.id, rule: "course-complete", sourceId: `course-${n}`, meta: {} });
    const results = await Promise.all([finish(1), finish(2)]);
    expect(results.flatMap((r) => r.badges)).toEqual(["course-complete"]);
    expect(results.flatMap((r) => r.levelsReached)).toEqual([2]);
    expect(await db.userBadge.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.notification.count({ where: { userId: user.id, kind: "BADGE" } })).toBe(1);
    expect(await db.notification.count({ where: { userId: user.id, kind: "LEVEL_UP" } })).toBe(1);
  });
});

describe("leaderboard", () => {
  it("ranks by weekly XP with stable ties, per course, and hides opted-out learners from everyone", async () => {
    const course = await createPublishedCourse();
    const [a, b, c] = await Promise.all([createTestUser({ name: "Ada" }), createTestUser({ name: "Bo" }), createTestUser({ name: "Cy" })]);
    const section = (userId: string, n: number, courseId: string | null) =>
      recordActivity({ userId, rule: "lesson-section", sourceId: `s-${n}`, courseId, meta: { lessonId: "l", sectionId: `s-${n}` } });
    // Bo reaches 20 first, then Ada ties at 20: Bo ranks above Ada.
    await section(b.id, 1, course.id);
    await section(b.id, 2, null);
    await section(a.id, 1, course.id);
    await section(a.id, 2, course.id);
    await section(c.id, 1, null);

    const asA = createCaller(createContextFor(a));
    const week = await asA.gamification.leaderboard({ period: "week", limit: 100 });
    const names = week.rows.map((r) => r.name);
    expect(names.indexOf("Bo")).toBeLessThan(names.indexOf("Ada"));
    expect(names.indexOf("Ada")).toBeLessThan(names.indexOf("Cy"));
    expect(week.viewer.rank).toBe(week.rows.find((r) => r.isViewer)?.rank);
    expect(week.rows.every((r) => !("userId" in r) && !("email" in r))).toBe(true);

    const inCourse = await asA.gamification.leaderboard({ period: "week", course: course.slug, limit: 100 });
    const ada = inCourse.rows.find((r) => r.name === "Ada");
    const bo = inCourse.rows.find((r) => r.name === "Bo");
    expect(ada?.xp).toBe(20);
    expect(bo?.xp).toBe(10);
    expect(inCourse.rows.some((r) => r.name === "Cy")).toBe(false);

    await createCaller(createContextFor(b)).gamification.setLeaderboardOptOut({ optOut: true });
    const after = await asA.gamification.leaderboard({ period: "week", limit: 100 });
    expect(after.rows.some((r) => r.name === "Bo")).toBe(false);
    const asB = await createCaller(createContextFor(b)).gamification.leaderboard({ period: "all", limit: 100 });
    expect(asB.rows.some((r) => r.name === "Bo")).toBe(false);
    expect(asB.viewer).toMatchObject({ rank: null, hidden: true });
    // New XP while opted out stays hidden.
    await section(b.id, 3, null);
    expect((await asA.gamification.leaderboard({ period: "week", limit: 100 })).rows.some((r) => r.name === "Bo")).toBe(false);
    await createCaller(createContextFor(b)).gamification.setLeaderboardOptOut({ optOut: false });
    expect((await asA.gamification.leaderboard({ period: "week", limit: 100 })).rows.find((r) => r.name === "Bo")?.xp).toBe(30);
  });

  it("rejects an unknown course", async () => {
    const user = await createTestUser();
    await expect(createCaller(createContextFor(user)).gamification.leaderboard({ period: "week", course: "no-such-course" })).rejects.toThrow(/does not exist/);
  });
});

describe("notifications", () => {
  it("are the learner's own: another learner can neither see nor mark them", async () => {
    const [owner, other] = await Promise.all([createTestUser(), createTestUser()]);
    await recordActivity({ userId: owner.id, rule: "lesson-section", sourceId: "s-1", meta: { lessonId: "l", sectionId: "s-1" } });
    const mine = await createCaller(createContextFor(owner)).gamification.notifications();
    expect(mine.unread).toBe(1);
    expect(mine.items[0]?.title).toMatch(/First lesson/);
    const theirs = createCaller(createContextFor(other));
    expect((await theirs.gamification.notifications()).items).toHaveLength(0);
    expect(await theirs.gamification.markNotificationsRead({ ids: [mine.items[0]!.id] })).toEqual({ marked: 0 });
    expect((await createCaller(createContextFor(owner)).gamification.notifications()).unread).toBe(1);
    await createCaller(createContextFor(owner)).gamification.markNotificationsRead({});
    expect((await createCaller(createContextFor(owner)).gamification.notifications()).unread).toBe(0);
  });
});
