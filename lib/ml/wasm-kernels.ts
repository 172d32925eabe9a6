// The wasm backend of TensorFlow.js 4.22 has no Conv2DBackpropFilter kernel, so it cannot train a
// Conv2D layer ("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'"). It does have
// Conv3DBackpropFilterV2; a 2-D convolution is a 3-D one of depth 1, so this forwards to it.
// That kernel is correct for stride 1 only (wrong results for stride > 1 in 4.22), which is all
// the lab's network uses; other strides raise an error instead of training on wrong gradients.
// wasm-kernels.test.ts checks the gradients against the cpu backend.
import * as tf from "@tensorflow/tfjs";

type TensorInfo = { dataId: object; shape: number[]; dtype: string };

export function registerWasmTrainingKernels(): void {
  if (tf.getKernel("Conv2DBackpropFilter", "wasm")) return;
  tf.registerKernel({
    kernelName: "Conv2DBackpropFilter",
    backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as unknown as { x: TensorInfo; dy: TensorInfo };
      const { strides, pad, filterShape, dataFormat } = attrs as unknown as {
        strides: number | [number, number];
        pad: "valid" | "same" | number | unknown;
        filterShape: [number, number, number, number];
        dataFormat?: string;
      };
      const [strideHeight, strideWidth] = typeof strides === "number" ? [strides, strides] : strides;
      if (strideHeight !== 1 || strideWidth !== 1) throw new Error("Conv2DBackpropFilter on wasm supports stride 1 only.");
      if (dataFormat && dataFormat !== "NHWC") throw new Error("Conv2DBackpropFilter on wasm supports NHWC only.");
      if (typeof pad !== "number" && pad !== "valid" && pad !== "same") throw new Error("Conv2DBackpropFilter on wasm supports 'valid', 'same' or numeric padding.");
      const conv3d = tf.getKernel("Conv3DBackpropFilterV2", "wasm");
      if (!conv3d) throw new Error("The wasm backend has no Conv3DBackpropFilterV2 kernel.");
      // Same buffers, one more (depth) dimension: the kernel reads data by id, shapes are metadata.
      const as5d = (info: TensorInfo): TensorInfo => ({ ...info, shape: [info.shape[0]!, 1, ...info.shape.slice(1)] });
      const result = conv3d.kernelFunc({
        inputs: { x: as5d(x), dy: as5d(dy) } as never,
        backend,
        attrs: { strides: [1, 1, 1], pad, filterShape: [1, ...filterShape], dilations: [1, 1, 1] } as never,
      }) as TensorInfo;
      return { dataId: result.dataId, shape: [...filterShape], dtype: result.dtype } as never;
    },
  });
}
