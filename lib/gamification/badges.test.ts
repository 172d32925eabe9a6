import { describe, expect, it } from "vitest";
import { BADGES, type LedgerEvent, badgesTriggeredBy, earnedBadgeIds, emptyFacts, replayLedger } from "./badges";

const at = (iso: string) => new Date(iso);

describe("badges", () => {
  it("are at least 15, with unique ids, each saying how to earn it", () => {
    expect(BADGES.length).toBeGreaterThanOrEqual(15);
    expect(new Set(BADGES.map((b) => b.id)).size).toBe(BADGES.length);
    expect(BADGES.every((b) => b.howTo.endsWith(".") && b.name.length > 0)).toBe(true);
  });

  it("none is earned with no activity", () => {
    expect(earnedBadgeIds(emptyFacts())).toEqual([]);
  });

  it("are checked only after the activities that can change them", () => {
    expect(badgesTriggeredBy("review", 0).map((b) => b.id)).toEqual(["first-review", "reviews-100", "reviews-1000"]);
    expect(badgesTriggeredBy("review", 2).map((b) => b.id)).toContain("streak-7");
  });
});

describe("replayLedger", () => {
  it("dates each badge by the event that earned it and lists every level crossed", () => {
    const events: LedgerEvent[] = [
      { source: "lesson-section", amount: 10, createdAt: at("2026-01-01T09:00:00Z"), meta: { lessonId: "l", sectionId: "s1" } },
      { source: "game", amount: 20, createdAt: at("2026-01-01T10:00:00Z"), meta: { game: "typing", mode: "time-30", level: "adult", score: 45, wpm: 45 } },
      { source: "game", amount: 20, createdAt: at("2026-01-01T11:00:00Z"), meta: { game: "typing", mode: "time-30", level: "adult", score: 62, wpm: 62 } },
      { source: "course-complete", amount: 300, createdAt: at("2026-01-02T09:00:00Z"), meta: {} },
      { source: "game", amount: 10, createdAt: at("2026-01-02T10:00:00Z"), meta: { game: "math", mode: "practice", level: "6", score: 10 } },
      { source: "game", amount: 10, createdAt: at("2026-01-02T11:00:00Z"), meta: { game: "math", mode: "sprint", level: "3", score: 10 } },
    ];
    const replay = replayLedger(events, { timeZone: "UTC", goal: 20, now: at("2026-01-02T12:00:00Z") });
    expect(Object.fromEntries([...replay.badges].map(([id, date]) => [id, date.toISOString()]))).toEqual({
      "first-lesson": "2026-01-01T09:00:00.000Z",
      "wpm-40": "2026-01-01T10:00:00.000Z",
      "wpm-60": "2026-01-01T11:00:00.000Z",
      "course-complete": "2026-01-02T09:00:00.000Z",
      // Practice at level 6 does not count as a sprint; the sprint at level 3 does.
      "math-sprint-3": "2026-01-02T11:00:00.000Z",
    });
    // 360 XP: level 2 at 100 and level 3 at 300, both crossed by the 300-XP course.
    expect(replay.levelUps).toEqual([
      { level: 2, at: at("2026-01-02T09:00:00Z") },
      { level: 3, at: at("2026-01-02T09:00:00Z") },
    ]);
    expect(replay.level.level).toBe(3);
    expect(replay.streak.current).toBe(2);
  });

  it("awards a streak badge on the day the run reaches 7", () => {
    const events: LedgerEvent[] = Array.from({ length: 8 }, (_, day) => ({
      source: "review",
      amount: 20,
      createdAt: new Date(Date.UTC(2026, 0, 1 + day, 18)),
      meta: { cardId: "c", rating: 3 },
    }));
    const replay = replayLedger(events, { timeZone: "UTC", goal: 20, now: new Date(Date.UTC(2026, 0, 8, 20)) });
    expect(replay.badges.get("streak-7")?.toISOString()).toBe("2026-01-07T18:00:00.000Z");
    expect(replay.facts.longestStreak).toBe(8);
  });
});

describe("badge rules", () => {
  it("each read only the facts of their own triggers (so only those rules' rows need counting)", () => {
    for (const badge of BADGES) {
      const own = badge.triggers.filter((trigger) => trigger !== "any-xp");
      // Facts where every rule the badge does not trigger on is maxed out, and its own are empty.
      const others = emptyFacts();
      for (const rule of ["lesson-section", "lesson-complete", "course-complete", "review", "quiz", "challenge", "game", "lab-strategy", "training-run"] as const) {
        if (!own.includes(rule)) others.counts[rule] = 10_000;
      }
      if (!own.includes("quiz")) others.perfectQuizzes = 10;
      if (!own.includes("game")) Object.assign(others, { bestWpm: 200, bestMathSprintLevel: 7 });
      if (!own.includes("lab-strategy")) others.labStrategies = ["feature-extraction", "fine-tuning", "from-scratch"];
      // Level and streak facts stay 0 here, so any badge earned from these facts read another rule's.
      expect(badge.earned(others), badge.id).toBe(false);
    }
  });
});
