// TensorFlow.js backend for the Node scripts: wasm (about 20× the cpu backend here, with the lab's
// Conv2DBackpropFilter kernel registered so it can train conv layers), else cpu. tfjs-node would
// be faster still but cannot be installed offline; the server worker adds it where it exists.
import * as tf from "@tensorflow/tfjs";
import { registerWasmTrainingKernels } from "../../lib/ml/wasm-kernels";

export async function startNodeBackend(preferred = process.env.LEARNLOOP_TF_BACKEND): Promise<string> {
  const order = preferred ? [preferred] : ["wasm", "cpu"];
  for (const name of order) {
    try {
      if (name === "wasm") {
        await import("@tensorflow/tfjs-backend-wasm");
        registerWasmTrainingKernels();
      }
      if (await tf.setBackend(name)) {
        await tf.ready();
        return tf.getBackend();
      }
    } catch (error) {
      console.warn(`TensorFlow.js backend ${name} unavailable: ${(error as Error).message}`);
    }
  }
  throw new Error(`No TensorFlow.js backend among ${order.join(", ")} could start.`);
}
