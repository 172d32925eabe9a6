import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("wasm Conv2DBackpropFilter (registered by the lab)", () => {
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

  it("refuses strides other than 1 instead of training on wrong gradients", () => {
    tf.setBackend("wasm");
    const x = tf.ones([1, 8, 8, 1]) as tf.Tensor4D;
    const f = tf.ones([3, 3, 1, 2]) as tf.Tensor4D;
    expect(() => tf.grad((ff) => tf.conv2d(x, ff as tf.Tensor4D, 2, "valid").sum())(f)).toThrow(/stride 1 only/);
    tf.dispose([x, f]);
  });
});
