// One lab run, end to end: sample k examples per class (seeded), build the network for the chosen
// strategy, train with per-epoch callbacks, evaluate on the test set. The browser worker, the
// measurement script and the server worker call this same function.
import * as tf from "@tensorflow/tfjs";
import { decodeSplit, resizeImages, selectImages, type DatasetInfo, type ImageSet, type SplitName } from "./datasets";
import { evaluate } from "./evaluate";
import { examplesPerClassCount, labRunConfig, trainingStages, type LabRunConfig } from "./config";
import { baseOf, buildBase, countParams, createHead, SOURCE_HEAD_LAYER, withHead } from "./model";
import { copyWeightsByLayer, loadModel } from "./model-io";
import { featureSize } from "./network";
import { sampleKPerClass } from "./random";
import { setTrainableBaseLayers, trainableBaseLayers, usesPretrainedWeights } from "./strategies";
import { BASE_MODELS, requireLabTask, type LabTask } from "./tasks";
import type { AdamState } from "./adam";
import { train, type EpochMetrics, type TensorSet, type TrainCheckpoint } from "./train";

/** A task's images, labelled 0…k-1 in the order of its target classes, at the base's input size. */
export type { LabRunConfig };

export type TaskData = { train: ImageSet; val: ImageSet; test: ImageSet; classNames: string[] };

/** The dataset files a task needs (relative to the datasets folder), to fetch before `prepareTaskData`. */
export function taskFiles(task: LabTask, info: DatasetInfo): string[] {
  return (["train", "val", "test"] as SplitName[]).flatMap((split) => task.targetClasses.map((c) => info.splits[split].files[c]!));
}

export function prepareTaskData(task: LabTask, info: DatasetInfo, load: (path: string) => Uint8Array): TaskData {
  const { arch } = BASE_MODELS[task.baseModel];
  const size = { width: arch.inputWidth, height: arch.inputHeight };
  const split = (name: SplitName) => resizeImages(decodeSplit(info, name, task.targetClasses, load), size);
  return { train: split("train"), val: split("val"), test: split("test"), classNames: task.targetClasses.map((c) => info.classNames[c]!) };
}

export type ExperimentResult = {
  config: LabRunConfig;
  backend: string;
  history: EpochMetrics[];
  testAccuracy: number;
  confusion: number[][];
  trainableParams: number;
  totalParams: number;
  trainExamples: number;
  samplesSeen: number;
  /** Wall time of training, from building the model to the last epoch (feature caching included). */
  durationMs: number;
  stopped: boolean;
  /** Fine-tuning: the epoch after which the chosen base layers were unfrozen (null otherwise). */
  unfrozeAfterEpoch: number | null;
};

export type ExperimentOptions = {
  config: LabRunConfig;
  data: TaskData;
  /** The task's pretrained base as loaded from public/models/<id>/; unused from scratch. */
  pretrained: tf.io.ModelArtifacts | null;
  /**
   * Feature extraction trains the head on features computed once by the frozen base (the usual
   * way: nothing below the head changes, so recomputing them every epoch is wasted work).
   */
  cacheFeatures?: boolean;
  /**
   * Called after every epoch with the whole classifier (base + head), e.g. to checkpoint it, and
   * the training stage's optimizer state, so that the checkpoint resumes exactly.
   */
  onEpochEnd?: (metrics: EpochMetrics, model: tf.LayersModel, checkpoint: TrainCheckpoint) => void | Promise<void>;
  shouldStop?: () => boolean;
  /** See TrainOptions.yieldEveryBatches. */
  yieldEveryBatches?: number;
  /**
   * Continue an interrupted run: the classifier's weights at the end of epoch `afterEpoch` (a
   * checkpoint saved from `onEpochEnd`) and the history up to it. Training resumes at the next
   * epoch with the same seeded batch order. With `optimizerState` (read from the checkpoint of
   * that epoch) the optimizer continues where it was, so the resumed run ends where the
   * uninterrupted one would; without it the moments start afresh. A stage that begins after the
   * checkpoint starts with a fresh optimizer, as it does in an uninterrupted run.
   */
  resume?: { afterEpoch: number; weights: tf.io.ModelArtifacts; history: EpochMetrics[]; optimizerState?: AdamState };
};

function toTensorSet(set: ImageSet, classes: number): TensorSet {
  return { x: tf.tensor4d(set.images, [set.count, set.height, set.width, 1]), labels: set.labels, classes };
}

