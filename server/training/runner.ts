// Trains one claimed run in the worker with lib/ml, the code the browser lab runs: a single
// experiment, a sweep of them, or the pretraining of a base model. Every epoch is written as it
// ends, after its checkpoint is on disk, so an attempt that dies resumes after the last epoch it
// recorded. A stop request (cancel, worker shutdown, lost claim) is checked between batches.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as tf from "@tensorflow/tfjs";
import { datasetIndex } from "@/lib/ml/datasets";
import { prepareTaskData, runExperiment, type TaskData } from "@/lib/ml/experiment";
import { artifactsFromFiles, serializeModel } from "@/lib/ml/model-io";
import { pretrainBase } from "@/lib/ml/pretrain";
import { summariseSweep, sweepMembers, sweepOutcome, trainingRunRequest, type PretrainConfig, type SweepOutcome } from "@/lib/ml/run-kinds";
import { usesPretrainedWeights } from "@/lib/ml/strategies";
import { BASE_MODELS, requireLabTask, type BaseModelId, type LabTaskId } from "@/lib/ml/tasks";
import type { AdamState } from "@/lib/ml/adam";
import type { EpochMetrics, TrainCheckpoint } from "@/lib/ml/train";
import { db } from "../db";
import type { BackendInfo } from "./backend";
import { FASHION_CLASS_NAMES } from "./data/debian";
import { debianCacheReady, fashionSourceTrain, loadShipped } from "./data/pretrain-data";
import { pruneCheckpoints, readCheckpoint, saveCheckpoint, saveModel } from "./storage";
import { discardAfterCheckpoint, finishRun, LostClaimError, recordCheckpoint, recordEnvironment, recordEpoch, type RunOutcome } from "./store";

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../public");

export type StopReason = "cancel" | "shutdown" | "lost";
/** Shared with the worker's heartbeat: set `stop` and training ends before its next batch. */
export type RunControl = { stop: StopReason | null };

export type RunContext = { runId: string; workerId: string; storageDir: string; backend: BackendInfo; control: RunControl; log: (line: string) => void };

const taskData = new Map<LabTaskId, TaskData>();
function loadTaskData(taskId: LabTaskId): TaskData {
  let data = taskData.get(taskId);
  if (!data) {
    const task = requireLabTask(taskId);
    const index = datasetIndex.parse(JSON.parse(readFileSync(path.join(publicDir, "datasets", "index.json"), "utf8")));
    const info = index.datasets[task.dataset];
    if (!info) throw new Error(`The dataset ${task.dataset} is not installed on this worker (public/datasets).`);
    data = prepareTaskData(task, info, (file) => new Uint8Array(readFileSync(path.join(publicDir, "datasets", file))));
    taskData.set(taskId, data);
  }
  return data;
}

function loadBase(id: BaseModelId): tf.io.ModelArtifacts {
  const dir = path.join(publicDir, "models", id);
  return artifactsFromFiles(readFileSync(path.join(dir, "model.json"), "utf8"), new Uint8Array(readFileSync(path.join(dir, "weights.bin"))));
}

async function historyUpTo(runId: string, step: number): Promise<EpochMetrics[]> {
  const rows = await db.trainingMetric.findMany({ where: { runId, step: { lte: step } }, orderBy: { step: "asc" }, select: { epoch: true, loss: true, accuracy: true, valLoss: true, valAccuracy: true, elapsedMs: true } });
  return rows;
}

/**
 * A checkpoint of the whole model (with the optimizer's state where the training loop gives it, so
 * the resumed run continues the same optimisation), then the epoch's row pointing at it; counts the
 * time it takes.
 */
function epochRecorder(context: RunContext) {
  let spentMs = 0;
  const onEpochEnd = async (metrics: EpochMetrics, model: tf.LayersModel, checkpoint?: TrainCheckpoint) => {
    // An epoch cut short by a stop is not recorded: a resumed run redoes it whole.
    if (context.control.stop) return;
    const started = performance.now();
    const files = await serializeModel(model);
    const optimizerJson = checkpoint ? JSON.stringify(await checkpoint.optimizerState()) : undefined;
    await saveCheckpoint(context.storageDir, context.runId, metrics.epoch, { ...files, ...(optimizerJson !== undefined ? { optimizerJson } : {}) });
    await recordEpoch({ runId: context.runId, workerId: context.workerId, step: metrics.epoch, member: null, metrics, checkpoint: { step: metrics.epoch, state: { epoch: metrics.epoch } } });
    await pruneCheckpoints(context.storageDir, context.runId, metrics.epoch);
    spentMs += performance.now() - started;
  };
  return { onEpochEnd, spentMs: () => spentMs };
}

