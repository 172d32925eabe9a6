// The training loop shared by the browser lab, the pretraining script and the server worker: seeded
// mini-batch order, Adam, categorical cross-entropy, and train/validation metrics after every epoch.
// Validation uses a fixed subset of at most DEFAULT_VALIDATION_EXAMPLES examples, the same ones every
// epoch and every run (chosen by a constant seed): measuring all 10,000 Fashion-MNIST validation
// images after every epoch took most of a short run's time, and the curve it draws only needs to be
// comparable between epochs and runs. The test set, not this, gives a run's reported accuracy.
// Checkpoints carry the optimizer's state, so a resumed run continues the same optimisation.
// It reads numbers back from the accelerator once per epoch, not once per batch, which matters on
// WebGL where each read stalls the pipeline.
import * as tf from "@tensorflow/tfjs";
import { Adam, type AdamState } from "./adam";
import { selectImages, type ImageSet } from "./datasets";
import { createRandom, deriveSeed, shuffled } from "./random";

export type EpochMetrics = {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** Milliseconds since training started, at the end of this epoch. */
  elapsedMs: number;
};

export const DEFAULT_VALIDATION_EXAMPLES = 1000;
const VALIDATION_SUBSET_SEED = 0x5eed;

/** What a checkpoint needs besides the weights to resume exactly: the optimizer's state. */
export type TrainCheckpoint = { optimizerState: () => Promise<AdamState> };

export type TrainOptions = {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /**
   * Called after every epoch; training waits for it (a worker posts the metrics here). `checkpoint`
   * reads the optimizer's state at this point, for a checkpoint that resumes exactly.
   */
  onEpochEnd?: (metrics: EpochMetrics, checkpoint: TrainCheckpoint) => void | Promise<void>;
  /** Resume: the optimizer's state saved with the weights at the end of epoch `firstEpoch − 1`. */
  optimizerState?: AdamState;
  /** Validate on at most this many validation examples, always the same ones (see above); "all" for every one. */
  validationExamples?: number | "all";
  /** Checked between batches; true stops training at once, keeping the epochs already done. */
  shouldStop?: () => boolean;
  /** For a second training stage: the number of its first epoch and the time already spent. */
  firstEpoch?: number;
  elapsedOffsetMs?: number;
  /**
   * Yield to the event loop every this many batches (default 8), so a stop request can arrive.
   * The server worker yields after every batch: its cancel flag is set by a database notification,
   * and a cancel must stop the run within one batch.
   */
  yieldEveryBatches?: number;
};

export type TrainResult = { history: EpochMetrics[]; stopped: boolean; samplesSeen: number; durationMs: number };

// setImmediate where there is one (Node): it lets pending I/O in without setTimeout's 1 ms floor.
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));

export type TensorSet = { x: tf.Tensor; labels: Int32Array; classes: number };
/**
 * A set kept as plain pixels outside TensorFlow.js, turned into one batch tensor at a time: the
 * accelerator (WebGL texture memory, the wasm heap, which never shrinks) then holds one batch of
 * images instead of the whole set. Same results as a TensorSet of the same images (train.test.ts).
 */
export type StreamedSet = { images: ImageSet; labels: Int32Array; classes: number };
export type TrainingSet = TensorSet | StreamedSet;

export function streamed(images: ImageSet, classes: number): StreamedSet {
  return { images, labels: images.labels, classes };
}

const isStreamed = (set: TrainingSet): set is StreamedSet => "images" in set;

/** The images at `indices` as one [n, height, width, 1] tensor. */
function gatherImages(set: TrainingSet, indices: number[]): tf.Tensor {
  if (!isStreamed(set)) return tf.tidy(() => tf.gather(set.x, tf.tensor1d(indices, "int32")));
  const picked = selectImages(set.images, indices);
  return tf.tensor4d(picked.images, [picked.count, picked.height, picked.width, 1]);
}

/** Rows start … start + size − 1 as one tensor. */
function sliceImages(set: TrainingSet, start: number, size: number): tf.Tensor {
  if (!isStreamed(set)) return set.x.slice(start, size);
  const { images, width, height } = set.images;
  return tf.tensor4d(images.subarray(start * width * height, (start + size) * width * height), [size, height, width, 1]);
}

function oneHot(labels: Int32Array, classes: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, "int32"), classes).toFloat() as tf.Tensor2D);
}

/** Sums of cross-entropy and of correct predictions over a set, as tensors (read them once). */
function lossAndCorrect(model: tf.LayersModel, set: TrainingSet, y: tf.Tensor2D, batchSize = 256): { loss: tf.Scalar; correct: tf.Scalar } {
  return tf.tidy(() => {
    let loss = tf.scalar(0);
    let correct = tf.scalar(0);
    const n = set.labels.length;
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      const xb = sliceImages(set, start, size);
      const yb = y.slice(start, size);
      const p = model.apply(xb, { training: false }) as tf.Tensor2D;
      loss = loss.add(tf.metrics.categoricalCrossentropy(yb, p).sum());
      correct = correct.add(tf.equal(p.argMax(-1), yb.argMax(-1)).sum().toFloat());
    }
    return { loss: loss as tf.Scalar, correct: correct as tf.Scalar };
  });
}

