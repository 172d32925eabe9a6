/// <reference lib="webworker" />
// The lab's training worker: TensorFlow.js runs here so the page stays responsive. Backends are
// tried in the order the page asks (WebGL, then wasm, then cpu by default); the one that starts is
// reported back and recorded with every run.
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { datasetIndex, type DatasetIndex } from "@/lib/ml/datasets";
import { prepareTaskData, runExperiment, taskFiles, type TaskData } from "@/lib/ml/experiment";
import { evaluate } from "@/lib/ml/evaluate";
import { artifactsFromFiles, loadModel } from "@/lib/ml/model-io";
import { usesPretrainedWeights } from "@/lib/ml/strategies";
import { requireLabTask, type BaseModelId, type LabTaskId } from "@/lib/ml/tasks";
import { registerWasmTrainingKernels } from "@/lib/ml/wasm-kernels";
import type { BackendAttempt, BackendName, WorkerRequest, WorkerResponse } from "./protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const KEEP_MODELS = 8;

const post = (message: WorkerResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

let ready: Promise<BackendName> | null = null;
let datasetIndexPromise: Promise<DatasetIndex> | null = null;
const fileCache = new Map<string, Promise<Uint8Array>>();
const taskCache = new Map<LabTaskId, Promise<TaskData>>();
const baseCache = new Map<BaseModelId, Promise<tf.io.ModelArtifacts>>();
const models = new Map<string, tf.LayersModel>();
const stopRequested = new Set<string>();
let queue: Promise<unknown> = Promise.resolve();

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${url} (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

function cached<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
    // A failed load is not cached: the next run tries again.
    value.catch(() => cache.delete(key));
  }
  return value;
}

/**
 * The WebGL renderer's name when it is a software rasteriser (SwiftShader, llvmpipe…), which is
 * what headless and GPU-less browsers get: there, measured here, WebGL trained 5–10× slower than
 * wasm, so the automatic choice skips it.
 */
function softwareWebglRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext("webgl2") ?? new OffscreenCanvas(1, 1).getContext("webgl");
    if (!gl) return null;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) ? renderer : null;
  } catch {
    return null;
  }
}

