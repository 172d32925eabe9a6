import { describe, expect, it } from "vitest";
import { plannedEpochs, summariseSweep, sweepConfig, sweepMembers, trainingRunRequest, type SweepOutcome } from "./run-kinds";

const sweep = sweepConfig.parse({ taskId: "digits-5-9", strategies: ["feature-extraction", "from-scratch"], examplesPerClass: [1, 10, 10], seeds: [1, 2], learningRate: 0.005, epochs: 3, batchSize: 16, unfreezeLastLayers: 0 });

describe("server run kinds", () => {
  it("expands a sweep into one lab run per size × strategy × seed, duplicates dropped", () => {
    const members = sweepMembers(sweep);
    expect(members.map((m) => m.name)).toEqual([
      "feature-extraction 1/class seed 1",
      "feature-extraction 1/class seed 2",
      "from-scratch 1/class seed 1",
      "from-scratch 1/class seed 2",
      "feature-extraction 10/class seed 1",
      "feature-extraction 10/class seed 2",
      "from-scratch 10/class seed 1",
      "from-scratch 10/class seed 2",
    ]);
    expect(members[7]!.config).toMatchObject({ taskId: "digits-5-9", strategy: "from-scratch", examplesPerClass: 10, seed: 2, epochs: 3 });
    expect(plannedEpochs({ kind: "sweep", config: sweep })).toBe(24);
  });

  it("summarises outcomes as mean ± sd per strategy and size", () => {
    const outcome = (strategy: SweepOutcome["strategy"], seed: number, testAccuracy: number): SweepOutcome => ({
      name: `${strategy} 1/class seed ${seed}`,
      strategy,
      examplesPerClass: 1,
      seed,
      testAccuracy,
      durationMs: 100 * seed,
      trainExamples: 5,
      trainableParams: 325,
    });
    const rows = summariseSweep([outcome("feature-extraction", 1, 0.5), outcome("feature-extraction", 2, 0.7), outcome("from-scratch", 1, 0.3)]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ strategy: "feature-extraction", examplesPerClass: 1, trainExamples: 5 });
    expect(rows[0]!.testAccuracy.mean).toBeCloseTo(0.6);
    expect(rows[0]!.testAccuracy.sd).toBeCloseTo(Math.SQRT2 * 0.1);
    expect(rows[0]!.durationMs.mean).toBe(150);
    expect(rows[1]!.testAccuracy).toEqual({ mean: 0.3, sd: 0, values: [0.3] });
  });

  it("validates requests by kind", () => {
    expect(trainingRunRequest.safeParse({ kind: "pretrain", config: { baseModel: "digits-cnn", epochs: 2, batchSize: 32, learningRate: 0.003, seed: 1 } }).data).toMatchObject({ config: { data: "shipped" } });
    expect(trainingRunRequest.safeParse({ kind: "pretrain", config: { baseModel: "imagenet", epochs: 2, batchSize: 32, learningRate: 0.003, seed: 1 } }).success).toBe(false);
    expect(trainingRunRequest.safeParse({ kind: "sweep", config: { ...sweep, seeds: [] } }).success).toBe(false);
    expect(trainingRunRequest.safeParse({ kind: "experiment", config: { ...sweepMembers(sweep)[0]!.config, epochs: 201 } }).success).toBe(false);
  });
});
