import { describe, expect, it } from "vitest";
import { budgetEpochs, compareRows, dataRatio, pairedDifference, tQuantile975, type MeasuredRow, type MeasuredTask } from "./measurements";

describe("tQuantile975", () => {
  it("gives Student's t quantiles, approaching the normal's 1.96", () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(4)).toBe(2.776);
    expect(tQuantile975(9)).toBe(2.262);
    expect(tQuantile975(30)).toBe(2.042);
    expect(tQuantile975(1000)).toBe(1.96);
    expect(() => tQuantile975(0)).toThrow(/at least 1 degree/);
  });
});

describe("pairedDifference", () => {
  it("pairs by seed, not by position, and ignores seeds only one side has", () => {
    const a = { "1": 0.8, "2": 0.7, "3": 0.9, "9": 0.1 };
    const b = { "3": 0.85, "1": 0.7, "2": 0.6 };
    const d = pairedDifference(a, b);
    expect(d.seeds).toEqual([1, 2, 3]);
    // Differences 0.1, 0.1, 0.05: mean 0.0833, sd 0.0289, half-width t(0.975, 2)·sd/√3 = 0.0717.
    expect(d.mean).toBeCloseTo(0.083333, 5);
    expect(d.sd).toBeCloseTo(0.028868, 5);
    expect(d.low).toBeCloseTo(0.083333 - (4.303 * 0.028868) / Math.sqrt(3), 5);
    expect(d.high).toBeCloseTo(0.083333 + (4.303 * 0.028868) / Math.sqrt(3), 5);
    expect(d.wins).toBe(3);
    expect(d.verdict).toBe("clearly better");
  });

  it("calls a difference clear only when the interval excludes 0, whatever the wins", () => {
    const d = pairedDifference({ "1": 0.6, "2": 0.501 }, { "1": 0.5, "2": 0.5 });
    expect(d.wins).toBe(2);
    expect(d.low).toBeLessThan(0);
    expect(d.verdict).toBe("no clear difference");
    expect(pairedDifference({ "1": 0.5, "2": 0.52, "3": 0.49 }, { "1": 0.6, "2": 0.61, "3": 0.6 }).verdict).toBe("clearly worse");
  });

  it("a seed's pairing matters: the same values unpaired would not be clear", () => {
    // Large seed-to-seed spread, tiny consistent gain: paired it is clear.
    const d = pairedDifference({ "1": 0.51, "2": 0.71, "3": 0.91, "4": 0.61 }, { "1": 0.5, "2": 0.7, "3": 0.9, "4": 0.6 });
    expect(d.verdict).toBe("clearly better");
  });

  it("needs two pairs", () => {
    expect(() => pairedDifference({ "1": 0.5 }, { "1": 0.4, "2": 0.3 })).toThrow(/at least 2 seeds/);
  });
});

describe("budgetEpochs", () => {
  const budget = { minOptimizerSteps: 200, minEpochs: 20, maxEpochs: 200 };
  it("gives small training sets enough epochs to reach the minimum steps, the same for every strategy", () => {
    expect(budgetEpochs(budget, 5, 16)).toBe(200); // 1 step per epoch
    expect(budgetEpochs(budget, 25, 16)).toBe(100); // 2 steps per epoch
    expect(budgetEpochs(budget, 50, 16)).toBe(50); // 4 steps
    expect(budgetEpochs(budget, 250, 16)).toBe(20); // 16 steps × 20 epochs ≥ 200
  });
  it("caps at the maximum", () => {
    expect(budgetEpochs({ ...budget, minOptimizerSteps: 1000 }, 5, 16)).toBe(200);
  });
});

function row(strategy: MeasuredRow["strategy"], k: number, accuracies: number[]): MeasuredRow {
  return {
    strategy,
    examplesPerClass: k,
    trainExamples: k * 5,
    trainableParams: 1,
    epochs: 20,
    testAccuracy: { mean: 0, sd: 0, bySeed: Object.fromEntries(accuracies.map((a, i) => [String(i + 1), a])) },
    durationMs: { mean: 0, sd: 0, bySeed: {} },
    runs: [],
  };
}

describe("dataRatio", () => {
  const settings = { budget: { minOptimizerSteps: 200, minEpochs: 20, maxEpochs: 200 }, batchSize: 16, learningRate: {}, unfreezeLastLayers: 1, trainImages: 0, valImages: 0, testImages: 0, testSource: "" };
  const task: MeasuredTask = {
    taskId: "t",
    settings,
    rows: [
      row("feature-extraction", 5, [0.84, 0.83, 0.85, 0.84]),
      row("from-scratch", 5, [0.77, 0.76, 0.78, 0.77]),
      row("from-scratch", 10, [0.84, 0.82, 0.86, 0.835]),
      row("from-scratch", 50, [0.9, 0.9, 0.91, 0.9]),
    ],
    comparisons: [],
    findings: [],
  };
  it("finds the first size at which from scratch is no longer clearly worse", () => {
    expect(compareRows(task.rows[1]!, task.rows[0]!).verdict).toBe("clearly worse");
    expect(dataRatio(task, 5)).toEqual({ examplesPerClass: 5, matchedAt: 10, ratio: 2, compared: 2 });
  });
  it("is null when from scratch never catches up", () => {
    const behind = { ...task, rows: [row("feature-extraction", 5, [0.99, 0.98, 0.99]), row("from-scratch", 10, [0.5, 0.52, 0.51])] };
    expect(dataRatio(behind, 5)).toEqual({ examplesPerClass: 5, matchedAt: null, ratio: null, compared: 1 });
    expect(dataRatio({ ...task, rows: [task.rows[0]!] }, 5)).toMatchObject({ ratio: null, compared: 0 });
  });
});
