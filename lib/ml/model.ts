// Builds the lab's network (described in network.ts) with TensorFlow.js. The pretraining pipeline,
// the browser lab and the server worker all build it here, so a pretrained base always fits the
// lab's from-scratch twin.
import * as tf from "@tensorflow/tfjs";
import { FEATURE_LAYER, HEAD_LAYER, type BaseArchitecture } from "./network";
import { deriveSeed } from "./random";

export const SOURCE_HEAD_LAYER = "source-head";

function initializer(seed: number, salt: number) {
  return tf.initializers.glorotUniform({ seed: deriveSeed(seed, salt) });
}

/** Builds the base (input → conv1 → pool1 → conv2 → pool2 → flatten) with seeded random weights. */
export function buildBase(arch: BaseArchitecture, seed: number): tf.LayersModel {
  const input = tf.input({ shape: [arch.inputHeight, arch.inputWidth, 1], name: "image" });
  const conv = (filters: number, name: string, salt: number) =>
    tf.layers.conv2d({ filters, kernelSize: arch.kernelSize, padding: arch.padding, activation: "relu", kernelInitializer: initializer(seed, salt), name });
  let x = conv(arch.filters[0], "conv1", 1).apply(input) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 2, name: "pool1" }).apply(x) as tf.SymbolicTensor;
  x = conv(arch.filters[1], "conv2", 2).apply(x) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 2, name: "pool2" }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten({ name: FEATURE_LAYER }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: x, name: "base" });
}

/**
 * A new softmax layer for `classes` classes. Its weights start at zero, so it starts neutral (every
 * class equally likely, loss ln k) instead of confidently wrong: pretrained features can be large
 * (a mean of 1.6 on the digits base), and a random head on them cost feature extraction on digits
 * 5–9 about 30 points of test accuracy at 10 examples per class (lr 0.005, 20 epochs; measured).
 */
export function createHead(classes: number, name: string = HEAD_LAYER): tf.layers.Layer {
  return tf.layers.dense({ units: classes, activation: "softmax", kernelInitializer: "zeros", name });
}

/** The pretraining head: seeded random weights, as the base below it is trained from scratch too. */
export function createSourceHead(classes: number, seed: number): tf.layers.Layer {
  return tf.layers.dense({ units: classes, activation: "softmax", kernelInitializer: initializer(seed, 100), name: SOURCE_HEAD_LAYER });
}

/** The part of a (pretrained) classifier up to and including its feature layer: its head removed. */
export function baseOf(model: tf.LayersModel): tf.LayersModel {
  return tf.model({ inputs: model.inputs, outputs: model.getLayer(FEATURE_LAYER).output as tf.SymbolicTensor, name: "base" });
}

/** base → head, as one model that shares the base's layers (and weights). */
export function withHead(base: tf.LayersModel, head: tf.layers.Layer): tf.LayersModel {
  const output = head.apply(base.outputs[0]!) as tf.SymbolicTensor;
  return tf.model({ inputs: base.inputs, outputs: output, name: "classifier" });
}

export function countParams(weights: readonly tf.LayerVariable[]): number {
  return weights.reduce((sum, weight) => sum + weight.shape.reduce((product: number, d) => product * (d ?? 1), 1), 0);
}
