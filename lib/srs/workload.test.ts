import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMETERS } from "./memory-model";
import { simulateWorkload, WORKLOAD_RETENTIONS, workloadCurve } from "./workload";

const cards = Array.from({ length: 300 }, (_, i) => ({ stability: 1 + (i % 60), difficulty: 3 + (i % 6), dueInDays: i % 30, elapsedDays: 2 + (i % 10) }));

describe("workloadCurve", () => {
  it("asks for more reviews at higher retention, marks a retention in range, and repeats exactly", () => {
    const options = { parameters: DEFAULT_PARAMETERS, cards, newCards: 200, newCardsPerDay: 5, days: 180 };
    const curve = workloadCurve(options);
    expect(curve.points.map((p) => p.retention)).toEqual(WORKLOAD_RETENTIONS);
    expect(WORKLOAD_RETENTIONS[0]).toBe(0.7);
    expect(WORKLOAD_RETENTIONS.at(-1)).toBe(0.97);
    expect(curve.points.at(-1)!.dailyReviews).toBeGreaterThan(2 * curve.points[0]!.dailyReviews);
    expect(curve.points.at(-1)!.memorized).toBeGreaterThan(curve.points[0]!.memorized);
    const best = curve.points.find((p) => p.retention === curve.best)!;
    for (const point of curve.points) expect(best.secondsPerMemorized).toBeLessThanOrEqual(point.secondsPerMemorized);
    expect(workloadCurve(options)).toEqual(curve);
  });

  it("samples a large collection and scales the counts back up", () => {
    const large = Array.from({ length: 4000 }, (_, i) => cards[i % cards.length]!);
    const full = simulateWorkload({ parameters: DEFAULT_PARAMETERS, cards: large, newCards: 0, newCardsPerDay: 0, days: 90, sample: 4000 }, 0.9);
    const sampled = simulateWorkload({ parameters: DEFAULT_PARAMETERS, cards: large, newCards: 0, newCardsPerDay: 0, days: 90, sample: 400 }, 0.9);
    expect(sampled.dailyReviews / full.dailyReviews).toBeGreaterThan(0.85);
    expect(sampled.dailyReviews / full.dailyReviews).toBeLessThan(1.15);
  });
});
