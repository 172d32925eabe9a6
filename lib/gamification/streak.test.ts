import { describe, expect, it } from "vitest";
import { localDateKey } from "../time/day";
import { computeStreak, dailyTotals, type XpAt } from "./streak";

function days(entries: Record<string, number>) {
  return new Map(Object.entries(entries));
}

describe("computeStreak", () => {
  it("counts consecutive goal days and keeps the streak open until today ends", () => {
    const totals = days({ "2026-03-01": 20, "2026-03-02": 25, "2026-03-03": 5 });
    const state = computeStreak({ totals, goal: 20, today: "2026-03-03" });
    expect(state).toMatchObject({ current: 2, longest: 2, goalMetToday: false, atRisk: true, todayXp: 5 });
    expect(computeStreak({ totals: days({ ...Object.fromEntries(totals), "2026-03-03": 20 }), goal: 20, today: "2026-03-03" })).toMatchObject({
      current: 3,
      atRisk: false,
    });
  });

  it("breaks on a missed day without a freeze", () => {
    const state = computeStreak({ totals: days({ "2026-03-01": 20, "2026-03-03": 20 }), goal: 20, today: "2026-03-03" });
    expect(state).toMatchObject({ current: 1, longest: 1 });
  });

  it("earns a freeze every 7 days, holds at most 2, and spends one on a missed day", () => {
    const entries: Record<string, number> = {};
    for (let d = 1; d <= 21; d++) entries[`2026-01-${String(d).padStart(2, "0")}`] = 30;
    // 21 days earn 3 freezes, capped at 2; 22nd missed (freeze), 23rd done, 24th missed (freeze), 25th missed (breaks).
    entries["2026-01-23"] = 30;
    const at23 = computeStreak({ totals: days(entries), goal: 20, today: "2026-01-23" });
    expect(at23).toMatchObject({ current: 22, freezesHeld: 1, frozenDays: ["2026-01-22"] });
    const at25 = computeStreak({ totals: days(entries), goal: 20, today: "2026-01-25" });
    expect(at25).toMatchObject({ current: 22, freezesHeld: 0, frozenDays: ["2026-01-22", "2026-01-24"], atRisk: true });
    const at26 = computeStreak({ totals: days(entries), goal: 20, today: "2026-01-26" });
    expect(at26).toMatchObject({ current: 0, longest: 22, freezesHeld: 0 });
  });
});

describe("days follow the learner's time zone", () => {
  // Two events an hour apart: local midnight falls between them only in some zones.
  const events: XpAt[] = [
    { amount: 20, createdAt: new Date("2026-06-01T10:30:00Z") },
    { amount: 20, createdAt: new Date("2026-06-01T11:30:00Z") },
  ];
  const later = new Date("2026-06-01T12:00:00Z");

  it("UTC+14 (Kiritimati): both land on one local day, a 1-day streak", () => {
    const zone = "Pacific/Kiritimati";
    const totals = dailyTotals(events, zone);
    expect([...totals.entries()]).toEqual([["2026-06-02", 40]]);
    expect(computeStreak({ totals, goal: 20, today: localDateKey(zone, later) }).current).toBe(1);
  });

  it("UTC−11 (Pago Pago): midnight falls between them, a 2-day streak", () => {
    const zone = "Pacific/Pago_Pago";
    const totals = dailyTotals(events, zone);
    expect([...totals.entries()]).toEqual([["2026-05-31", 20], ["2026-06-01", 20]]);
    expect(computeStreak({ totals, goal: 20, today: localDateKey(zone, later) }).current).toBe(2);
  });

  it("a DST change does not split or merge days (America/New_York, 2026-03-08)", () => {
    const zone = "America/New_York";
    const evening = (iso: string) => ({ amount: 20, createdAt: new Date(iso) });
    // 23:30 local on the 7th (EST, UTC−5), on the 8th (EDT, UTC−4) and on the 9th.
    const totals = dailyTotals([evening("2026-03-08T04:30:00Z"), evening("2026-03-09T03:30:00Z"), evening("2026-03-10T03:30:00Z")], zone);
    expect([...totals.keys()]).toEqual(["2026-03-07", "2026-03-08", "2026-03-09"]);
    expect(computeStreak({ totals, goal: 20, today: "2026-03-09" }).current).toBe(3);
  });
});
