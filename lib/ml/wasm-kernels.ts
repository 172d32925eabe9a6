// Training kernels for the wasm backend of TensorFlow.js 4.22, which cannot train the lab's CNN fast
// (or at all) on its own:
// - Conv2DBackpropFilter is not registered ("Kernel 'Conv2DBackpropFilter' not registered for
//   backend 'wasm'"). Forwarding to wasm's Conv3DBackpropFilterV2 at depth 1 works for stride 1 but
//   is a plain six-deep loop: it took ~60% of a 28×28 training step.
// - Conv2DBackpropInput and MaxPoolGrad exist but are plain loops too (~35% of the step together).
// Both convolution gradients of a stride-1 convolution are convolutions themselves, so they run on
// wasm's Conv2D (XNNPACK's SIMD GEMM) instead:
//   dW[kh,kw,ci,co] = Σ_{n,i,j} x[n,i+kh,j+kw,ci]·dy[n,i,j,co]   — x with channels and batch
//     swapped, convolved with dy as the filter (its batch as input channels);
//   dx = dy, padded by (k−1−pad), convolved with the filter flipped in space, in/out swapped.
// MaxPoolGrad is one pass in JavaScript over the pooling windows (routing each gradient to the first
// maximum of its window, as the cpu backend and TensorFlow do).
// Anything else (strides or dilations other than 1, NCHW) goes to the backend's own kernel, or
// raises an error where it has none: Conv3DBackpropFilterV2 gives wrong results for stride > 1.
// It also registers the fused Adam update of adam.ts: one pass over each variable.
// wasm-kernels.test.ts checks every kernel against the cpu backend, TensorFlow.js's reference.
import * as tf from "@tensorflow/tfjs";
import { FUSED_ADAM_KERNEL, type AdamKernelAttrs } from "./adam";

type TensorInfo = { dataId: object; shape: number[]; dtype: string };
type Pad = "valid" | "same" | number | [[number, number], [number, number], [number, number], [number, number]];
type WasmBackend = {
  disposeData(dataId: object): boolean;
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
};
type KernelFunc = (args: { inputs: Record<string, TensorInfo>; backend: WasmBackend; attrs: Record<string, unknown> }) => TensorInfo;

function wasmKernel(name: string): KernelFunc {
  const kernel = tf.getKernel(name, "wasm");
  if (!kernel) throw new Error(`The wasm backend has no ${name} kernel.`);
  return kernel.kernelFunc as unknown as KernelFunc;
}

const pair = (value: number | [number, number] | undefined): [number, number] => (value === undefined ? [1, 1] : typeof value === "number" ? [value, value] : value);

/** The forward convolution's padding (top, bottom, left, right), as TensorFlow.js computes it. */
function forwardPadding(xShape: number[], filterShape: number[], pad: Pad, dimRoundingMode: unknown) {
  const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], 1, 1, pad, dimRoundingMode as "round" | undefined);
  return { ...info.padInfo, outHeight: info.outHeight, outWidth: info.outWidth };
}

/** Runs kernels on the backend and frees the intermediate buffers they made once `body` returns. */
function withScratch(backend: WasmBackend, body: (keep: (info: TensorInfo) => TensorInfo) => TensorInfo): TensorInfo {
  const scratch: TensorInfo[] = [];
  try {
    return body((info) => (scratch.push(info), info));
  } finally {
    for (const info of scratch) backend.disposeData(info.dataId);
  }
}

function conv2DBackpropFilter(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, filterShape: [number, number, number, number], pad: Pad, dimRoundingMode: unknown): TensorInfo {
  const transpose = wasmKernel("Transpose");
  const conv2d = wasmKernel("Conv2D");
  const padding = forwardPadding(x.shape, filterShape, pad, dimRoundingMode);
  return withScratch(backend, (scratch) => {
    const padded = padding.top || padding.bottom || padding.left || padding.right
      ? scratch(wasmKernel("PadV2")({ inputs: { x }, backend, attrs: { paddings: [[0, 0], [padding.top, padding.bottom], [padding.left, padding.right], [0, 0]], constantValue: 0 } }))
      : x;
    const channelsFirst = scratch(transpose({ inputs: { x: padded }, backend, attrs: { perm: [3, 1, 2, 0] } }));
    const dyAsFilter = scratch(transpose({ inputs: { x: dy }, backend, attrs: { perm: [1, 2, 0, 3] } }));
    const grad = scratch(conv2d({ inputs: { x: channelsFirst, filter: dyAsFilter }, backend, attrs: { strides: [1, 1], pad: "valid", dataFormat: "NHWC", dilations: [1, 1] } }));
    return transpose({ inputs: { x: grad }, backend, attrs: { perm: [1, 2, 0, 3] } });
  });
}