async function startBackend(order: BackendName[], skipSoftwareWebgl: boolean): Promise<BackendName> {
  const attempts: BackendAttempt[] = [];
  for (const name of order) {
    try {
      if (name === "webgl" && skipSoftwareWebgl) {
        const software = softwareWebglRenderer();
        if (software) throw new Error(`software renderer (${software.slice(0, 80)}), slower than WebAssembly`);
      }
      if (name === "wasm") {
        setWasmPaths("/lab/tfjs-wasm/");
        registerWasmTrainingKernels();
      }
      if (!(await tf.setBackend(name))) throw new Error("did not initialise");
      await tf.ready();
      // A backend can initialise and still fail on first use (no WebGL context, say): try one op.
      tf.tidy(() => tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, tf.ones([3, 3, 1, 1]) as tf.Tensor4D, 1, "valid").dataSync());
      attempts.push({ name });
      post({ type: "ready", backend: name, attempts });
      return name;
    } catch (error) {
      attempts.push({ name, error: (error as Error).message });
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${attempts.map((a) => `${a.name}: ${a.error}`).join("; ")}`);
}

function loadDatasetIndex(): Promise<DatasetIndex> {
  datasetIndexPromise ??= fetch("/datasets/index.json")
    .then((response) => {
      if (!response.ok) throw new Error(`Could not load the dataset index (HTTP ${response.status}).`);
      return response.json();
    })
    .then((json) => datasetIndex.parse(json));
  datasetIndexPromise.catch(() => (datasetIndexPromise = null));
  return datasetIndexPromise;
}

function loadTask(taskId: LabTaskId): Promise<TaskData> {
  return cached(taskCache, taskId, async () => {
    const task = requireLabTask(taskId);
    const info = (await loadDatasetIndex()).datasets[task.dataset];
    if (!info) throw new Error(`The dataset ${task.dataset} is not installed.`);
    const paths = taskFiles(task, info);
    const bytes = await Promise.all(paths.map((path) => cached(fileCache, path, () => fetchBytes(`/datasets/${path}`))));
    const byPath = new Map(paths.map((path, i) => [path, bytes[i]!]));
    return prepareTaskData(task, info, (path) => byPath.get(path)!);
  });
}

function loadBase(id: BaseModelId): Promise<tf.io.ModelArtifacts> {
  return cached(baseCache, id, async () => {
    const [json, weights] = await Promise.all([
      fetch(`/models/${id}/model.json`).then((response) => {
        if (!response.ok) throw new Error(`Could not load the pretrained model ${id} (HTTP ${response.status}).`);
        return response.text();
      }),
      fetchBytes(`/models/${id}/weights.bin`),
    ]);
    return artifactsFromFiles(json, weights);
  });
}

function keepModel(runId: string, model: tf.LayersModel) {
  models.set(runId, model);
  while (models.size > KEEP_MODELS) {
    const [oldest, old] = models.entries().next().value!;
    old.dispose();
    models.delete(oldest);
  }
}

async function run(runId: string, config: Extract<WorkerRequest, { type: "run" }>["config"]) {
  await ready;
  const started = performance.now();
  const task = requireLabTask(config.taskId);
  post({ type: "status", runId, message: "Loading the data and the pretrained base…" });
  const [data, pretrained] = await Promise.all([loadTask(task.id), usesPretrainedWeights(config.strategy) ? loadBase(task.baseModel) : Promise.resolve(null)]);
  const loadMs = performance.now() - started;
  if (stopRequested.has(runId)) {
    stopRequested.delete(runId);
    throw new Error("Stopped before training started.");
  }
  post({ type: "status", runId, message: `Training on ${tf.getBackend()}…` });
  const { model, result } = await runExperiment({
    config,
    data,
    pretrained,
    onEpochEnd: async (metrics) => {
      post({ type: "epoch", runId, metrics });
      // Let a "stop" message in between epochs even when an epoch is a single batch.
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    shouldStop: () => stopRequested.has(runId),
  });
  stopRequested.delete(runId);
  keepModel(runId, model);
  post({ type: "done", runId, result, loadMs, classNames: data.classNames });
}

async function predict(request: Extract<WorkerRequest, { type: "predict" }>) {
  const model = models.get(request.runId);
  if (!model) throw new Error("That run's model is no longer in memory; train it again to try it.");
  const [, height, width] = model.inputs[0]!.shape as [null, number, number, number];
  const probabilities = tf.tidy(() => model.predict(tf.tensor4d(request.images, [request.count, height, width, 1])) as tf.Tensor);
  const values = (await probabilities.data()) as Float32Array;
  probabilities.dispose();
  post({ type: "prediction", requestId: request.requestId, probabilities: values }, [values.buffer]);
}

/** Loads a server-trained model and evaluates it on the same test set the server used. */
async function evaluateModel(request: Extract<WorkerRequest, { type: "evaluateModel" }>) {
  const backend = await ready;
  if (!backend) throw new Error("TensorFlow.js has not started.");
  const [data, model] = await Promise.all([loadTask(request.taskId), loadModel(artifactsFromFiles(request.modelJson, request.weights))]);
  const test = tf.tensor4d(data.test.images, [data.test.count, data.test.height, data.test.width, 1]);
  try {
    const evaluation = await evaluate(model, test, data.test.labels, data.classNames.length);
    keepModel(request.runId, model);
    post({ type: "evaluation", runId: request.runId, accuracy: evaluation.accuracy, confusion: evaluation.confusion, testImages: data.test.count, backend });
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    test.dispose();
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  switch (request.type) {
    case "init":
      ready = startBackend(request.backends, request.skipSoftwareWebgl);
      ready.catch((error: Error) => post({ type: "error", message: error.message }));
      return;
    case "stop":
      stopRequested.add(request.runId);
      return;
    case "run":
      // One run at a time: a second one queues behind the first (the "run all three" button).
      queue = queue.then(() => run(request.runId, request.config).catch((error: Error) => post({ type: "error", runId: request.runId, message: error.message })));
      return;
    case "testImages":
      loadTask(request.taskId)
        .then((data) => post({ type: "testImages", taskId: request.taskId, set: data.test, classNames: data.classNames }))
        .catch((error: Error) => post({ type: "error", message: error.message }));
      return;
    case "predict":
      predict(request).catch((error: Error) => post({ type: "error", message: error.message }));
      return;
    case "evaluateModel":
      queue = queue.then(() => evaluateModel(request).catch((error: Error) => post({ type: "evaluationError", runId: request.runId, message: error.message })));
      return;
  }
};

export {};
