// One side of the PyTorch comparison in `npm run bench -- training`: the lab's CNN built by
// lib/ml/model.ts, trained from scratch by lib/ml/train.ts on the wasm backend (one thread, as in the
// worker) on random images, after one warm-up epoch. bench/_torch-reference.py is the other side.
// Prints one JSON line: {"samplesPerSecond": …, "samplesPerCpuSecond": …} (per CPU-second: this
// process's own CPU time, less sensitive to other work on the machine).
// Usage: node --import tsx bench/_training-throughput.ts SIZE PADDING CLASSES EXAMPLES BATCH EPOCHS [BACKEND]
// BACKEND is one of the worker's choices (tensorflow-gpu, tensorflow, wasm, cpu; default wasm),
// started as the worker starts it; the line then also names the device.
import * as tf from "@tensorflow/tfjs";
import { buildBase, createHead, withHead } from "../lib/ml/model";
import { createRandom } from "../lib/ml/random";
import { train } from "../lib/ml/train";
import { BACKEND_CHOICES, startTrainingBackend, type BackendChoice } from "../server/training/backend";

const [size, padding, classes, examples, batchSize, epochs] = [Number(process.argv[2]), process.argv[3] as "valid" | "same", Number(process.argv[4]), Number(process.argv[5]), Number(process.argv[6]), Number(process.argv[7])];
const choice = (process.argv[8] ?? "wasm") as BackendChoice;
if (!BACKEND_CHOICES.includes(choice)) throw new Error(`Unknown backend ${choice}; one of ${BACKEND_CHOICES.join(", ")}.`);
const backendInfo = await startTrainingBackend(choice);

const random = createRandom(1);
const model = withHead(buildBase({ inputWidth: size, inputHeight: size, filters: [16, 32], kernelSize: 3, padding }, 1), createHead(classes));
const x = tf.randomUniform([examples, size, size, 1], 0, 1, "float32", 1);
const labels = Int32Array.from({ length: examples }, () => Math.floor(random() * classes));
// One batch of validation per epoch: the loop always validates, this keeps it out of the figure.
const val = { x: x.slice(0, batchSize), labels: labels.slice(0, batchSize), classes };
const data = { train: { x, labels, classes }, val };
const options = { batchSize, learningRate: 0.001, seed: 1, yieldEveryBatches: 1 };
await train(model, data, { ...options, epochs: 1 });
const started = performance.now();
const cpuStarted = process.cpuUsage();
const result = await train(model, data, { ...options, epochs });
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
console.log(JSON.stringify({ samplesPerSecond: result.samplesSeen / elapsed, samplesPerCpuSecond: result.samplesSeen / ((cpu.user + cpu.system) / 1e6), backend: tf.getBackend(), device: backendInfo.device }));
