// Pretraining a base: the lab's network with a head for the source classes, trained with the same
// loop as every lab run. scripts/ml/pretrain.ts feeds it the data and saves the result.
import * as tf from "@tensorflow/tfjs";
import type { ImageSet } from "./datasets";
import { evaluate } from "./evaluate";
import { buildBase, createSourceHead, withHead } from "./model";
import { copyWeightsByLayer, loadModel } from "./model-io";
import type { BaseArchitecture } from "./network";
import type { AdamState } from "./adam";
import { streamed, train, type EpochMetrics, type TrainCheckpoint } from "./train";

export type PretrainOptions = {
  arch: BaseArchitecture;
  train: ImageSet;
  val: ImageSet;
  test: ImageSet;
  classes: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** `checkpoint` reads the optimizer's state, to save with the weights (see TrainOptions). */
  onEpochEnd?: (metrics: EpochMetrics, model: tf.LayersModel, checkpoint: TrainCheckpoint) => void | Promise<void>;
  shouldStop?: () => boolean;
  yieldEveryBatches?: number;
  /**
   * Continue from a checkpoint of the whole model saved after epoch `afterEpoch` (see runExperiment),
   * with the optimizer's state saved beside it when there is one (then the run continues exactly).
   */
  resume?: { afterEpoch: number; weights: tf.io.ModelArtifacts; history: EpochMetrics[]; optimizerState?: AdamState };
};

export async function pretrainBase(options: PretrainOptions) {
  const tensor = (set: ImageSet) => tf.tensor4d(set.images, [set.count, set.height, set.width, 1]);
  const base = buildBase(options.arch, options.seed);
  const model = withHead(base, createSourceHead(options.classes, options.seed));
  // Training and validation images are streamed a batch at a time (the full Fashion-MNIST source
  // classes are 30,000 images); the test set is one tensor for evaluate().
  const xTest = tensor(options.test);
  const earlier = options.resume ? options.resume.history.slice(0, options.resume.afterEpoch) : [];
  try {
    if (options.resume) {
      const checkpoint = await loadModel(options.resume.weights);
      copyWeightsByLayer(model, checkpoint);
      checkpoint.dispose();
    }
    const resumedMs = earlier.at(-1)?.elapsedMs ?? 0;
    const result = await train(
      model,
      { train: streamed(options.train, options.classes), val: streamed(options.val, options.classes) },
      {
        epochs: options.epochs - earlier.length,
        batchSize: options.batchSize,
        learningRate: options.learningRate,
        seed: options.seed,
        firstEpoch: earlier.length + 1,
        elapsedOffsetMs: resumedMs,
        onEpochEnd: options.onEpochEnd && ((metrics, checkpoint) => options.onEpochEnd!(metrics, model, checkpoint)),
        optimizerState: options.resume?.optimizerState,
        shouldStop: options.shouldStop,
        yieldEveryBatches: options.yieldEveryBatches,
      },
    );
    const test = await evaluate(model, xTest, options.test.labels, options.classes);
    return { model, history: [...earlier, ...result.history], durationMs: resumedMs + result.durationMs, stopped: result.stopped, testAccuracy: test.accuracy, confusion: test.confusion };
  } finally {
    xTest.dispose();
  }
}
