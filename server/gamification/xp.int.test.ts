import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createTestUser } from "../test/factories";
import { awardXp, totalXp } from "./xp";

describe("awardXp", () => {
  it("writes one row for the same key, however often it is called", async () => {
    const user = await createTestUser();
    const first = await awardXp({ userId: user.id, source: "review", sourceId: "r-1", amount: 5 });
    const second = await awardXp({ userId: user.id, source: "review", sourceId: "r-1", amount: 5 });
    expect(first.awarded).toBe(true);
    expect(second.awarded).toBe(false);
    expect(await db.xpEvent.count({ where: { userId: user.id } })).toBe(1);
    expect(await totalXp(user.id)).toBe(5);
  });

  it("writes one row when twenty requests race with the same key", async () => {
    const user = await createTestUser();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => awardXp({ userId: user.id, source: "quiz", sourceId: "attempt-7", amount: 30 })),
    );
    expect(results.filter((r) => r.awarded)).toHaveLength(1);
    expect(await db.xpEvent.count({ where: { userId: user.id } })).toBe(1);
    expect(await totalXp(user.id)).toBe(30);
  });

  it("counts different sources and ids separately", async () => {
    const user = await createTestUser();
    await awardXp({ userId: user.id, source: "review", sourceId: "a", amount: 1 });
    await awardXp({ userId: user.id, source: "review", sourceId: "b", amount: 2 });
    await awardXp({ userId: user.id, source: "game", sourceId: "a", amount: 4 });
    expect(await totalXp(user.id)).toBe(7);
  });

  it("joins the caller's transaction: a rolled-back fact awards nothing", async () => {
    const user = await createTestUser();
    await expect(
      db.$transaction(async (tx) => {
        await awardXp({ userId: user.id, source: "lesson-section", sourceId: "s-1", amount: 10 }, tx);
        throw new Error("the fact failed to save");
      }),
    ).rejects.toThrow("the fact failed to save");
    expect(await totalXp(user.id)).toBe(0);
  });

  it("rejects a malformed award", async () => {
    const user = await createTestUser();
    await expect(awardXp({ userId: user.id, source: "Review!", sourceId: "x", amount: 5 })).rejects.toThrow(/kebab-case/);
    await expect(awardXp({ userId: user.id, source: "review", sourceId: "x", amount: 0 })).rejects.toThrow();
  });
});
