// `npm run gpu:check`: trains the benchmark model (the lab's CNN from scratch, 28×28, batch 16, as in
// `npm run bench -- training`) on the GPU through @tensorflow/tfjs-node-gpu and on wasm, each in its
// own process, and prints samples/s side by side. Where no GPU backend can start (no NVIDIA driver,
// no CUDA 11.2/cuDNN 8.1, libtensorflow not installed) it says so and why, and exits with code 2.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const shape = ["28", "valid", "5", "2048", "16", "2"];

type Line = { samplesPerSecond: number; backend: string; device: string };

function measure(choice: string): Line | { error: string } {
  const run = spawnSync(process.execPath, ["--import", "tsx", "bench/_training-throughput.ts", ...shape, choice], { cwd: root, encoding: "utf8" });
  const last = run.stdout.trim().split("\n").at(-1) ?? "";
  if (run.status === 0 && last.startsWith("{")) return JSON.parse(last) as Line;
  const reason = /Error: No TensorFlow.js backend could start: (.*)/.exec(run.stderr)?.[1] ?? run.stderr.trim().split("\n").at(-1) ?? `exit ${run.status}`;
  return { error: reason.slice(0, 400) };
}

console.log("Training the benchmark model (lab CNN, 28×28, from scratch, batch 16, 2,048 random images, 2 epochs after a warm-up epoch)…");
const gpu = measure("tensorflow-gpu");
const wasm = measure("wasm");
const row = (name: string, result: Line | { error: string }) => ("error" in result ? `${name}: could not run (${result.error})` : `${name}: ${result.samplesPerSecond.toFixed(0)} samples/s on ${result.device}`);
console.log(row("GPU (tfjs-node-gpu)", gpu));
console.log(row("wasm (one thread)", wasm));
if ("error" in gpu) {
  console.log("\nNo GPU training here: the tensorflow-gpu backend did not start (reason above). See docs/operations.md, \"A GPU worker in a container\".");
  process.exit(2);
}
if (!("error" in wasm)) console.log(`GPU / wasm: ${(gpu.samplesPerSecond / wasm.samplesPerSecond).toFixed(1)}×`);
