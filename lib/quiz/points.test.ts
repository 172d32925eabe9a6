import { describe, expect, it } from "vitest";
import { BASE_POINTS, maxTimedPoints, speedPoints, streakBonus, timedAnswerPoints } from "./points";

describe("speed points: round(P × (1 − (t / T) / 2))", () => {
  it.each([
    [0, 1000],
    [5_000, 750],
    [10_000, 500],
    [3_333, 833],
    [15_000, 500],
    [-50, 1000],
  ])("a correct answer at %d ms of 10 s earns %d", (elapsedMs, points) => {
    expect(speedPoints({ fraction: 1, elapsedMs, limitMs: 10_000 })).toBe(points);
  });
  it("scales a partly correct answer and gives nothing for a wrong one", () => {
    expect(speedPoints({ fraction: 0.5, elapsedMs: 0, limitMs: 10_000 })).toBe(500);
    expect(speedPoints({ fraction: 0, elapsedMs: 0, limitMs: 10_000 })).toBe(0);
  });
});

describe("answer streak bonus", () => {
  it("grows by 100 from the second correct answer in a row, capped at 500", () => {
    expect([1, 2, 3, 6, 7, 20].map(streakBonus)).toEqual([0, 100, 200, 500, 500, 500]);
  });
  it("resets on a wrong or partly correct answer", () => {
    const first = timedAnswerPoints({ fraction: 1, elapsedMs: 0, limitMs: 10_000, streakBefore: 2 });
    expect(first).toEqual({ points: BASE_POINTS + 200, speed: BASE_POINTS, bonus: 200, streak: 3 });
    const partial = timedAnswerPoints({ fraction: 0.5, elapsedMs: 0, limitMs: 10_000, streakBefore: 3 });
    expect(partial).toEqual({ points: 500, speed: 500, bonus: 0, streak: 0 });
  });
  it("can leave out the speed points or the streak bonus, as a live room's options say", () => {
    const late = { fraction: 1, elapsedMs: 9_000, limitMs: 10_000, streakBefore: 2 };
    expect(timedAnswerPoints({ ...late, speed: false })).toEqual({ points: BASE_POINTS + 200, speed: BASE_POINTS, bonus: 200, streak: 3 });
    expect(timedAnswerPoints({ ...late, streakBonus: false })).toEqual({ points: 550, speed: 550, bonus: 0, streak: 3 });
    expect(timedAnswerPoints({ ...late, fraction: 0, speed: false, streakBonus: false })).toEqual({ points: 0, speed: 0, bonus: 0, streak: 0 });
  });
  it("bounds the best possible total", () => {
    expect(maxTimedPoints(3)).toBe(3000 + 0 + 100 + 200);
  });
});
