import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { localDateKey } from "@/lib/time/day";
import { db } from "../db";
import { createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import type { AuthUser } from "../auth/service";
import { backgroundSettled, deferredActivityStatement, getLearnerProgress, listBadges, lockLearnerStatement, settleAllPending } from "../gamification/service";
import { listNotifications } from "../gamification/notifications";
import { getLeaderboard } from "../gamification/leaderboard";
import { Prisma } from "../generated/prisma/client";
import { addCustomCards } from "./cards";

// The rating's guarantees under concurrency, now that its transaction holds only the card, its
// review log row and its XP row, and the derived state (day and league totals, level-ups, badges)
// is applied after commit.

async function learnerWithOwnCards(count: number, timezone = "UTC") {
  const user = await createTestUser({ timezone });
  await addCustomCards({ userId: user.id, cards: Array.from({ length: count }, (_, i) => ({ front: `Front ${i}`, back: `Back ${i}` })) });
  const cards = await db.card.findMany({ where: { userId: user.id }, select: { id: true, version: true }, orderBy: { id: "asc" } });
  return { user, cards, caller: createCaller(createContextFor(user)) };
}

const pendingOf = (user: AuthUser) => db.pendingDerivation.count({ where: { userId: user.id } });

describe("rating under concurrency", () => {
  it("applies one review id sent twenty times at once: one log row, one XP row, derived once", async () => {
    const { user, cards, caller } = await learnerWithOwnCards(1);
    const input = { reviewId: randomUUID(), cardId: cards[0]!.id, version: 0, rating: 3 as const };
    const results = await Promise.all(Array.from({ length: 20 }, () => caller.review.rate(input)));
    expect(results.filter((r) => r.outcome === "applied")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "duplicate")).toHaveLength(19);
    expect(new Set(results.map((r) => r.due.toISOString())).size).toBe(1);
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.xpEvent.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.card.findUniqueOrThrow({ where: { id: cards[0]!.id }, select: { reps: true, version: true } })).toEqual({ reps: 1, version: 1 });
    const progress = await getLearnerProgress({ userId: user.id, timeZone: "UTC", dailyGoalXp: 10 });
    expect(progress.totalXp).toBe(2);
    expect(await pendingOf(user)).toBe(0);
  });

  it("lets one of ten tabs rating the same card version win; the others are stale and record nothing", async () => {
    const { user, cards, caller } = await learnerWithOwnCards(1);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => caller.review.rate({ reviewId: randomUUID(), cardId: cards[0]!.id, version: 0, rating: ((i % 4) + 1) as 1 | 2 | 3 | 4 })),
    );
    expect(results.filter((r) => r.outcome === "applied")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "stale")).toHaveLength(9);
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.xpEvent.count({ where: { userId: user.id } })).toBe(1);
    expect((await db.card.findUniqueOrThrow({ where: { id: cards[0]!.id }, select: { version: true } })).version).toBe(1);
  });

  it("refuses a review id reused for another card at the same time, and keeps the first", async () => {
    const { user, cards, caller } = await learnerWithOwnCards(2);
    const reviewId = randomUUID();
    const results = await Promise.allSettled(cards.map((card) => caller.review.rate({ reviewId, cardId: card.id, version: 0, rating: 3 })));
    expect(results.filter((r) => r.status === "fulfilled" && r.value.outcome === "applied")).toHaveLength(1);
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.xpEvent.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.card.count({ where: { userId: user.id, version: 1 } })).toBe(1);
  });

  it("gets the derived state right after a burst: the daily cap exact, totals, league, level-up and badges once", async () => {
    // 110 cards rated at once in Auckland: 220 XP before the review cap of 200 a day.
    const timezone = "Pacific/Auckland";
    const { user, cards, caller } = await learnerWithOwnCards(110, timezone);
    const results = await Promise.all(cards.map((card) => caller.review.rate({ reviewId: randomUUID(), cardId: card.id, version: 0, rating: 3 })));
    expect(results.every((r) => r.outcome === "applied")).toBe(true);
    expect(results.reduce((sum, r) => sum + r.xp, 0)).toBe(200);
    const ledger = await db.xpEvent.aggregate({ where: { userId: user.id }, _sum: { amount: true }, _count: true });
    expect(ledger).toMatchObject({ _count: 110, _sum: { amount: 200 } });

    // Every read of the learner's game state sees the whole burst, whether or not the passes after
    // commit have finished.
    const progress = await getLearnerProgress({ userId: user.id, timeZone: timezone, dailyGoalXp: 20 });
    expect(progress.totalXp).toBe(200);
    expect(progress.level.level).toBe(2);
    expect(progress.streak.todayXp).toBe(200);
    expect(progress.streak.goalMetToday).toBe(true);
    await backgroundSettled();
    expect(await pendingOf(user)).toBe(0);
    const days = await db.xpDay.findMany({ where: { userId: user.id }, select: { day: true, xp: true } });
    expect(days).toEqual([{ day: localDateKey(timezone, new Date()), xp: 200 }]);
    const leagues = await db.leagueScore.findMany({ where: { userId: user.id }, select: { period: true, xp: true } });
    expect(leagues.map((row) => row.xp)).toEqual([200, 200]);
    const board = await getLeaderboard({ viewerId: user.id, period: "week" });
    expect(board.viewer.xp).toBe(200);
    const badges = (await listBadges({ userId: user.id })).filter((badge) => badge.awardedAt);
    expect(badges.map((badge) => badge.id).sort()).toEqual(["first-review", "reviews-100"]);
    const notifications = await listNotifications({ userId: user.id });
    expect(notifications.items.filter((n) => n.kind === "LEVEL_UP").map((n) => n.title)).toEqual(["Level 2!"]);
    expect(notifications.items.filter((n) => n.kind === "BADGE")).toHaveLength(2);
  });

  it("applies the derived state later when the process died after the rating committed", async () => {
    const { user, cards } = await learnerWithOwnCards(1);
    // What a crash between commit and the pass leaves: the ledger row and its pending marker, no totals.
    await db.$transaction([
      lockLearnerStatement(user.id),
      deferredActivityStatement({
        eventId: randomUUID(),
        userId: user.id,
        rule: "review",
        sourceId: `${cards[0]!.id}:0`,
        meta: { cardId: cards[0]!.id, rating: 3 },
        timezone: "UTC",
        onlyIf: Prisma.sql`true`,
      }),
    ]);
    expect(await pendingOf(user)).toBe(1);
    expect(await db.xpDay.count({ where: { userId: user.id } })).toBe(0);
    // The sweep (run at boot and before a league week closes) applies it, once.
    expect(await settleAllPending()).toBeGreaterThanOrEqual(1);
    expect(await pendingOf(user)).toBe(0);
    await settleAllPending();
    expect((await db.xpDay.findMany({ where: { userId: user.id }, select: { xp: true } })).map((row) => row.xp)).toEqual([2]);
    expect((await listBadges({ userId: user.id })).find((badge) => badge.id === "first-review")?.awardedAt).not.toBeNull();
  });
});