function conv2DBackpropInput(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, inputShape: number[], pad: Pad, dimRoundingMode: unknown): TensorInfo | null {
  const [kh, kw] = filter.shape as [number, number];
  const padding = forwardPadding(inputShape, filter.shape, pad, dimRoundingMode);
  const full = { top: kh - 1 - padding.top, left: kw - 1 - padding.left };
  const bottom = inputShape[1]! - dy.shape[1]! - full.top + kh - 1;
  const right = inputShape[2]! - dy.shape[2]! - full.left + kw - 1;
  if (full.top < 0 || full.left < 0 || bottom < 0 || right < 0) return null;
  return withScratch(backend, (scratch) => {
    const flipped = scratch(wasmKernel("Reverse")({ inputs: { x: filter }, backend, attrs: { dims: [0, 1] } }));
    const swapped = scratch(wasmKernel("Transpose")({ inputs: { x: flipped }, backend, attrs: { perm: [0, 1, 3, 2] } }));
    const paddings: Pad = [[0, 0], [full.top, bottom], [full.left, right], [0, 0]];
    return wasmKernel("Conv2D")({ inputs: { x: dy, filter: swapped }, backend, attrs: { strides: [1, 1], pad: paddings, dataFormat: "NHWC", dilations: [1, 1] } });
  });
}

function maxPoolGrad(backend: WasmBackend, dy: TensorInfo, input: TensorInfo, attrs: Record<string, unknown>): TensorInfo {
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize as [number, number], attrs.strides as [number, number], 1, attrs.pad as "valid", attrs.dimRoundingMode as "round" | undefined);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  // Views of the wasm heap, taken after the allocation (a heap that grows detaches older views).
  const out = backend.makeOutput([...input.shape], "float32");
  const x = backend.typedArrayFromHeap(input);
  const g = backend.typedArrayFromHeap(dy);
  const dx = backend.typedArrayFromHeap(out);
  dx.fill(0);
  if (filterHeight === 2 && filterWidth === 2 && strideHeight === 2 && strideWidth === 2 && info.padInfo.top === 0 && info.padInfo.left === 0) {
    maxPoolGrad2x2(x, g, dx, { batchSize, inHeight, inWidth, channels, outHeight, outWidth });
    return out;
  }
  // Channels innermost (NHWC keeps them contiguous): one window at a time, every channel at once.
  const best = new Float32Array(channels);
  const at = new Int32Array(channels);
  for (let n = 0; n < batchSize; n++) {
    const base = n * inHeight * inWidth * channels;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - info.padInfo.top;
      const hStart = Math.max(h0, 0);
      const hEnd = Math.min(h0 + filterHeight, inHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * strideWidth - info.padInfo.left;
        const wStart = Math.max(w0, 0);
        const wEnd = Math.min(w0 + filterWidth, inWidth);
        best.fill(Number.NEGATIVE_INFINITY);
        at.fill(-1);
        for (let h = hStart; h < hEnd; h++) {
          for (let w = wStart; w < wEnd; w++) {
            const pixel = base + (h * inWidth + w) * channels;
            for (let c = 0; c < channels; c++) {
              const value = x[pixel + c]!;
              if (value > best[c]!) {
                best[c] = value;
                at[c] = pixel + c;
              }
            }
          }
        }
        const gradAt = ((n * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) {
          const index = at[c]!;
          if (index >= 0) dx[index] = dx[index]! + g[gradAt + c]!;
        }
      }
    }
  }
  return out;
}

/** The lab's pooling (2×2, stride 2, no padding): four values per window, in registers. */
function maxPoolGrad2x2(x: Float32Array, g: Float32Array, dx: Float32Array, size: { batchSize: number; inHeight: number; inWidth: number; channels: number; outHeight: number; outWidth: number }) {
  const { batchSize, inHeight, inWidth, channels, outHeight, outWidth } = size;
  const row = inWidth * channels;
  let gradAt = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const topLeft = n * inHeight * row + 2 * oh * row + 2 * ow * channels;
        for (let c = 0; c < channels; c++, gradAt++) {
          // Ties go to the first maximum in row-major window order, as in the cpu backend.
          const a = topLeft + c;
          const b = a + channels;
          const d = a + row;
          const e = d + channels;
          let at = a;
          let best = x[a]!;
          if (x[b]! > best) {
            best = x[b]!;
            at = b;
          }
          if (x[d]! > best) {
            best = x[d]!;
            at = d;
          }
          if (x[e]! > best) at = e;
          dx[at] = dx[at]! + g[gradAt]!;
        }
      }
    }
  }
}

