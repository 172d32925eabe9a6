import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { trainingStages } from "./config";
import { runExperiment, type LabRunConfig, type TaskData } from "./experiment";
import { baseOf, buildBase, createHead, createSourceHead, SOURCE_HEAD_LAYER, withHead } from "./model";
import { BASE_WEIGHT_LAYERS, describeNetwork, HEAD_LAYER } from "./network";
import { artifactsFromFiles, serializeModel } from "./model-io";
import { setTrainableBaseLayers, trainableBaseLayers } from "./strategies";
import { syntheticImages } from "./synthetic-images";
import { BASE_MODELS } from "./tasks";
import { train } from "./train";

// The digits base (8×8 input) keeps these tests to seconds on the cpu backend.
const arch = BASE_MODELS["digits-cnn"].arch;

beforeAll(async () => {
  await tf.setBackend("cpu");
});

async function pretrainedArtifacts(): Promise<tf.io.ModelArtifacts> {
  const source = withHead(buildBase(arch, 1), createSourceHead(5, 1));
  const files = await serializeModel(source);
  source.dispose();
  return artifactsFromFiles(files.modelJson, files.weights);
}

function weightsByLayer(model: tf.LayersModel): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const layer of model.layers) {
    const weights = layer.getWeights();
    if (weights.length) out[layer.name] = weights.flatMap((w) => Array.from(w.dataSync()));
  }
  return out;
}

const data: TaskData = {
  train: syntheticImages({ perClass: 12, classes: 5, width: 8, height: 8, seed: 1 }),
  val: syntheticImages({ perClass: 4, classes: 5, width: 8, height: 8, seed: 2 }),
  test: syntheticImages({ perClass: 4, classes: 5, width: 8, height: 8, seed: 3 }),
  classNames: ["5", "6", "7", "8", "9"],
};

const config = (overrides: Partial<LabRunConfig>): LabRunConfig => ({
  taskId: "digits-5-9",
  strategy: "feature-extraction",
  examplesPerClass: 10,
  learningRate: 0.01,
  epochs: 3,
  batchSize: 8,
  unfreezeLastLayers: 1,
  seed: 5,
  ...overrides,
});

describe("the network", () => {
  it("has the parameter counts the diagram shows", () => {
    for (const { arch: a } of Object.values(BASE_MODELS)) {
      const model = withHead(buildBase(a, 1), createHead(5));
      const described = describeNetwork(a, 5, BASE_WEIGHT_LAYERS.length);
      expect(described.reduce((sum, layer) => sum + layer.params, 0)).toBe(model.countParams());
      for (const layer of described.filter((l) => l.params > 0)) expect(layer.params).toBe(model.getLayer(layer.name).countParams());
      for (const layer of described.filter((l) => l.kind !== "input")) expect(model.getLayer(layer.name).outputShape).toEqual([null, ...layer.outputShape]);
      model.dispose();
    }
  });

  it("replaces the head: the source head is gone, the new one has one unit per target class", async () => {
    const pretrained = await tf.loadLayersModel(tf.io.fromMemory(await pretrainedArtifacts()));
    const base = baseOf(pretrained);
    const model = withHead(base, createHead(3));
    expect(model.layers.map((l) => l.name)).not.toContain(SOURCE_HEAD_LAYER);
    expect(model.layers.at(-1)!.name).toBe(HEAD_LAYER);
    expect(model.outputs[0]!.shape).toEqual([null, 3]);
    // The base's weights are the pretrained ones, shared, not copies or fresh ones.
    expect(weightsByLayer(model).conv1).toEqual(weightsByLayer(pretrained).conv1);
    expect(model.getLayer("conv1")).toBe(pretrained.getLayer("conv1"));
  });
});

