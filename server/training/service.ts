import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { datasetIndex, type DatasetIndex } from "@/lib/ml/datasets";
import { examplesPerClassCount } from "@/lib/ml/config";
import { findLabPreset } from "@/lib/ml/presets";
import { plannedEpochs, sweepMembers, trainingRunRequest, type TrainingRunRequest } from "@/lib/ml/run-kinds";
import { BASE_MODELS, requireLabTask } from "@/lib/ml/tasks";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { DomainError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { publish, watch } from "../realtime/pubsub";
import { getTrainingEnv } from "./env";
import { createBoss, enqueueTrainingRun, ensureTrainingQueue } from "./queue";
import { readModel } from "./storage";
import { CANCEL_CHANNEL, reapStaleRuns, runChannel } from "./store";

type Viewer = Pick<AuthUser, "id" | "role">;

const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);
/** Images per class in the full Fashion-MNIST training set (what "full" pretraining reads). */
const FASHION_TRAIN_PER_CLASS = 6000;

// One pg-boss client per web process, started on first use, to put runs on the queue.
const globalForBoss = globalThis as unknown as { learnloopTrainingBoss?: Promise<PgBoss> };
function queue(): Promise<PgBoss> {
  globalForBoss.learnloopTrainingBoss ??= (async () => {
    const boss = createBoss(getTrainingEnv().DATABASE_URL);
    boss.on("error", (error: Error) => console.error("[training] queue error:", error.message));
    await boss.start();
    await ensureTrainingQueue(boss);
    return boss;
  })();
  globalForBoss.learnloopTrainingBoss.catch(() => (globalForBoss.learnloopTrainingBoss = undefined));
  return globalForBoss.learnloopTrainingBoss;
}

let datasetIndexCache: DatasetIndex | null = null;
function shippedDatasets(): DatasetIndex {
  datasetIndexCache ??= datasetIndex.parse(JSON.parse(readFileSync(path.join(process.cwd(), "public", "datasets", "index.json"), "utf8")));
  return datasetIndexCache;
}

/** How many training examples a run trains on (for a sweep, its largest member). */
export function trainExamplesOf(request: TrainingRunRequest): number {
  const index = shippedDatasets();
  const forConfig = (taskId: Parameters<typeof requireLabTask>[0], examplesPerClass: Parameters<typeof examplesPerClassCount>[0]) => {
    const task = requireLabTask(taskId);
    const perClass = index.datasets[task.dataset]!.splits.train.perClass;
    return task.targetClasses.reduce((sum, c) => sum + Math.min(perClass[c] ?? 0, examplesPerClassCount(examplesPerClass)), 0);
  };
  if (request.kind === "experiment") return forConfig(request.config.taskId, request.config.examplesPerClass);
  if (request.kind === "sweep") return Math.max(...sweepMembers(request.config).map((member) => forConfig(member.config.taskId, member.config.examplesPerClass)));
  const base = BASE_MODELS[request.config.baseModel];
  if (request.config.data === "full") return base.sourceClasses.length * FASHION_TRAIN_PER_CLASS;
  const perClass = index.datasets[base.dataset]!.splits.train.perClass;
  return base.sourceClasses.reduce((sum, c) => sum + (perClass[c] ?? 0), 0);
}

const runSelect = {
  id: true,
  userId: true,
  kind: true,
  status: true,
  config: true,
  totalEpochs: true,
  trainExamples: true,
  attempts: true,
  cancelRequested: true,
  checkpointStep: true,
  backend: true,
  device: true,
  versions: true,
  result: true,
  error: true,
  artifactBytes: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  user: { select: { name: true } },
  _count: { select: { metrics: true } },
} satisfies Prisma.TrainingRunSelect;

type RunRow = Prisma.TrainingRunGetPayload<{ select: typeof runSelect }>;

function toRun(row: RunRow) {
  const { _count, user, config, ...rest } = row;
  const request = trainingRunRequest.safeParse(config);
  return { ...rest, request: request.success ? request.data : null, ownerName: user.name, epochsDone: _count.metrics };
}
export type TrainingRunView = ReturnType<typeof toRun>;

const metricSelect = { step: true, member: true, epoch: true, loss: true, accuracy: true, valLoss: true, valAccuracy: true, elapsedMs: true } satisfies Prisma.TrainingMetricSelect;

