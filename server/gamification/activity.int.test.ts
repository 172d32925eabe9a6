import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createTestUser } from "../test/factories";
import { recordActivity } from "./activity";
import { XP_RULES } from "./rules";

/** The learner's ledger, summed: what every derived total must agree with. */
async function totalXp(userId: string): Promise<number> {
  const result = await db.xpEvent.aggregate({ where: { userId }, _sum: { amount: true } });
  return result._sum.amount ?? 0;
}

const review = (userId: string, sourceId: string) =>
  recordActivity({ userId, rule: "review", sourceId, meta: { cardId: "card-1", rating: 3 } });

describe("recordActivity", () => {
  it("records one row for the same key, however often it is called", async () => {
    const user = await createTestUser();
    const first = await review(user.id, "r-1");
    const second = await review(user.id, "r-1");
    expect(first).toMatchObject({ recorded: true, xp: XP_RULES.review.xp });
    expect(second).toEqual({ recorded: false, xp: 0, badges: [], levelsReached: [] });
    expect(await db.xpEvent.count({ where: { userId: user.id } })).toBe(1);
    expect(await totalXp(user.id)).toBe(XP_RULES.review.xp);
  });

  it("records one row when twenty requests race with the same key", async () => {
    const user = await createTestUser();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        recordActivity({ userId: user.id, rule: "quiz", sourceId: "attempt-7", fraction: 1, meta: { quizId: "q", mode: "graded", scorePct: 100, perfect: true } }),
      ),
    );
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(await totalXp(user.id)).toBe(XP_RULES.quiz.maxXp);
  });

  it("scales XP with the server-computed result and stores the facts", async () => {
    const user = await createTestUser();
    const result = await recordActivity({
      userId: user.id,
      rule: "quiz",
      sourceId: "attempt-1",
      courseId: "course-1",
      fraction: 0.5,
      meta: { quizId: "q", mode: "graded", scorePct: 50, perfect: false },
    });
    expect(result.xp).toBe(Math.round(XP_RULES.quiz.maxXp / 2));
    const row = await db.xpEvent.findFirstOrThrow({ where: { userId: user.id } });
    expect(row).toMatchObject({ courseId: "course-1", meta: { scorePct: 50, perfect: false } });
  });

  it("stops XP at the daily cap per game but still records the activity", async () => {
    const user = await createTestUser();
    const cap = XP_RULES.game.dailyCap;
    const sessions = Math.ceil(cap / XP_RULES.game.maxXp) + 2;
    const game = (game: string, i: number) =>
      recordActivity({ userId: user.id, rule: "game", sourceId: `${game}-${i}`, fraction: 1, meta: { game, mode: "sprint", level: "1", score: 10 } });
    // Raced, so the cap must hold under concurrency too.
    const results = await Promise.all(Array.from({ length: sessions }, (_, i) => game("math", i)));
    expect(results.reduce((sum, r) => sum + r.xp, 0)).toBe(cap);
    expect(results.every((r) => r.recorded)).toBe(true);
    // Another game has its own cap.
    expect((await game("typing", 0)).xp).toBe(XP_RULES.game.maxXp);
    expect(await db.xpEvent.count({ where: { userId: user.id } })).toBe(sessions + 1);
  });

  it("joins the caller's transaction: a rolled-back fact records nothing", async () => {
    const user = await createTestUser();
    await expect(
      db.$transaction(async (tx) => {
        await recordActivity({ userId: user.id, rule: "lesson-section", sourceId: "s-1", meta: { lessonId: "l", sectionId: "s-1" } }, tx);
        throw new Error("the fact failed to save");
      }),
    ).rejects.toThrow("the fact failed to save");
    expect(await totalXp(user.id)).toBe(0);
  });

  it("rejects an unknown rule or an out-of-range fraction", async () => {
    const user = await createTestUser();
    // @ts-expect-error: not a rule
    await expect(recordActivity({ userId: user.id, rule: "farming", sourceId: "x", meta: {} })).rejects.toThrow();
    await expect(
      recordActivity({ userId: user.id, rule: "quiz", sourceId: "x", fraction: 2, meta: { quizId: "q", mode: "graded", scorePct: 200, perfect: true } }),
    ).rejects.toThrow();
  });
});