type Resume = { afterEpoch: number; weights: tf.io.ModelArtifacts; history: EpochMetrics[]; optimizerState?: AdamState } | undefined;

async function resumeFrom(context: RunContext, checkpointStep: number): Promise<Resume> {
  if (checkpointStep === 0) return undefined;
  const files = await readCheckpoint(context.storageDir, context.runId, checkpointStep);
  if (!files) {
    // The checkpoint is on another machine's disk (STORAGE_DIR not shared): start over.
    context.log(`run ${context.runId}: checkpoint of step ${checkpointStep} not found in STORAGE_DIR; training from the start`);
    await db.trainingMetric.deleteMany({ where: { runId: context.runId } });
    return undefined;
  }
  return {
    afterEpoch: checkpointStep,
    weights: artifactsFromFiles(files.modelJson, files.weights),
    history: await historyUpTo(context.runId, checkpointStep),
    ...(files.optimizerJson !== undefined ? { optimizerState: JSON.parse(files.optimizerJson) as AdamState } : {}),
  };
}

type Outcome = { stopped: boolean; result: Record<string, unknown>; model: tf.LayersModel | null };

async function trainExperiment(context: RunContext, config: Parameters<typeof runExperiment>[0]["config"], checkpointStep: number): Promise<Outcome> {
  const task = requireLabTask(config.taskId);
  const data = loadTaskData(task.id);
  const resume = await resumeFrom(context, checkpointStep);
  const recorder = epochRecorder(context);
  const { model, result } = await runExperiment({
    config,
    data,
    pretrained: usesPretrainedWeights(config.strategy) ? loadBase(task.baseModel) : null,
    onEpochEnd: recorder.onEpochEnd,
    shouldStop: () => context.control.stop !== null,
    yieldEveryBatches: 1,
    resume,
  });
  // Epochs before the checkpoint were trained by an earlier attempt, on every training example.
  const samplesSeen = result.samplesSeen + (resume?.afterEpoch ?? 0) * result.trainExamples;
  return {
    stopped: result.stopped,
    model,
    result: {
      testAccuracy: result.testAccuracy,
      confusion: result.confusion,
      classNames: data.classNames,
      trainableParams: result.trainableParams,
      totalParams: result.totalParams,
      trainExamples: result.trainExamples,
      samplesSeen,
      durationMs: Math.round(result.durationMs),
      samplesPerSecond: result.durationMs > 0 ? samplesSeen / (result.durationMs / 1000) : null,
      // Saving the per-epoch checkpoints and metric rows, included in durationMs.
      checkpointMs: Math.round(recorder.spentMs()),
      unfrozeAfterEpoch: result.unfrozeAfterEpoch,
      resumedAfterEpoch: resume?.afterEpoch ?? null,
    },
  };
}

async function trainSweep(context: RunContext, config: Parameters<typeof sweepMembers>[0], checkpointStep: number, checkpoint: unknown): Promise<Outcome> {
  const done: SweepOutcome[] = checkpointStep > 0 ? sweepOutcome.array().catch([]).parse((checkpoint as { outcomes?: unknown } | null)?.outcomes) : [];
  let step = done.length ? checkpointStep : 0;
  if (!done.length && checkpointStep > 0) await db.trainingMetric.deleteMany({ where: { runId: context.runId } });
  const data = loadTaskData(config.taskId);
  const task = requireLabTask(config.taskId);
  let stopped = false;
  const started = performance.now();
  for (const member of sweepMembers(config)) {
    if (done.some((outcome) => outcome.name === member.name)) continue;
    const { model, result } = await runExperiment({
      config: member.config,
      data,
      pretrained: usesPretrainedWeights(member.config.strategy) ? loadBase(task.baseModel) : null,
      onEpochEnd: async (metrics) => {
        if (context.control.stop) return;
        step += 1;
        await recordEpoch({ runId: context.runId, workerId: context.workerId, step, member: member.name, metrics });
      },
      shouldStop: () => context.control.stop !== null,
      yieldEveryBatches: 1,
    });
    model.dispose();
    if (result.stopped) {
      stopped = true;
      break;
    }
    done.push({ name: member.name, strategy: member.config.strategy, examplesPerClass: member.config.examplesPerClass, seed: member.config.seed, testAccuracy: result.testAccuracy, durationMs: result.durationMs, trainExamples: result.trainExamples, trainableParams: result.trainableParams });
    // A sweep checkpoints per member: a resumed sweep skips the members it finished.
    await recordCheckpoint({ runId: context.runId, workerId: context.workerId, step, state: { outcomes: done } });
  }
  return { stopped, model: null, result: { taskId: config.taskId, rows: summariseSweep(done), outcomes: done, members: sweepMembers(config).length, durationMs: Math.round(performance.now() - started) } };
}

