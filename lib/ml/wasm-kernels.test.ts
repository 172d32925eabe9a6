import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Adam } from "./adam";
import { registerWasmTrainingKernels } from "./wasm-kernels";

type Shape4 = [number, number, number, number];
type Case = { name: string; x: Shape4; filter: Shape4; pad: "valid" | "same" };

const cases: Case[] = [
  { name: "28×28, one channel in, valid", x: [3, 28, 28, 1], filter: [3, 3, 1, 16], pad: "valid" },
  { name: "13×13, 16 channels in, valid", x: [2, 13, 13, 16], filter: [3, 3, 16, 32], pad: "valid" },
  { name: "8×8, same padding", x: [4, 8, 8, 1], filter: [3, 3, 1, 16], pad: "same" },
  { name: "4×4, 16 channels, same padding, 5×5 kernel", x: [2, 4, 4, 16], filter: [5, 5, 16, 8], pad: "same" },
];

function gradients(backend: string, c: Case, seed: number) {
  tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.randomNormal(c.x, 0, 1, "float32", seed) as tf.Tensor4D;
    const filter = tf.randomNormal(c.filter, 0, 1, "float32", seed + 1) as tf.Tensor4D;
    const weights = tf.randomNormal([...c.x.slice(0, 3), c.filter[3]!], 0, 1, "float32", seed + 2);
    const loss = (xx: tf.Tensor4D, ff: tf.Tensor4D) => tf.conv2d(xx, ff, 1, c.pad).mul(weights.slice([0, 0, 0, 0], tf.conv2d(xx, ff, 1, c.pad).shape)).sum();
    const [dx, df] = tf.grads(loss as (...args: tf.Tensor[]) => tf.Tensor)([x, filter]);
    return { dx: Array.from(dx!.dataSync()), df: Array.from(df!.dataSync()) };
  });
}

describe("wasm training kernels (registered by the lab)", () => {
  beforeAll(async () => {
    await tf.setBackend("wasm");
    registerWasmTrainingKernels();
  });
  afterAll(async () => {
    await tf.setBackend("cpu");
  });

  for (const c of cases) {
    it(`matches the cpu backend: ${c.name}`, () => {
      const cpu = gradients("cpu", c, 11);
      const wasm = gradients("wasm", c, 11);
      expect(wasm.df).toHaveLength(cpu.df.length);
      const scale = Math.max(...cpu.df.map(Math.abs));
      const worst = Math.max(...wasm.df.map((v, i) => Math.abs(v - cpu.df[i]!)));
      expect(worst / scale).toBeLessThan(1e-4);
      expect(Math.max(...wasm.dx.map((v, i) => Math.abs(v - cpu.dx[i]!)))).toBeLessThan(1e-3);
    });
  }

  const poolCases: { name: string; x: Shape4; size: number; stride: number; pad: "valid" | "same" }[] = [
    { name: "2×2 stride 2 (the lab's), odd input", x: [3, 13, 13, 16], size: 2, stride: 2, pad: "valid" },
    { name: "3×3 stride 2, same padding", x: [2, 9, 9, 4], size: 3, stride: 2, pad: "same" },
    { name: "3×3 stride 1, overlapping windows", x: [2, 6, 6, 3], size: 3, stride: 1, pad: "valid" },
  ];
  for (const c of poolCases) {
    it(`max-pooling gradients match the cpu backend: ${c.name}`, () => {
      const run = (backend: string, rounded: boolean) => {
        tf.setBackend(backend);
        return tf.tidy(() => {
          // Rounded inputs have ties: the gradient goes to the first maximum, as on the cpu backend.
          let x = tf.randomNormal(c.x, 0, 1, "float32", 3);
          if (rounded) x = x.round();
          const weights = tf.randomNormal(tf.maxPool(x as tf.Tensor4D, c.size, c.stride, c.pad).shape, 0, 1, "float32", 4);
          return Array.from(tf.grad((xx) => tf.maxPool(xx as tf.Tensor4D, c.size, c.stride, c.pad).mul(weights).sum())(x).dataSync());
        });
      };
      for (const rounded of [false, true]) {
        const cpu = run("cpu", rounded);
        const wasm = run("wasm", rounded);
        expect(Math.max(...wasm.map((v, i) => Math.abs(v - cpu[i]!)))).toBeLessThan(1e-5);
      }
    });
  }

  it("the fused Adam update on wasm matches the op-by-op update on cpu over several steps", () => {
    const steps = (backend: string) => {
      tf.setBackend(backend);
      const variable = tf.variable(tf.randomNormal([7, 5], 0, 1, "float32", 8));
      const adam = new Adam([variable], { learningRate: 0.01 });
      for (let step = 0; step < 5; step++) {
        const gradient = tf.randomNormal([7, 5], 0, 1, "float32", 20 + step);
        adam.apply([gradient]);
        gradient.dispose();
      }
      const values = Array.from(variable.dataSync());
      adam.dispose();
      variable.dispose();
      return values;
    };
    const cpu = steps("cpu");
    const wasm = steps("wasm");
    expect(tf.getKernel("LearnloopAdamUpdate", "cpu")).toBeUndefined();
    expect(Math.max(...wasm.map((v, i) => Math.abs(v - cpu[i]!)))).toBeLessThan(1e-5);
    // The update moved the weights (a test that could not fail otherwise).
    tf.setBackend("cpu");
    const start = Array.from(tf.randomNormal([7, 5], 0, 1, "float32", 8).dataSync());
    expect(Math.max(...cpu.map((v, i) => Math.abs(v - start[i]!)))).toBeGreaterThan(0.01);
  });

  it("refuses strides other than 1 instead of training on wrong gradients", () => {
    tf.setBackend("wasm");
    const x = tf.ones([1, 8, 8, 1]) as tf.Tensor4D;
    const f = tf.ones([3, 3, 1, 2]) as tf.Tensor4D;
    expect(() => tf.grad((ff) => tf.conv2d(x, ff as tf.Tensor4D, 2, "valid").sum())(f)).toThrow(/supports stride 1/);
    tf.dispose([x, f]);
  });
});