describe("strategies", () => {
  it("fine-tunes in two stages: the head alone first, then the unfrozen layers with it at a tenth of the rate", () => {
    expect(trainingStages(config({ strategy: "fine-tuning", epochs: 20, learningRate: 0.001, unfreezeLastLayers: 1 }))).toEqual([
      { epochs: 10, learningRate: 0.001, trainableBaseLayers: 0 },
      { epochs: 10, learningRate: 0.0001, trainableBaseLayers: 1 },
    ]);
    expect(trainingStages(config({ strategy: "fine-tuning", epochs: 1 }))[0]!.epochs).toBe(0);
    expect(trainingStages(config({ strategy: "from-scratch", epochs: 7 }))).toEqual([{ epochs: 7, learningRate: 0.01, trainableBaseLayers: 2 }]);
  });

  it("counts trainable base layers per strategy", () => {
    expect(trainableBaseLayers("feature-extraction", 2)).toBe(0);
    expect(trainableBaseLayers("fine-tuning", 0)).toBe(1);
    expect(trainableBaseLayers("fine-tuning", 2)).toBe(2);
    expect(trainableBaseLayers("fine-tuning", 9)).toBe(2);
    expect(trainableBaseLayers("from-scratch", 0)).toBe(2);
  });

  it("feature extraction really freezes the base: its weights are unchanged after training", async () => {
    const artifacts = await pretrainedArtifacts();
    const reference = weightsByLayer(await tf.loadLayersModel(tf.io.fromMemory(artifacts)));
    for (const cacheFeatures of [true, false]) {
      const { model, result } = await runExperiment({ config: config({ strategy: "feature-extraction" }), data, pretrained: artifacts, cacheFeatures });
      const after = weightsByLayer(model);
      for (const name of BASE_WEIGHT_LAYERS) expect(after[name], `${name} (cacheFeatures ${cacheFeatures})`).toEqual(reference[name]);
      expect(result.trainableParams).toBe(2 * 2 * 32 * 5 + 5);
      expect(result.history).toHaveLength(3);
      model.dispose();
    }
  });

  it("feature extraction on cached features learns exactly what it learns through the frozen base", async () => {
    const artifacts = await pretrainedArtifacts();
    const cached = await runExperiment({ config: config({}), data, pretrained: artifacts, cacheFeatures: true });
    const direct = await runExperiment({ config: config({}), data, pretrained: artifacts, cacheFeatures: false });
    const head = (m: tf.LayersModel) => Array.from(m.getLayer(HEAD_LAYER).getWeights()[0]!.dataSync());
    head(cached.model).forEach((value, i) => expect(value).toBeCloseTo(head(direct.model)[i]!, 4));
    expect(cached.result.history.map((h) => +h.loss.toFixed(4))).toEqual(direct.result.history.map((h) => +h.loss.toFixed(4)));
    cached.model.dispose();
    direct.model.dispose();
  });

  it("fine-tuning changes only the unfrozen layers (and the head)", async () => {
    const artifacts = await pretrainedArtifacts();
    const reference = weightsByLayer(await tf.loadLayersModel(tf.io.fromMemory(artifacts)));
    for (const unfreeze of [1, 2]) {
      const { model, result } = await runExperiment({ config: config({ strategy: "fine-tuning", unfreezeLastLayers: unfreeze }), data, pretrained: artifacts });
      const after = weightsByLayer(model);
      BASE_WEIGHT_LAYERS.forEach((name, i) => {
        const unfrozen = i >= BASE_WEIGHT_LAYERS.length - unfreeze;
        if (unfrozen) expect(after[name], `${name} should train`).not.toEqual(reference[name]);
        else expect(after[name], `${name} should stay frozen`).toEqual(reference[name]);
      });
      const expected = describeNetwork(arch, 5, unfreeze).filter((l) => l.trainable).reduce((sum, l) => sum + l.params, 0);
      expect(result.trainableParams).toBe(expected);
      expect(result.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
      expect(result.unfrozeAfterEpoch).toBe(1);
      model.dispose();
    }
  });

  it("from scratch trains every layer from seeded random weights, ignoring the pretrained ones", async () => {
    const artifacts = await pretrainedArtifacts();
    const pretrained = weightsByLayer(await tf.loadLayersModel(tf.io.fromMemory(artifacts)));
    const fresh = weightsByLayer(buildBase(arch, 5));
    expect(fresh.conv1).toEqual(weightsByLayer(buildBase(arch, 5)).conv1);
    const { model, result } = await runExperiment({ config: config({ strategy: "from-scratch" }), data, pretrained: null });
    const after = weightsByLayer(model);
    for (const name of BASE_WEIGHT_LAYERS) {
      expect(after[name]).not.toEqual(fresh[name]);
      expect(after[name]).not.toEqual(pretrained[name]);
    }
    expect(result.trainableParams).toBe(result.totalParams);
    model.dispose();
  });

  it("learns the synthetic task and reports a consistent history and confusion matrix", async () => {
    const { model, result } = await runExperiment({ config: config({ strategy: "from-scratch", epochs: 8, batchSize: 20, learningRate: 0.03, examplesPerClass: "all" }), data, pretrained: null });
    expect(result.trainExamples).toBe(60);
    expect(result.samplesSeen).toBe(60 * 8);
    expect(result.history.at(-1)!.accuracy).toBeGreaterThan(0.9);
    expect(result.testAccuracy).toBeGreaterThan(0.8);
    expect(result.confusion.flat().reduce((a, b) => a + b, 0)).toBe(20);
    model.dispose();
  }, 20_000);

  it("stops when asked, keeping the epochs already done", async () => {
    let epochs = 0;
    const { model, result } = await runExperiment({
      config: config({ strategy: "from-scratch", epochs: 10 }),
      data,
      pretrained: null,
      onEpochEnd: () => {
        epochs++;
      },
      shouldStop: () => epochs >= 2,
    });
    expect(result.stopped).toBe(true);
    expect(result.history).toHaveLength(2);
    model.dispose();
  });

  it("the training loop leaves frozen layers alone even when called directly", async () => {
    const base = buildBase(arch, 3);
    setTrainableBaseLayers(base, 0);
    const model = withHead(base, createHead(5));
    const before = weightsByLayer(model);
    const x = tf.tensor4d(data.train.images, [data.train.count, 8, 8, 1]);
    await train(model, { train: { x, labels: data.train.labels, classes: 5 }, val: { x, labels: data.train.labels, classes: 5 } }, { epochs: 1, batchSize: 16, learningRate: 0.05, seed: 1 });
    const after = weightsByLayer(model);
    for (const name of BASE_WEIGHT_LAYERS) expect(after[name]).toEqual(before[name]);
    expect(after[HEAD_LAYER]).not.toEqual(before[HEAD_LAYER]);
    x.dispose();
    model.dispose();
  });
});

describe("memory", () => {
  it("leaves no tensors behind once the run's model is disposed", async () => {
    const artifacts = await pretrainedArtifacts();
    // One warm-up run: TensorFlow.js keeps a few tensors of its own after the first use.
    (await runExperiment({ config: config({ strategy: "fine-tuning", epochs: 1 }), data, pretrained: artifacts })).model.dispose();
    const before = tf.memory().numTensors;
    for (const strategy of ["feature-extraction", "fine-tuning", "from-scratch"] as const) {
      const { model } = await runExperiment({ config: config({ strategy, epochs: 2 }), data, pretrained: strategy === "from-scratch" ? null : artifacts });
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
