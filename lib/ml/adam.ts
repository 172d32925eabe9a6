// Adam (Kingma & Ba, 2015, Algorithm 1) with the constants and update order of TensorFlow.js's
// tf.train.adam (β1 0.9, β2 0.999, ε 1e-7 added to √v̂), and two things tf.train.adam lacks here:
// - its state (step count, first and second moments) can be read and restored, so a checkpointed
//   run resumes exactly where it stopped instead of with fresh moments;
// - on the wasm backend one fused kernel per variable does the whole update (wasm-kernels.ts
//   registers it). The op-by-op update costs ~20 kernel calls per variable, which was ~40% of a
//   training step of the lab's small CNN. Other backends (webgl in the browser, cpu) run the same
//   formula as ops.
import * as tf from "@tensorflow/tfjs";

export const FUSED_ADAM_KERNEL = "LearnloopAdamUpdate";

export type AdamConfig = { learningRate: number; beta1?: number; beta2?: number; epsilon?: number };
export type AdamKernelAttrs = { learningRate: number; beta1: number; beta2: number; epsilon: number; step: number };

/** Everything a resumed run needs to continue the same optimisation (plain data: JSON-safe). */
export type AdamState = { step: number; firstMoments: number[][]; secondMoments: number[][] };

export class Adam {
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly learningRate: number;
  private step = 0;
  private firstMoments: tf.Tensor[];
  private secondMoments: tf.Tensor[];

  constructor(
    private readonly variables: tf.Variable[],
    config: AdamConfig,
  ) {
    this.learningRate = config.learningRate;
    this.beta1 = config.beta1 ?? 0.9;
    this.beta2 = config.beta2 ?? 0.999;
    this.epsilon = config.epsilon ?? 1e-7;
    this.firstMoments = variables.map((v) => tf.keep(tf.zerosLike(v)));
    this.secondMoments = variables.map((v) => tf.keep(tf.zerosLike(v)));
  }

  /** One update with these gradients, given in the order of the variables. */
  apply(gradients: tf.Tensor[]): void {
    this.step += 1;
    const attrs: AdamKernelAttrs = { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, step: this.step };
    const fused = tf.getKernel(FUSED_ADAM_KERNEL, tf.getBackend()) !== undefined;
    this.variables.forEach((variable, i) => {
      const [value, m, v] = tf.tidy(() => {
        if (fused) return tf.engine().runKernel(FUSED_ADAM_KERNEL, { value: variable, gradient: gradients[i]!, m: this.firstMoments[i]!, v: this.secondMoments[i]! }, attrs as never) as unknown as tf.Tensor[];
        const g = gradients[i]!;
        const nextM = this.firstMoments[i]!.mul(this.beta1).add(g.mul(1 - this.beta1));
        const nextV = this.secondMoments[i]!.mul(this.beta2).add(g.square().mul(1 - this.beta2));
        const mHat = nextM.div(1 - this.beta1 ** this.step);
        const vHat = nextV.div(1 - this.beta2 ** this.step);
        return [variable.add(mHat.div(vHat.sqrt().add(this.epsilon)).mul(-this.learningRate)), nextM, nextV];
      });
      variable.assign(value!);
      value!.dispose();
      this.firstMoments[i]!.dispose();
      this.secondMoments[i]!.dispose();
      this.firstMoments[i] = m!;
      this.secondMoments[i] = v!;
    });
  }

  async getState(): Promise<AdamState> {
    const read = (tensors: tf.Tensor[]) => Promise.all(tensors.map(async (t) => Array.from(await t.data())));
    return { step: this.step, firstMoments: await read(this.firstMoments), secondMoments: await read(this.secondMoments) };
  }

  setState(state: AdamState): void {
    const matches = (moments: number[][]) => moments.length === this.variables.length && moments.every((m, i) => m.length === this.variables[i]!.size);
    if (!matches(state.firstMoments) || !matches(state.secondMoments)) throw new Error("The optimizer state does not fit these weights (another model or other trainable layers).");
    tf.dispose([...this.firstMoments, ...this.secondMoments]);
    this.step = state.step;
    this.firstMoments = state.firstMoments.map((m, i) => tf.tensor(m, this.variables[i]!.shape, "float32"));
    this.secondMoments = state.secondMoments.map((v, i) => tf.tensor(v, this.variables[i]!.shape, "float32"));
  }

  dispose(): void {
    tf.dispose([...this.firstMoments, ...this.secondMoments]);
  }
}
