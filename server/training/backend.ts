// The worker's TensorFlow.js backend, chosen at start: tfjs-node-gpu (libtensorflow with CUDA) →
// tfjs-node (libtensorflow on the CPU) → wasm → cpu, each tried in turn; what ran, on what device
// and with which versions is recorded with every run. tfjs-node(-gpu) download libtensorflow at
// install time and are optional: where they are missing the worker falls back to wasm (with the
// lab's Conv2DBackpropFilter kernel, lib/ml/wasm-kernels.ts), then to plain JavaScript.
import os from "node:os";
import { createRequire } from "node:module";
import * as tf from "@tensorflow/tfjs";
import { registerWasmTrainingKernels } from "@/lib/ml/wasm-kernels";

export const BACKEND_CHOICES = ["tensorflow-gpu", "tensorflow", "wasm", "cpu"] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export type BackendInfo = {
  choice: BackendChoice;
  /** The TensorFlow.js backend name: "tensorflow", "wasm" or "cpu". */
  backend: string;
  device: string;
  versions: Record<string, string>;
  attempts: { choice: BackendChoice; error?: string }[];
};

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

function cpuDevice(): string {
  const cpus = os.cpus();
  return `CPU: ${cpus[0]?.model.trim() ?? "unknown"} × ${cpus.length}`;
}

async function tryChoice(choice: BackendChoice): Promise<Omit<BackendInfo, "attempts">> {
  const versions: Record<string, string> = { tfjs: tf.version.tfjs, node: process.versions.node };
  if (choice === "tensorflow-gpu" || choice === "tensorflow") {
    const name = choice === "tensorflow-gpu" ? "@tensorflow/tfjs-node-gpu" : "@tensorflow/tfjs-node";
    // A variable, not a literal: the packages are optional and have no types where not installed.
    const binding = (await import(/* webpackIgnore: true */ name)) as { version?: Record<string, string> };
    if (!(await tf.setBackend("tensorflow"))) throw new Error("the tensorflow backend did not initialise");
    await tf.ready();
    const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
    if (choice === "tensorflow-gpu" && backend.isUsingGpuDevice === false) throw new Error("libtensorflow found no CUDA GPU");
    versions[name] = packageVersion(name);
    if (binding.version?.["tfjs-node"]) versions.libtensorflow = binding.version["tfjs-node"];
    return { choice, backend: "tensorflow", device: backend.isUsingGpuDevice ? "GPU (CUDA, libtensorflow)" : `${cpuDevice()} (libtensorflow)`, versions };
  }
  if (choice === "wasm") {
    await import("@tensorflow/tfjs-backend-wasm");
    registerWasmTrainingKernels();
    versions["@tensorflow/tfjs-backend-wasm"] = packageVersion("@tensorflow/tfjs-backend-wasm");
  }
  if (!(await tf.setBackend(choice))) throw new Error(`the ${choice} backend did not initialise`);
  await tf.ready();
  // A backend can initialise and still fail on first use: try one small convolution.
  tf.tidy(() => tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, tf.ones([3, 3, 1, 1]) as tf.Tensor4D, 1, "valid").dataSync());
  return { choice, backend: tf.getBackend(), device: `${cpuDevice()}${choice === "wasm" ? " (WebAssembly, one thread)" : " (JavaScript)"}`, versions };
}

/** Starts the first backend that works, in order (or only `preferred`); throws when none does. */
export async function startTrainingBackend(preferred?: BackendChoice): Promise<BackendInfo> {
  const order = preferred ? [preferred] : [...BACKEND_CHOICES];
  const attempts: BackendInfo["attempts"] = [];
  for (const choice of order) {
    try {
      const info = await tryChoice(choice);
      attempts.push({ choice });
      return { ...info, attempts };
    } catch (error) {
      attempts.push({ choice, error: (error as Error).message.split("\n")[0] });
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${attempts.map((a) => `${a.choice}: ${a.error}`).join("; ")}`);
}
