import { describe, expect, it } from "vitest";
import { computeStreak, dailyTotals } from "@/lib/gamification/streak";
import { levelFor } from "@/lib/gamification/levels";
import { localDateKey } from "@/lib/time/day";
import { db } from "../db";
import { createTestUser } from "../test/factories";
import { createCaller } from "../router";
import { createContextFor } from "../trpc";
import { recordActivity } from "./activity";
import { dailyXpTotals, getLearnerProgress, ledgerDayTotals, rebuildFromLedger } from "./service";

async function seed(userId: string, events: { amount: number; at: string }[]) {
  await db.xpEvent.createMany({
    data: events.map((event, i) => ({ userId, source: "test", sourceId: `e-${i}`, amount: event.amount, createdAt: new Date(event.at) })),
  });
}

describe("learner progress from the ledger", () => {
  it.each(["Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York", "UTC"])(
    "PostgreSQL's day totals in %s match the app's own day arithmetic, and so do streak and level",
    async (timeZone) => {
      const user = await createTestUser({ timezone: timeZone });
      const events = [
        { amount: 20, at: "2026-03-07T10:30:00Z" },
        { amount: 15, at: "2026-03-08T04:30:00Z" },
        { amount: 20, at: "2026-03-08T11:30:00Z" },
        { amount: 30, at: "2026-03-09T03:30:00Z" },
        { amount: 20, at: "2026-03-10T23:59:00Z" },
      ];
      await seed(user.id, events);
      const recomputed = dailyTotals(events.map((e) => ({ amount: e.amount, createdAt: new Date(e.at) })), timeZone);
      expect(Object.fromEntries(await ledgerDayTotals({ userId: user.id, timeZone }))).toEqual(Object.fromEntries(recomputed));
      await db.$transaction((tx) => rebuildFromLedger({ id: user.id, timezone: timeZone, leaderboardOptOut: false }, tx));
      expect(Object.fromEntries(await dailyXpTotals({ userId: user.id }))).toEqual(Object.fromEntries(recomputed));

      const now = new Date("2026-03-11T12:00:00Z");
      const progress = await getLearnerProgress({ userId: user.id, timeZone, dailyGoalXp: 20, now });
      expect(progress.totalXp).toBe(105);
      expect(progress.level).toEqual(levelFor(105));
      expect(progress.streak).toEqual(computeStreak({ totals: recomputed, goal: 20, today: localDateKey(timeZone, now) }));
    },
  );
});

describe("changing time zone", () => {
  it("re-buckets the stored day totals so the streak follows the new zone", async () => {
    const user = await createTestUser({ timezone: "UTC" });
    // 23:30 UTC on three evenings: three UTC days, but in Kiritimati (UTC+14) the next mornings.
    for (const [i, at] of ["2026-03-07T23:30:00Z", "2026-03-08T23:30:00Z", "2026-03-09T23:30:00Z"].entries()) {
      await recordActivity({ userId: user.id, rule: "course-complete", sourceId: `c-${i}`, meta: {}, now: new Date(at) });
    }
    expect([...(await dailyXpTotals({ userId: user.id })).keys()].sort()).toEqual(["2026-03-07", "2026-03-08", "2026-03-09"]);
    await createCaller(createContextFor(user)).user.updateProfile({ name: user.name, timezone: "Pacific/Kiritimati", dailyGoalXp: 20 });
    const totals = await dailyXpTotals({ userId: user.id });
    expect(Object.fromEntries(totals)).toEqual({ "2026-03-08": 100, "2026-03-09": 100, "2026-03-10": 100 });
    const progress = await getLearnerProgress({ userId: user.id, timeZone: "Pacific/Kiritimati", dailyGoalXp: 20, now: new Date("2026-03-10T12:00:00Z") });
    expect(progress.streak.current).toBe(3);
  });
});