/** Runs the experiment; returns the result and the trained model (the caller disposes it). */
export async function runExperiment(options: ExperimentOptions): Promise<{ result: ExperimentResult; model: tf.LayersModel }> {
  const config = labRunConfig.parse(options.config);
  const task = requireLabTask(config.taskId);
  const { arch } = BASE_MODELS[task.baseModel];
  const classes = task.targetClasses.length;
  const picked = sampleKPerClass(options.data.train.labels, examplesPerClassCount(config.examplesPerClass), config.seed);
  const trainSet = toTensorSet(selectImages(options.data.train, picked), classes);
  const valSet = toTensorSet(options.data.val, classes);
  const testSet = toTensorSet(options.data.test, classes);
  const started = performance.now();
  let base: tf.LayersModel;
  if (usesPretrainedWeights(config.strategy)) {
    if (!options.pretrained) throw new Error(`${config.strategy} needs the pretrained base.`);
    const pretrained = await loadModel(options.pretrained);
    base = baseOf(pretrained);
    pretrained.getLayer(SOURCE_HEAD_LAYER).dispose();
  } else {
    base = buildBase(arch, config.seed);
  }
  const trainableLayers = trainableBaseLayers(config.strategy, config.unfreezeLastLayers);
  const head = createHead(classes);
  const model = withHead(base, head);
  const stages = trainingStages(config);
  const disposables: tf.Tensor[] = [trainSet.x, valSet.x, testSet.x];
  const history: EpochMetrics[] = [];
  let samplesSeen = 0;
  let stopped = false;
  let resumedMs = 0;
  try {
    if (options.resume) {
      const checkpoint = await loadModel(options.resume.weights);
      copyWeightsByLayer(model, checkpoint);
      checkpoint.dispose();
      history.push(...options.resume.history.slice(0, options.resume.afterEpoch));
      resumedMs = history.at(-1)?.elapsedMs ?? 0;
    }
    let stageStart = 0;
    for (const stage of stages) {
      const done = Math.min(Math.max(history.length - stageStart, 0), stage.epochs);
      stageStart += stage.epochs;
      if (stopped || stage.epochs - done === 0) continue;
      setTrainableBaseLayers(base, stage.trainableBaseLayers);
      const stageOptions = {
        epochs: stage.epochs - done,
        batchSize: config.batchSize,
        learningRate: stage.learningRate,
        seed: config.seed,
        firstEpoch: history.length + 1,
        elapsedOffsetMs: resumedMs + performance.now() - started,
        onEpochEnd: options.onEpochEnd && ((metrics: EpochMetrics, checkpoint: TrainCheckpoint) => options.onEpochEnd!(metrics, model, checkpoint)),
        // Only the stage the checkpoint was saved in continues its optimizer.
        optimizerState: done > 0 ? options.resume?.optimizerState : undefined,
        shouldStop: options.shouldStop,
        yieldEveryBatches: options.yieldEveryBatches,
      };
      let trained;
      if (stage.trainableBaseLayers === 0 && (options.cacheFeatures ?? true)) {
        const features = (set: TensorSet): TensorSet => ({ ...set, x: base.predict(set.x, { batchSize: 256 }) as tf.Tensor });
        const trainFeatures = features(trainSet);
        const valFeatures = features(valSet);
        disposables.push(trainFeatures.x, valFeatures.x);
        const featureInput = tf.input({ shape: [featureSize(arch)] });
        const headModel = tf.model({ inputs: featureInput, outputs: head.apply(featureInput) as tf.SymbolicTensor });
        try {
          trained = await train(headModel, { train: trainFeatures, val: valFeatures }, stageOptions);
        } finally {
          // Releases headModel's hold on the shared head layer; `model` keeps it alive.
          headModel.dispose();
        }
      } else {
        trained = await train(model, { train: trainSet, val: valSet }, stageOptions);
      }
      history.push(...trained.history);
      samplesSeen += trained.samplesSeen;
      stopped = trained.stopped;
    }
    setTrainableBaseLayers(base, trainableLayers);
    const durationMs = resumedMs + performance.now() - started;
    const evaluation = await evaluate(model, testSet.x, testSet.labels, classes);
    return {
      model,
      result: {
        config,
        backend: tf.getBackend(),
        history,
        testAccuracy: evaluation.accuracy,
        confusion: evaluation.confusion,
        trainableParams: countParams(model.trainableWeights),
        totalParams: model.countParams(),
        trainExamples: picked.length,
        samplesSeen,
        durationMs,
        stopped,
        unfrozeAfterEpoch: stages.length > 1 && stages[0]!.epochs > 0 ? stages[0]!.epochs : null,
      },
    };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    tf.dispose(disposables);
  }
}