async function trainPretrain(context: RunContext, config: PretrainConfig, checkpointStep: number): Promise<Outcome> {
  const info = BASE_MODELS[config.baseModel];
  const classes = info.sourceClasses;
  let train;
  if (config.data === "full") {
    if (info.dataset !== "fashion-mnist") throw new Error("Only the Fashion-MNIST base has a larger dataset than the shipped one; pretrain the digits base on the shipped data.");
    if (!debianCacheReady()) throw new Error("The full Fashion-MNIST training set is not on this worker's machine: run `npm run datasets:build` there first, or pretrain on the shipped data.");
    train = fashionSourceTrain(classes, Number.POSITIVE_INFINITY);
  } else {
    train = loadShipped(info.dataset, "train", classes);
  }
  const resume = await resumeFrom(context, checkpointStep);
  const recorder = epochRecorder(context);
  const result = await pretrainBase({
    arch: info.arch,
    train,
    val: loadShipped(info.dataset, "val", classes),
    test: loadShipped(info.dataset, "test", classes),
    classes: classes.length,
    epochs: config.epochs,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    seed: config.seed,
    onEpochEnd: recorder.onEpochEnd,
    shouldStop: () => context.control.stop !== null,
    yieldEveryBatches: 1,
    resume,
  });
  return {
    stopped: result.stopped,
    model: result.model,
    result: {
      baseModel: config.baseModel,
      testAccuracy: result.testAccuracy,
      confusion: result.confusion,
      classNames: classes.map((c) => (info.dataset === "fashion-mnist" ? FASHION_CLASS_NAMES[c]! : String(c))),
      trainImages: train.count,
      durationMs: Math.round(result.durationMs),
      checkpointMs: Math.round(recorder.spentMs()),
      resumedAfterEpoch: resume?.afterEpoch ?? null,
    },
  };
}

/**
 * Trains the run this worker has claimed and records how it ended. Returns what the worker must do
 * next: nothing, or (after a shutdown stop) put the run back on the queue.
 */
export async function executeRun(context: RunContext): Promise<"done" | "release"> {
  const { runId, workerId } = context;
  let model: tf.LayersModel | null = null;
  try {
    const run = await db.trainingRun.findUniqueOrThrow({ where: { id: runId }, select: { config: true } });
    const request = trainingRunRequest.parse(run.config);
    await recordEnvironment({ runId, workerId, backend: context.backend.backend, device: context.backend.device, versions: context.backend.versions });
    const { checkpointStep, checkpoint } = await discardAfterCheckpoint(runId, workerId);
    const outcome =
      request.kind === "experiment"
        ? await trainExperiment(context, request.config, checkpointStep)
        : request.kind === "sweep"
          ? await trainSweep(context, request.config, checkpointStep, checkpoint)
          : await trainPretrain(context, request.config, checkpointStep);
    model = outcome.model;
    const stop = context.control.stop;
    if (stop === "lost") return "done";
    if (stop === "shutdown") return "release";
    let finished: RunOutcome;
    if (stop === "cancel" || outcome.stopped) {
      finished = { status: "CANCELLED", result: { ...outcome.result, stopped: true } as never };
    } else {
      const artifactBytes = model ? await saveModel(context.storageDir, runId, await serializeModel(model)) : null;
      finished = { status: "SUCCEEDED", result: outcome.result as never, artifactBytes };
    }
    await finishRun({ runId, workerId, outcome: finished });
    await pruneCheckpoints(context.storageDir, runId, null);
    return "done";
  } catch (error) {
    if (error instanceof LostClaimError || context.control.stop === "lost") {
      context.log(`run ${runId}: claim lost (declared dead after missed heartbeats); stopped without writing`);
      return "done";
    }
    const message = error instanceof Error ? error.message : String(error);
    context.log(`run ${runId} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    await finishRun({ runId, workerId, outcome: { status: "FAILED", error: message } }).catch((finishError: unknown) => context.log(`run ${runId}: could not record the failure: ${String(finishError)}`));
    return "done";
  } finally {
    model?.dispose();
  }
}
