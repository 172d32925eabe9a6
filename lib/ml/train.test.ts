import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { AdamState } from "./adam";
import { buildBase, createHead, withHead } from "./model";
import { syntheticImages } from "./synthetic-images";
import { BASE_MODELS } from "./tasks";
import { evaluateLossAccuracy, streamed, train, validationSubset, type TensorSet, type TrainingSet } from "./train";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const arch = BASE_MODELS["digits-cnn"].arch;
const toSet = (seed: number, perClass: number): TensorSet => {
  const images = syntheticImages({ perClass, classes: 5, width: 8, height: 8, seed });
  return { x: tf.tensor4d(images.images, [images.count, 8, 8, 1]), labels: images.labels, classes: 5 };
};
const data = { train: toSet(1, 4), val: toSet(2, 4) };
const options = { batchSize: 10, learningRate: 0.01, seed: 3 };
const newModel = () => withHead(buildBase(arch, 7), createHead(5));
const weights = (model: tf.LayersModel) => model.getWeights().flatMap((w) => Array.from(w.dataSync()));
const largestDifference = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe("train", () => {
  it("resumed from a checkpoint with the optimizer's state, continues exactly as an uninterrupted run", { timeout: 120_000 }, async () => {
    const straight = newModel();
    await train(straight, data, { ...options, epochs: 3 });
    const expected = weights(straight);
    straight.dispose();

    const first = newModel();
    let saved: { weights: tf.Tensor[]; optimizerState: AdamState } | null = null;
    await train(first, data, {
      ...options,
      epochs: 1,
      onEpochEnd: async (metrics, checkpoint) => {
        // Through JSON, as a checkpoint on disk would be.
        if (metrics.epoch === 1) saved = { weights: first.getWeights().map((w) => w.clone()), optimizerState: JSON.parse(JSON.stringify(await checkpoint.optimizerState())) as AdamState };
      },
    });
    first.dispose();
    expect(saved!.optimizerState.step).toBe(Math.ceil(data.train.labels.length / options.batchSize));

    const resume = async (optimizerState: AdamState | undefined) => {
      const model = newModel();
      model.setWeights(saved!.weights);
      const result = await train(model, data, { ...options, epochs: 2, firstEpoch: 2, optimizerState });
      const values = weights(model);
      model.dispose();
      return { values, epochs: result.history.map((h) => h.epoch) };
    };
    const resumed = await resume(saved!.optimizerState);
    expect(resumed.epochs).toEqual([2, 3]);
    expect(largestDifference(resumed.values, expected)).toBeLessThan(1e-5);
    // Fresh moments (what a checkpoint of the weights alone gives) end somewhere else.
    expect(largestDifference((await resume(undefined)).values, expected)).toBeGreaterThan(1e-3);
    tf.dispose(saved!.weights);
  });

  it("refuses an optimizer state that does not fit the model's trainable weights", async () => {
    const model = newModel();
    const state: AdamState = { step: 1, firstMoments: [[0]], secondMoments: [[0]] };
    await expect(train(model, data, { ...options, epochs: 1, optimizerState: state })).rejects.toThrow(/does not fit/);
    model.dispose();
  });

  it("validates on a fixed subset: the same examples every epoch and every run, in index order", async () => {
    const subset = validationSubset(10_000);
    expect(subset).toHaveLength(1000);
    expect(validationSubset(10_000)).toEqual(subset);
    expect([...subset!].sort((a, b) => a - b)).toEqual(subset);
    expect(new Set(subset).size).toBe(1000);
    // Spread over the whole set (the sets are stored class by class), not its first rows.
    expect(subset!.filter((i) => i >= 5000).length).toBeGreaterThan(400);
    expect(validationSubset(800)).toBeNull();
    expect(validationSubset(10_000, "all")).toBeNull();

    const model = newModel();
    const limit = 7;
    const result = await train(model, data, { ...options, epochs: 1, validationExamples: limit });
    const picked = validationSubset(data.val.labels.length, limit)!;
    const x = tf.gather(data.val.x, tf.tensor1d(picked, "int32"));
    const onSubset = await evaluateLossAccuracy(model, { x, labels: Int32Array.from(picked, (i) => data.val.labels[i]!), classes: 5 });
    const onAll = await evaluateLossAccuracy(model, data.val);
    expect(result.history[0]!.valLoss).toBeCloseTo(onSubset.loss, 5);
    expect(result.history[0]!.valLoss).not.toBeCloseTo(onAll.loss, 5);
    tf.dispose([x]);
    model.dispose();
  });

  it("streams a set batch by batch: the same training as one big tensor, holding one batch of images", { timeout: 120_000 }, async () => {
    const images = { train: syntheticImages({ perClass: 24, classes: 5, width: 8, height: 8, seed: 11 }), val: syntheticImages({ perClass: 10, classes: 5, width: 8, height: 8, seed: 12 }) };
    const run = async (makeSets: () => { train: TrainingSet; val: TrainingSet }) => {
      const model = newModel();
      const before = tf.memory().numBytes;
      const sets = makeSets();
      let peak = 0;
      // shouldStop is asked before every batch: a sample of the memory held while training.
      const result = await train(model, sets, { ...options, batchSize: 16, epochs: 1, shouldStop: () => ((peak = Math.max(peak, tf.memory().numBytes - before)), false) });
      const values = weights(model);
      model.dispose();
      for (const set of [sets.train, sets.val]) if ("x" in set) set.x.dispose();
      return { values, peak, history: result.history };
    };
    const asTensor = (set: typeof images.train): TensorSet => ({ x: tf.tensor4d(set.images, [set.count, 8, 8, 1]), labels: set.labels, classes: 5 });
    const whole = await run(() => ({ train: asTensor(images.train), val: asTensor(images.val) }));
    const batched = await run(() => ({ train: streamed(images.train, 5), val: streamed(images.val, 5) }));
    expect(largestDifference(batched.values, whole.values)).toBeLessThan(1e-6);
    expect(batched.history[0]!.valAccuracy).toBeCloseTo(whole.history[0]!.valAccuracy, 6);
    // The streamed run never held the training images as a tensor: at least their size less.
    expect(batched.peak).toBeLessThan(whole.peak - images.train.images.byteLength);
  });
});
