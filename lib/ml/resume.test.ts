import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { runExperiment, type LabRunConfig, type TaskData } from "./experiment";
import { buildBase, createSourceHead, withHead } from "./model";
import { artifactsFromFiles, serializeModel } from "./model-io";
import { syntheticImages } from "./synthetic-images";
import { BASE_MODELS } from "./tasks";
import type { AdamState } from "./adam";
import type { EpochMetrics } from "./train";

// A server run killed mid-training resumes from the checkpoint of its last recorded epoch.

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const data: TaskData = {
  train: syntheticImages({ perClass: 8, classes: 5, width: 8, height: 8, seed: 1 }),
  val: syntheticImages({ perClass: 4, classes: 5, width: 8, height: 8, seed: 2 }),
  test: syntheticImages({ perClass: 4, classes: 5, width: 8, height: 8, seed: 3 }),
  classNames: ["5", "6", "7", "8", "9"],
};

const config: LabRunConfig = { taskId: "digits-5-9", strategy: "fine-tuning", examplesPerClass: 10, learningRate: 0.01, epochs: 4, batchSize: 8, unfreezeLastLayers: 1, seed: 5 };

async function pretrained(): Promise<tf.io.ModelArtifacts> {
  const source = withHead(buildBase(BASE_MODELS["digits-cnn"].arch, 1), createSourceHead(5, 1));
  const files = await serializeModel(source);
  source.dispose();
  return artifactsFromFiles(files.modelJson, files.weights);
}

function weightsByLayer(model: tf.LayersModel): Record<string, number[]> {
  return Object.fromEntries(model.layers.filter((l) => l.weights.length).map((l) => [l.name, l.getWeights().flatMap((w) => Array.from(w.dataSync()))]));
}

describe("resuming a run from a checkpoint", () => {
  it("restores the weights of any epoch, frozen layers included, and continues with the next epoch", { timeout: 60_000 }, async () => {
    const checkpoints = new Map<number, { artifacts: tf.io.ModelArtifacts; weights: Record<string, number[]> }>();
    const full = await runExperiment({
      config,
      data,
      pretrained: await pretrained(),
      onEpochEnd: async (_metrics: EpochMetrics, model) => {
        const files = await serializeModel(model);
        checkpoints.set(_metrics.epoch, { artifacts: artifactsFromFiles(files.modelJson, files.weights), weights: weightsByLayer(model) });
      },
    });
    full.model.dispose();
    expect(full.result.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);

    // Epoch 1 was saved in the head-only stage (conv layers frozen), epoch 3 in the fine-tuning stage.
    for (const afterEpoch of [1, 3]) {
      const checkpoint = checkpoints.get(afterEpoch)!;
      const restored = await runExperiment({ config, data, pretrained: await pretrained(), shouldStop: () => true, resume: { afterEpoch, weights: checkpoint.artifacts, history: full.result.history } });
      expect(weightsByLayer(restored.model)).toEqual(checkpoint.weights);
      restored.model.dispose();

      const epochs: number[] = [];
      const resumed = await runExperiment({ config, data, pretrained: await pretrained(), onEpochEnd: (m) => void epochs.push(m.epoch), resume: { afterEpoch, weights: checkpoint.artifacts, history: full.result.history } });
      resumed.model.dispose();
      expect(epochs).toEqual([afterEpoch + 1, afterEpoch + 2, afterEpoch + 3, afterEpoch + 4].filter((e) => e <= 4));
      expect(resumed.result.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
      expect(resumed.result.history.slice(0, afterEpoch)).toEqual(full.result.history.slice(0, afterEpoch));
    }
  });
  it("ends where the uninterrupted run ends when the checkpoint carries the optimizer's state", { timeout: 60_000 }, async () => {
    const checkpoints = new Map<number, { artifacts: tf.io.ModelArtifacts; optimizerState: AdamState }>();
    const full = await runExperiment({
      config,
      data,
      pretrained: await pretrained(),
      cacheFeatures: false,
      onEpochEnd: async (metrics, model, checkpoint) => {
        const files = await serializeModel(model);
        checkpoints.set(metrics.epoch, { artifacts: artifactsFromFiles(files.modelJson, files.weights), optimizerState: await checkpoint.optimizerState() });
      },
    });
    const finalWeights = weightsByLayer(full.model);
    full.model.dispose();

    const distance = (a: Record<string, number[]>, b: Record<string, number[]>) =>
      Math.max(...Object.keys(a).flatMap((layer) => a[layer]!.map((value, i) => Math.abs(value - b[layer]![i]!))));
    // Epoch 1 in the head-only stage, epoch 3 in the fine-tuning stage.
    for (const afterEpoch of [1, 3]) {
      const { artifacts, optimizerState } = checkpoints.get(afterEpoch)!;
      const resume = { afterEpoch, weights: artifacts, history: full.result.history };
      const exact = await runExperiment({ config, data, pretrained: await pretrained(), cacheFeatures: false, resume: { ...resume, optimizerState: JSON.parse(JSON.stringify(optimizerState)) as AdamState } });
      const fresh = await runExperiment({ config, data, pretrained: await pretrained(), cacheFeatures: false, resume });
      expect(distance(weightsByLayer(exact.model), finalWeights)).toBeLessThan(1e-5);
      // Without the moments the run ends elsewhere: the state is what makes the difference.
      expect(distance(weightsByLayer(fresh.model), finalWeights)).toBeGreaterThan(1e-4);
      exact.model.dispose();
      fresh.model.dispose();
    }
  });
});