/** The run, if the viewer may see it: their own, or any for admins. */
function visibleTo(viewer: Viewer, runId: string): Prisma.TrainingRunWhereInput {
  return viewer.role === "ADMIN" ? { id: runId } : { id: runId, userId: viewer.id };
}

// Web nodes reap stale runs too (throttled), so a run whose worker died is requeued or failed even
// while no worker is polling: nothing shows "running" past the expiry.
let lastReap = 0;
async function reapIfDue(): Promise<void> {
  const env = getTrainingEnv();
  if (Date.now() - lastReap < env.TRAINING_HEARTBEAT_SECONDS * 1000) return;
  lastReap = Date.now();
  const requeued = await reapStaleRuns({ expirySeconds: env.TRAINING_EXPIRY_SECONDS, maxAttempts: env.TRAINING_MAX_ATTEMPTS });
  if (requeued.length) {
    const boss = await queue();
    for (const runId of requeued) await enqueueTrainingRun(boss, runId);
  }
}

/**
 * Queues a run after the per-learner quotas: runs queued or running at once, epochs per run, and
 * training examples per run. The quota check and the insert run under a per-learner lock, so two
 * simultaneous starts cannot both slip under the limit.
 */
export async function startRun(options: { userId: string; request: TrainingRunRequest }) {
  const { userId, request } = options;
  const env = getTrainingEnv();
  if (request.kind === "experiment" && request.presetId && !findLabPreset(request.presetId)) throw new DomainError("BAD_REQUEST", "That lab preset does not exist.");
  if (request.kind === "pretrain" && request.config.data === "full" && BASE_MODELS[request.config.baseModel].dataset !== "fashion-mnist") {
    throw new DomainError("BAD_REQUEST", "Only the Fashion-MNIST base has more training data than the lab ships; pretrain the digits base on the shipped data.");
  }
  const totalEpochs = plannedEpochs(request);
  if (totalEpochs > env.TRAINING_MAX_EPOCHS) {
    throw new DomainError("BAD_REQUEST", `This run would train ${totalEpochs.toLocaleString("en")} epochs in all; the limit per run is ${env.TRAINING_MAX_EPOCHS.toLocaleString("en")}. Use fewer epochs${request.kind === "sweep" ? ", seeds or sizes" : ""}.`);
  }
  const trainExamples = trainExamplesOf(request);
  if (trainExamples > env.TRAINING_MAX_EXAMPLES) {
    throw new DomainError("BAD_REQUEST", `This run would train on ${trainExamples.toLocaleString("en")} examples; the limit per run is ${env.TRAINING_MAX_EXAMPLES.toLocaleString("en")}.`);
  }
  const run = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"training:" + userId}))`;
    const active = await tx.trainingRun.count({ where: { userId, status: { in: ["QUEUED", "RUNNING"] } } });
    if (active >= env.TRAINING_MAX_CONCURRENT_RUNS) {
      throw new DomainError(
        "TOO_MANY_REQUESTS",
        `You already have ${active} training ${active === 1 ? "run" : "runs"} queued or running; the limit is ${env.TRAINING_MAX_CONCURRENT_RUNS}. Wait for one to finish, or cancel one.`,
      );
    }
    return tx.trainingRun.create({
      data: { userId, kind: request.kind === "experiment" ? "EXPERIMENT" : request.kind === "sweep" ? "SWEEP" : "PRETRAIN", config: request as Prisma.InputJsonValue, totalEpochs, trainExamples },
      select: runSelect,
    });
  });
  try {
    await enqueueTrainingRun(await queue(), run.id);
  } catch (error) {
    await db.trainingRun.update({ where: { id: run.id }, data: { status: "FAILED", error: "The run could not be queued.", finishedAt: new Date() } });
    throw error;
  }
  return toRun(run);
}

export async function getRun(options: { viewer: Viewer; runId: string }) {
  await reapIfDue();
  const row = await db.trainingRun.findFirst({ where: visibleTo(options.viewer, options.runId), select: runSelect });
  if (!row) throw new DomainError("NOT_FOUND", "There is no such training run.");
  const metrics = await db.trainingMetric.findMany({ where: { runId: row.id }, orderBy: { step: "asc" }, select: metricSelect });
  return { ...toRun(row), metrics };
}

/** The viewer's runs, newest first ("all": every learner's, for admins), with experiments' curves. */
export async function listRuns(options: { viewer: Viewer; scope: "mine" | "all"; limit: number }) {
  if (options.scope === "all" && options.viewer.role !== "ADMIN") throw new DomainError("FORBIDDEN", "Only admins can list everyone's training runs.");
  await reapIfDue();
  const rows = await db.trainingRun.findMany({
    where: options.scope === "all" ? {} : { userId: options.viewer.id },
    orderBy: { createdAt: "desc" },
    take: options.limit,
    select: { ...runSelect, metrics: { where: { member: null }, orderBy: { step: "asc" }, select: metricSelect, take: 200 } },
  });
  return rows.map(({ metrics, ...row }) => ({ ...toRun(row), metrics: row.kind === "SWEEP" ? [] : metrics }));
}

/** Cancels a queued run at once; asks the worker to stop a running one (before its next batch). */
export async function cancelRun(options: { viewer: Viewer; runId: string }) {
  const where = visibleTo(options.viewer, options.runId);
  const run = await db.trainingRun.findFirst({ where, select: { id: true, status: true } });
  if (!run) throw new DomainError("NOT_FOUND", "There is no such training run.");
  if (TERMINAL.has(run.status)) throw new DomainError("CONFLICT", "This run has already ended.");
  const cancelledQueued = await db.trainingRun.updateMany({ where: { id: run.id, status: "QUEUED" }, data: { status: "CANCELLED", cancelRequested: true, finishedAt: new Date() } });
  if (cancelledQueued.count === 1) {
    await publish(runChannel(run.id), { status: "CANCELLED" });
    return { status: "CANCELLED" as const };
  }
  await db.$transaction(async (tx) => {
    const updated = await tx.trainingRun.updateMany({ where: { id: run.id, status: "RUNNING" }, data: { cancelRequested: true } });
    if (updated.count === 1) await publish(CANCEL_CHANNEL, { runId: run.id }, tx);
  });
  return { status: "CANCELLING" as const };
}

export type ProgressEvent =
  | { type: "epoch"; step: number; member: string | null; epoch: number; loss: number; accuracy: number; valLoss: number; valAccuracy: number; elapsedMs: number }
  | { type: "status"; run: TrainingRunView };

/**
 * The run's epochs so far, then each new one as workers write it, with its status whenever it
 * changes; ends when the run does. `afterStep` skips what a reconnecting client already has.
 */
export async function* watchProgress(options: { viewer: Viewer; runId: string; afterStep: number; signal?: AbortSignal }): AsyncGenerator<ProgressEvent> {
  const where = visibleTo(options.viewer, options.runId);
  if (!(await db.trainingRun.findFirst({ where, select: { id: true } }))) throw new DomainError("NOT_FOUND", "There is no such training run.");
  let cursor = options.afterStep;
  let lastStatus: string | null = null;
  const updates = watch(runChannel(options.runId), options.signal, async () => {
    // Status first: once it reads as ended, every epoch was committed before it.
    const row = await db.trainingRun.findFirst({ where, select: runSelect });
    if (!row) return undefined;
    const epochs = await db.trainingMetric.findMany({ where: { runId: row.id, step: { gt: cursor } }, orderBy: { step: "asc" }, select: metricSelect });
    return { run: toRun(row), epochs };
  });
  for await (const update of updates) {
    for (const epoch of update.epochs) {
      cursor = epoch.step;
      yield { type: "epoch", ...epoch };
    }
    if (update.run.status !== lastStatus || update.epochs.length) {
      lastStatus = update.run.status;
      yield { type: "status", run: update.run };
    }
    if (TERMINAL.has(update.run.status)) return;
  }
}

/** The trained model's files, for the run's owner and admins. */
export async function readArtifact(options: { viewer: Viewer; runId: string }) {
  const run = await db.trainingRun.findFirst({ where: visibleTo(options.viewer, options.runId), select: { id: true, status: true, artifactBytes: true } });
  if (!run) throw new DomainError("NOT_FOUND", "There is no such training run.");
  if (run.status !== "SUCCEEDED" || run.artifactBytes === null) throw new DomainError("NOT_FOUND", "This run has no trained model (only finished experiments and pretraining runs have one).");
  const files = await readModel(getTrainingEnv().storageDir, run.id);
  if (!files) throw new DomainError("NOT_FOUND", "This run's model files are missing from the storage directory.");
  return { modelJson: files.modelJson, weightsBase64: Buffer.from(files.weights).toString("base64") };
}
export { createBoss } from "./queue";