/** Adam's update of one variable in one pass (the formula of adam.ts's op version). */
function fusedAdam(backend: WasmBackend, inputs: Record<string, TensorInfo>, a: AdamKernelAttrs): TensorInfo[] {
  const { value, gradient, m, v } = inputs as Record<"value" | "gradient" | "m" | "v", TensorInfo>;
  const outs = [value, m, v].map((info) => backend.makeOutput([...info.shape], "float32"));
  const [w0, g, m0, v0] = [value, gradient, m, v].map((info) => backend.typedArrayFromHeap(info)) as [Float32Array, Float32Array, Float32Array, Float32Array];
  const [w1, m1, v1] = outs.map((info) => backend.typedArrayFromHeap(info)) as [Float32Array, Float32Array, Float32Array];
  const firstCorrection = 1 - a.beta1 ** a.step;
  const secondCorrection = 1 - a.beta2 ** a.step;
  for (let i = 0; i < w0.length; i++) {
    const gi = g[i]!;
    const nextM = a.beta1 * m0[i]! + (1 - a.beta1) * gi;
    const nextV = a.beta2 * v0[i]! + (1 - a.beta2) * gi * gi;
    m1[i] = nextM;
    v1[i] = nextV;
    w1[i] = w0[i]! - (a.learningRate * (nextM / firstCorrection)) / (Math.sqrt(nextV / secondCorrection) + a.epsilon);
  }
  return outs;
}

let registered = false;

export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  // The backend's own kernel keeps its setup (run when the backend starts), for the cases it still serves.
  const replace = (name: string, kernelFunc: KernelFunc) => {
    const own = tf.getKernel(name, "wasm");
    if (own) tf.unregisterKernel(name, "wasm");
    tf.registerKernel({ kernelName: name, backendName: "wasm", kernelFunc: kernelFunc as never, setupFunc: own?.setupFunc });
  };
  const stride1NHWC = (attrs: Record<string, unknown>) => {
    const [sh, sw] = pair(attrs.strides as number | [number, number]);
    const [dh, dw] = pair(attrs.dilations as number | [number, number] | undefined);
    return sh === 1 && sw === 1 && dh === 1 && dw === 1 && (!attrs.dataFormat || attrs.dataFormat === "NHWC");
  };

  replace("Conv2DBackpropFilter", ({ inputs, backend, attrs }) => {
    if (!stride1NHWC(attrs)) throw new Error("Conv2DBackpropFilter on wasm supports stride 1, dilation 1 and NHWC only.");
    return conv2DBackpropFilter(backend, inputs.x!, inputs.dy!, attrs.filterShape as [number, number, number, number], attrs.pad as Pad, attrs.dimRoundingMode);
  });

  const ownBackpropInput = tf.getKernel("Conv2DBackpropInput", "wasm")?.kernelFunc as unknown as KernelFunc | undefined;
  if (ownBackpropInput) {
    replace("Conv2DBackpropInput", (args) => {
      const { inputs, backend, attrs } = args;
      const fast = stride1NHWC(attrs) ? conv2DBackpropInput(backend, inputs.dy!, inputs.filter!, attrs.inputShape as number[], attrs.pad as Pad, attrs.dimRoundingMode) : null;
      return fast ?? ownBackpropInput(args);
    });
  }

  replace(FUSED_ADAM_KERNEL, ({ inputs, backend, attrs }) => fusedAdam(backend, inputs, attrs as unknown as AdamKernelAttrs) as never);

  const ownMaxPoolGrad = tf.getKernel("MaxPoolGrad", "wasm")?.kernelFunc as unknown as KernelFunc | undefined;
  replace("MaxPoolGrad", (args) => (args.inputs.input!.dtype === "float32" || !ownMaxPoolGrad ? maxPoolGrad(args.backend, args.inputs.dy!, args.inputs.input!, args.attrs) : ownMaxPoolGrad(args)));
}
