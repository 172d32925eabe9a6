import { describe, expect, it } from "vitest";
import { labRunConfig } from "./config";
import { LAB_PRESETS } from "./presets";
import { requireLabTask } from "./tasks";

describe("lab presets", () => {
  it("keep the ids lessons embed", () => {
    expect(LAB_PRESETS.map((p) => p.id)).toEqual(["transfer-feature-extraction", "transfer-fine-tuning", "transfer-from-scratch", "transfer-compare-strategies", "transfer-digits"]);
  });

  for (const preset of LAB_PRESETS) {
    it(`${preset.id} runs a registered task and gives a valid run config`, () => {
      expect(() => requireLabTask(preset.task)).not.toThrow();
      for (const strategy of preset.strategies) {
        const config = { taskId: preset.task, strategy, examplesPerClass: preset.examplesPerClass, learningRate: preset.learningRate, epochs: preset.epochs, batchSize: preset.batchSize, unfreezeLastLayers: preset.unfreezeLastLayers, seed: 1 };
        expect(labRunConfig.safeParse(config).success).toBe(true);
      }
    });
  }
});