/** The validation examples used after every epoch: all of them, or a fixed seeded subset in index order. */
export function validationSubset(count: number, limit: number | "all" = DEFAULT_VALIDATION_EXAMPLES): number[] | null {
  if (limit === "all" || count <= limit) return null;
  const all = Array.from({ length: count }, (_, i) => i);
  return shuffled(all, createRandom(VALIDATION_SUBSET_SEED)).slice(0, limit).sort((a, b) => a - b);
}

export async function evaluateLossAccuracy(model: tf.LayersModel, set: TrainingSet): Promise<{ loss: number; accuracy: number }> {
  const y = oneHot(set.labels, set.classes);
  const { loss, correct } = lossAndCorrect(model, set, y);
  const [lossSum, correctSum] = [(await loss.data())[0]!, (await correct.data())[0]!];
  tf.dispose([y, loss, correct]);
  const n = Math.max(set.labels.length, 1);
  return { loss: lossSum / n, accuracy: correctSum / n };
}

/** Trains the model's trainable weights (frozen layers are left alone) and returns the history. */
export async function train(model: tf.LayersModel, data: { train: TrainingSet; val: TrainingSet }, options: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const optimizer = new Adam(variables, { learningRate: options.learningRate });
  if (options.optimizerState) optimizer.setState(options.optimizerState);
  const subset = validationSubset(data.val.labels.length, options.validationExamples);
  const val: TrainingSet = !subset
    ? data.val
    : isStreamed(data.val)
      ? streamed(selectImages(data.val.images, subset), data.val.classes)
      : { x: gatherImages(data.val, subset), labels: Int32Array.from(subset, (i) => data.val.labels[i]!), classes: data.val.classes };
  const checkpoint: TrainCheckpoint = { optimizerState: () => optimizer.getState() };
  const yTrain = oneHot(data.train.labels, data.train.classes);
  const n = data.train.labels.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const history: EpochMetrics[] = [];
  let stopped = false;
  let samplesSeen = 0;
  try {
    const firstEpoch = options.firstEpoch ?? 1;
    for (let epoch = firstEpoch; epoch < firstEpoch + options.epochs && !stopped; epoch++) {
      const random = createRandom(deriveSeed(options.seed, epoch));
      const epochOrder = shuffled(order, random);
      let lossSum = tf.scalar(0);
      let correctSum = tf.scalar(0);
      let seen = 0;
      for (let start = 0; start < n; start += options.batchSize) {
        if (options.shouldStop?.()) {
          stopped = true;
          break;
        }
        const batchIndices = epochOrder.slice(start, start + options.batchSize);
        const indices = tf.tensor1d(batchIndices, "int32");
        const xb = gatherImages(data.train, batchIndices);
        const yb = tf.gather(yTrain, indices);
        const size = indices.shape[0];
        const batch: { correct?: tf.Scalar } = {};
        const { value: cost, grads } = tf.variableGrads(() => {
          const p = model.apply(xb, { training: true }) as tf.Tensor2D;
          batch.correct = tf.keep(tf.equal(p.argMax(-1), yb.argMax(-1)).sum().toFloat() as tf.Scalar);
          return tf.metrics.categoricalCrossentropy(yb, p).mean() as tf.Scalar;
        }, variables);
        optimizer.apply(variables.map((variable) => grads[variable.name]!));
        tf.dispose(Object.values(grads));
        const [nextLoss, nextCorrect] = tf.tidy(() => [lossSum.add(cost.mul(size)) as tf.Scalar, correctSum.add(batch.correct!) as tf.Scalar]);
        tf.dispose([indices, xb, yb, cost, batch.correct!, lossSum, correctSum]);
        lossSum = nextLoss!;
        correctSum = nextCorrect!;
        seen += size;
        // Yield to the event loop so a stop message (or the page) can get through between batches.
        const yieldEvery = options.yieldEveryBatches ?? 8;
        if ((start / options.batchSize) % yieldEvery === yieldEvery - 1) await yieldToEventLoop();
      }
      samplesSeen += seen;
      const trainLoss = (await lossSum.data())[0]!;
      const trainCorrect = (await correctSum.data())[0]!;
      tf.dispose([lossSum, correctSum]);
      if (seen === 0) break;
      const validation = await evaluateLossAccuracy(model, val);
      const metrics: EpochMetrics = {
        epoch,
        loss: trainLoss / seen,
        accuracy: trainCorrect / seen,
        valLoss: validation.loss,
        valAccuracy: validation.accuracy,
        elapsedMs: (options.elapsedOffsetMs ?? 0) + performance.now() - started,
      };
      // An epoch cut short by a stop still reports what it saw, marked by the stop flag.
      history.push(metrics);
      await options.onEpochEnd?.(metrics, checkpoint);
    }
  } finally {
    optimizer.dispose();
    yTrain.dispose();
    if (val !== data.val && !isStreamed(val)) val.x.dispose();
  }
  return { history, stopped, samplesSeen, durationMs: performance.now() - started };
}
