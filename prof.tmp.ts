import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { registerWasmTrainingKernels } from "./lib/ml/wasm-kernels";
import { Adam } from "./lib/ml/adam";
import { buildBase, createHead, withHead } from "./lib/ml/model";
await tf.setBackend("wasm"); registerWasmTrainingKernels(); await tf.ready();
const size = Number(process.argv[2]); const padding = process.argv[3] as "same";
const model = withHead(buildBase({ inputWidth: size, inputHeight: size, filters: [16, 32], kernelSize: 3, padding }, 1), createHead(5));
const vars = model.trainableWeights.map((w) => w.read() as tf.Variable); const opt = new Adam(vars, { learningRate: 0.001 });
const xb = tf.randomUniform([16, size, size, 1]); const yb = tf.oneHot(tf.tensor1d(Array.from({length:16},(_, i)=>i%5), "int32"), 5).toFloat();
const step = () => { const { value, grads } = tf.variableGrads(() => tf.metrics.categoricalCrossentropy(yb, model.apply(xb, { training: true }) as tf.Tensor).mean() as tf.Scalar, vars); opt.apply(vars.map((v) => grads[v.name]!)); tf.dispose([value, ...Object.values(grads)]); };
for (let i = 0; i < 20; i++) step();
const c0 = process.cpuUsage(); for (let i = 0; i < 100; i++) step(); const c = process.cpuUsage(c0);
console.log("step cpu ms", ((c.user + c.system) / 1000 / 100).toFixed(3));
const kernels: { name: string; kernelTimeMs: number }[] = []; for (let r = 0; r < 20; r++) { const p = await tf.profile(() => { step(); }); kernels.push(...(p.kernels as never[])); } const prof = { kernels };
const byKernel = new Map<string, [number, number]>();
for (const k of prof.kernels) { const e = byKernel.get(k.name) ?? [0, 0]; byKernel.set(k.name, [e[0] + 1, e[1] + (k.kernelTimeMs as number)]); }
console.log("kernels/20", prof.kernels.length / 20, "kernel ms", prof.kernels.reduce((s, k) => s + (k.kernelTimeMs as number), 0).toFixed(2));
console.log([...byKernel].sort((a, b) => b[1][1] - a[1][1]).map(([k, [n, t]]) => `${k}×${n} ${(t / 20).toFixed(2)}`).join(", "));
