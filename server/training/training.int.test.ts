// Server training end to end: the real database, real worker processes (`npm run worker`'s entry,
// spawned as children) training with lib/ml, the tRPC procedures a browser calls.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetIndex } from "@/lib/ml/datasets";
import { evaluate } from "@/lib/ml/evaluate";
import { prepareTaskData } from "@/lib/ml/experiment";
import { artifactsFromFiles } from "@/lib/ml/model-io";
import { requireLabTask } from "@/lib/ml/tasks";
import type { TrainingRunRequest } from "@/lib/ml/run-kinds";
import { db } from "../db";
import { createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import { createBoss, enqueueTrainingRun, ensureTrainingQueue } from "./queue";
import { reapStaleRuns } from "./store";

const root = path.resolve(import.meta.dirname, "../..");
const storageDir = mkdtempSync(path.join(os.tmpdir(), "learnloop-training-test-"));
// Read lazily by the service (getTrainingEnv) and passed on to the worker processes.
Object.assign(process.env, {
  STORAGE_DIR: storageDir,
  TRAINING_BACKEND: "wasm",
  TRAINING_HEARTBEAT_SECONDS: "0.5",
  // Short for the test, yet long enough that a busy machine's slow epoch is not mistaken for a dead worker.
  TRAINING_EXPIRY_SECONDS: "5",
  TRAINING_MAX_CONCURRENT_RUNS: "2",
  TRAINING_MAX_EPOCHS: "300",
  TRAINING_MAX_EXAMPLES: "1000",
  // No Debian dataset cache for the workers: a "full" pretraining run must fail, saying why.
  LEARNLOOP_DATASET_CACHE: path.join(storageDir, "no-dataset-cache"),
});

type Worker = { child: ChildProcess; output: string[]; exited: Promise<number | null> };
const workers: Worker[] = [];

async function startWorker(): Promise<Worker> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/training/worker.ts"], { cwd: root, env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const worker: Worker = { child, output, exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))) };
  workers.push(worker);
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(...chunk.toString().split("\n").filter(Boolean));
      if (output.some((line) => line.includes("[worker] ready"))) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output.join("\n")}`)));
  });
  return worker;
}

async function stopWorker(worker: Worker, signal: NodeJS.Signals = "SIGTERM") {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill(signal);
  await worker.exited;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const runState = (runId: string) => db.trainingRun.findUniqueOrThrow({ where: { id: runId }, include: { metrics: { orderBy: { step: "asc" } } } });

function experiment(overrides: Partial<Extract<TrainingRunRequest, { kind: "experiment" }>["config"]> = {}): TrainingRunRequest {
  return {
    kind: "experiment",
    presetId: "transfer-digits",
    config: { taskId: "digits-5-9", strategy: "from-scratch", examplesPerClass: 10, learningRate: 0.01, epochs: 4, batchSize: 16, unfreezeLastLayers: 0, seed: 3, ...overrides },
  };
}
// Long enough to interrupt: every digit 5–9 (≈450 images), many epochs.
const longRun = (epochs = 60) => experiment({ examplesPerClass: "all", batchSize: 16, epochs });

type ProgressData = { type: "epoch"; step: number } | { type: "status"; run: { status: string } };
/** The caller yields tracked events as [id, data] envelopes (SSE sends them as id + data). */
async function* progressOf(iterable: AsyncIterable<unknown>): AsyncGenerator<ProgressData> {
  for await (const envelope of iterable) yield (envelope as [string, ProgressData])[1];
}

let worker: Worker;

beforeAll(async () => {
  worker = await startWorker();
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => stopWorker(w)));
  rmSync(storageDir, { recursive: true, force: true });
});

describe("server training runs", () => {
  it("trains a queued run, streams its epochs in order, and serves a model that loads in TF.js", async () => {
    const learner = await createTestUser();
    const caller = createCaller(createContextFor(learner));
    const started = await caller.training.start(experiment());
    expect(started.status).toBe("QUEUED");
    const events: { type: string; step?: number; status?: string }[] = [];
    for await (const event of progressOf(await caller.training.onProgress({ runId: started.id }))) {
      events.push(event.type === "epoch" ? { type: "epoch", step: event.step } : { type: "status", status: event.run.status });
      if (event.type === "status" && ["SUCCEEDED", "FAILED", "CANCELLED"].includes(event.run.status)) break;
    }
    expect(events.filter((e) => e.type === "epoch").map((e) => e.step)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)).toEqual({ type: "status", status: "SUCCEEDED" });

    const run = await caller.training.get({ runId: started.id });
    expect(run.metrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(run).toMatchObject({ backend: "wasm", attempts: 1, epochsDone: 4 });
    expect(run.device).toMatch(/CPU/);
    expect(run.versions).toMatchObject({ tfjs: tf.version.tfjs });
    const result = run.result as { testAccuracy: number; trainExamples: number };
    expect(result.trainExamples).toBe(50);

    // A late subscriber gets the whole history, then the end.
    const late: number[] = [];
    for await (const event of progressOf(await caller.training.onProgress({ runId: started.id }))) {
      if (event.type === "epoch") late.push(event.step);
    }
    expect(late).toEqual([1, 2, 3, 4]);

    // The artifact loads in TF.js and predicts the test set with the accuracy the worker measured.
    const artifact = await caller.training.artifact({ runId: started.id });
    const model = await tf.loadLayersModel(tf.io.fromMemory(artifactsFromFiles(artifact.modelJson, Buffer.from(artifact.weightsBase64, "base64"))));
    const task = requireLabTask("digits-5-9");
    const index = datasetIndex.parse(JSON.parse(readFileSync(path.join(root, "public/datasets/index.json"), "utf8")));
    const data = prepareTaskData(task, index.datasets.digits!, (file) => new Uint8Array(readFileSync(path.join(root, "public/datasets", file))));
    const x = tf.tensor4d(data.test.images, [data.test.count, 8, 8, 1]);
    const evaluation = await evaluate(model, x, data.test.labels, 5);
    tf.dispose([x]);
    model.dispose();
    expect(Math.abs(evaluation.accuracy - result.testAccuracy)).toBeLessThanOrEqual(1 / data.test.count + 1e-9);
    expect(evaluation.accuracy).toBeGreaterThan(0.4);

    // XP once, in the transaction that finished the run.
    const xp = await db.xpEvent.findMany({ where: { userId: learner.id, source: "training-run" } });
    expect(xp).toMatchObject([{ sourceId: started.id, amount: 25, meta: { runId: started.id, kind: "experiment" } }]);
  });

  it("runs a sweep into the learning-curve table, and pretrains a base model the lab can load", async () => {
    const caller = createCaller(createContextFor(await createTestUser()));
    const sweep = await caller.training.start({
      kind: "sweep",
      config: { taskId: "digits-5-9", strategies: ["feature-extraction", "from-scratch"], examplesPerClass: [1, 10], seeds: [1], learningRate: 0.005, epochs: 2, batchSize: 16, unfreezeLastLayers: 0 },
    });
    const pretrain = await caller.training.start({ kind: "pretrain", config: { baseModel: "digits-cnn", epochs: 2, batchSize: 32, learningRate: 0.003, seed: 7, data: "shipped" } });
    expect(pretrain.trainExamples).toBeGreaterThan(400);
    const swept = await waitFor(() => runState(sweep.id), (r) => r.status === "SUCCEEDED" || r.status === "FAILED", 60_000);
    expect(swept.status).toBe("SUCCEEDED");
    expect(swept.metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(swept.metrics.map((m) => m.member)).toEqual(["feature-extraction 1/class seed 1", "feature-extraction 1/class seed 1", "from-scratch 1/class seed 1", "from-scratch 1/class seed 1", "feature-extraction 10/class seed 1", "feature-extraction 10/class seed 1", "from-scratch 10/class seed 1", "from-scratch 10/class seed 1"]);
    const table = (swept.result as { rows: { strategy: string; examplesPerClass: number; trainExamples: number; testAccuracy: { mean: number } }[] }).rows;
    expect(table.map((row) => [row.strategy, row.examplesPerClass, row.trainExamples])).toEqual([
      ["feature-extraction", 1, 5],
      ["from-scratch", 1, 5],
      ["feature-extraction", 10, 50],
      ["from-scratch", 10, 50],
    ]);
    await expect(caller.training.artifact({ runId: sweep.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const pretrained = await waitFor(() => runState(pretrain.id), (r) => r.status === "SUCCEEDED" || r.status === "FAILED", 60_000);
    expect(pretrained.status).toBe("SUCCEEDED");
    expect(pretrained.metrics.map((m) => m.epoch)).toEqual([1, 2]);
    const artifact = await caller.training.artifact({ runId: pretrain.id });
    const model = await tf.loadLayersModel(tf.io.fromMemory(artifactsFromFiles(artifact.modelJson, Buffer.from(artifact.weightsBase64, "base64"))));
    // The shipped base's shape: the lab's base plus a head for the five source classes.
    expect(model.layers.map((layer) => layer.name)).toEqual(["image", "conv1", "pool1", "conv2", "pool2", "flatten", "source-head"]);
    expect(model.outputs[0]!.shape).toEqual([null, 5]);
    model.dispose();
  }, 90_000);

  it("keeps runs and models to their owner (and admins)", async () => {
    const owner = await createTestUser();
    const other = createCaller(createContextFor(await createTestUser()));
    const admin = createCaller(createContextFor(await createTestUser({ role: "ADMIN" })));
    const run = await createCaller(createContextFor(owner)).training.start(experiment({ epochs: 1 }));
    await waitFor(() => runState(run.id), (r) => r.status === "SUCCEEDED");
    await expect(other.training.get({ runId: run.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.training.artifact({ runId: run.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.training.cancel({ runId: run.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await other.training.list({ scope: "mine", limit: 10 })).toEqual([]);
    await expect(other.training.list({ scope: "all", limit: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await admin.training.get({ runId: run.id })).ownerName).toBe(owner.name);
    expect((await admin.training.artifact({ runId: run.id })).modelJson).toContain("modelTopology");
    expect((await admin.training.list({ scope: "all", limit: 100 })).map((r) => r.id)).toContain(run.id);
    await expect(createCaller(createContextFor(null)).training.list({ scope: "mine", limit: 5 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses runs over the quotas with a sentence that says which", async () => {
    const caller = createCaller(createContextFor(await createTestUser()));
    await expect(caller.training.start(experiment({ taskId: "fashion-5-9", examplesPerClass: "all" }))).rejects.toThrow(/1,500 examples; the limit per run is 1,000/);
    await expect(caller.training.start({ kind: "pretrain", config: { baseModel: "fashion-cnn", epochs: 1, batchSize: 64, learningRate: 0.001, seed: 1, data: "full" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.training.start({ kind: "sweep", config: { taskId: "digits-5-9", strategies: ["feature-extraction", "from-scratch"], examplesPerClass: [1, 5, 10, 50], seeds: [1, 2], learningRate: 0.005, epochs: 20, batchSize: 16, unfreezeLastLayers: 0 } }),
    ).rejects.toThrow(/320 epochs in all; the limit per run is 300/);
    await expect(caller.training.start(experiment({ epochs: 0 }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const first = await caller.training.start(longRun(200));
    const second = await caller.training.start(longRun(200));
    await expect(caller.training.start(experiment())).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/2 training runs queued or running; the limit is 2/) });
    await Promise.all([caller.training.cancel({ runId: first.id }), caller.training.cancel({ runId: second.id })]);
    await waitFor(() => db.trainingRun.count({ where: { id: { in: [first.id, second.id] }, status: "CANCELLED" } }), (n) => n === 2);
    await expect(caller.training.cancel({ runId: first.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("cancels a running run before its next batch", async () => {
    const caller = createCaller(createContextFor(await createTestUser()));
    const run = await caller.training.start(longRun());
    await waitFor(() => runState(run.id), (r) => r.metrics.length >= 2);
    expect(await caller.training.cancel({ runId: run.id })).toEqual({ status: "CANCELLING" });
    const epochsAtCancel = (await runState(run.id)).metrics.length;
    const cancelled = await waitFor(() => runState(run.id), (r) => r.status === "CANCELLED", 10_000);
    // Stopping between batches: at most the epoch in flight when the cancel arrived was recorded.
    expect(cancelled.metrics.length).toBeLessThanOrEqual(epochsAtCancel + 1);
    expect(cancelled.metrics.length).toBeLessThan(60);
    expect(cancelled.result).toMatchObject({ stopped: true });
    expect(await db.xpEvent.count({ where: { sourceId: run.id } })).toBe(0);
    await expect(caller.training.artifact({ runId: run.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("resumes a run from its last checkpoint on a restarted worker after kill -9", async () => {
    const caller = createCaller(createContextFor(await createTestUser()));
    const run = await caller.training.start(longRun(12));
    const before = await waitFor(() => runState(run.id), (r) => r.metrics.length >= 2);
    await stopWorker(worker, "SIGKILL");
    const orphaned = await runState(run.id);
    expect(orphaned.status).toBe("RUNNING");
    const checkpoint = orphaned.checkpointStep;
    expect(checkpoint).toBeGreaterThanOrEqual(before.metrics.length);
    worker = await startWorker();
    const finished = await waitFor(() => runState(run.id), (r) => r.status === "SUCCEEDED" || r.status === "FAILED", 120_000);
    expect(finished.status).toBe("SUCCEEDED");
    expect(finished.attempts).toBe(2);
    expect(finished.metrics.map((m) => m.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(finished.metrics.map((m) => m.epoch)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(finished.result).toMatchObject({ resumedAfterEpoch: expect.any(Number) });
    expect((finished.result as { resumedAfterEpoch: number }).resumedAfterEpoch).toBeGreaterThanOrEqual(checkpoint);
    expect(worker.output.join("\n")).toMatch(new RegExp(`run ${run.id}: its worker stopped responding; requeued`));
  }, 180_000);

  it("fails a run whose workers keep dying once its attempts are used up, saying why", async () => {
    const user = await createTestUser();
    const stale = await db.trainingRun.create({
      data: { userId: user.id, kind: "EXPERIMENT", status: "RUNNING", config: experiment(), totalEpochs: 4, trainExamples: 50, attempts: 3, workerId: "gone", heartbeatAt: new Date(Date.now() - 60_000) },
    });
    expect(await reapStaleRuns({ expirySeconds: 2, maxAttempts: 3 })).not.toContain(stale.id);
    const failed = await runState(stale.id);
    expect(failed).toMatchObject({ status: "FAILED", workerId: null });
    expect(failed.error).toMatch(/stopped responding \(no heartbeat for 2 s\) on each of its 3 attempts/);
  });

  it("records the error of a run that throws", async () => {
    const user = await createTestUser();
    // Past the quotas (inserted directly): the full Fashion-MNIST set is not on the worker's machine.
    const run = await db.trainingRun.create({
      data: { userId: user.id, kind: "PRETRAIN", config: { kind: "pretrain", config: { baseModel: "fashion-cnn", epochs: 1, batchSize: 64, learningRate: 0.001, seed: 1, data: "full" } }, totalEpochs: 1, trainExamples: 30_000 },
    });
    const boss = createBoss(process.env.DATABASE_URL!);
    await boss.start();
    await ensureTrainingQueue(boss);
    await enqueueTrainingRun(boss, run.id);
    const failed = await waitFor(() => runState(run.id), (r) => r.status === "FAILED" || r.status === "SUCCEEDED", 30_000);
    await boss.stop({ graceful: false });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/The full Fashion-MNIST training set is not on this worker's machine/);
    expect(failed.finishedAt).not.toBeNull();
    const caller = createCaller(createContextFor(user));
    await expect(caller.training.start({ kind: "pretrain", config: { baseModel: "digits-cnn", epochs: 1, batchSize: 32, learningRate: 0.003, seed: 1, data: "full" } })).rejects.toThrow(/pretrain the digits base on the shipped data/);
  });

  it("never lets two workers train the same run", async () => {
    const second = await startWorker();
    const caller = createCaller(createContextFor(await createTestUser()));
    const run = await caller.training.start(experiment({ epochs: 3 }));
    // The same run offered again, as a retried or duplicated job would be.
    const boss = createBoss(process.env.DATABASE_URL!);
    await boss.start();
    await ensureTrainingQueue(boss);
    await Promise.all([enqueueTrainingRun(boss, run.id), enqueueTrainingRun(boss, run.id), enqueueTrainingRun(boss, run.id)]);
    const finished = await waitFor(() => runState(run.id), (r) => r.status === "SUCCEEDED");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await boss.stop({ graceful: false });
    const claims = [...worker.output, ...second.output].filter((line) => line.includes(`claimed run ${run.id}`));
    expect(claims).toHaveLength(1);
    expect(finished.attempts).toBe(1);
    expect(finished.metrics.map((m) => m.step)).toEqual([1, 2, 3]);
    await stopWorker(second);
  }, 60_000);
});
