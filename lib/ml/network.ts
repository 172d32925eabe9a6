// The lab's network on paper: a small convolutional base (two conv blocks, 16 and 32 filters, then
// flatten) topped by a dense softmax head. No TensorFlow.js here, so the page can draw the network
// without loading it; model.ts builds the same thing.
//
// The head sits directly on the flattened conv features. A dense layer between them, pretrained
// with the source head, was measured to transfer badly: on the Fashion-MNIST target classes a third
// of its units never fired and a head on it reached 21% test accuracy with 10 examples per class
// (lr 0.001), against 85% for a head on the conv features. Keeping the whole classifier top out of
// the base is also what Keras's include_top=False does.

export type BaseArchitecture = {
  inputWidth: number;
  inputHeight: number;
  filters: readonly [number, number];
  kernelSize: number;
  /** "valid" shrinks 28×28 inputs (fewer weights); "same" keeps tiny 8×8 inputs from vanishing. */
  padding: "valid" | "same";
};

/** The base's layers that hold weights, first to last: what "unfreeze the last N layers" counts. */
export const BASE_WEIGHT_LAYERS = ["conv1", "conv2"] as const;
/** The base's output: what feature extraction feeds the head. */
export const FEATURE_LAYER = "flatten";
export const HEAD_LAYER = "head";

export type LayerKind = "input" | "conv" | "pool" | "flatten" | "dense";

export type LayerSummary = {
  name: string;
  kind: LayerKind;
  /** Output shape without the batch dimension. */
  outputShape: number[];
  params: number;
  part: "base" | "head";
  trainable: boolean;
};

/**
 * The network as the lab draws it, computed without TensorFlow.js (the page draws it before the
 * worker has loaded anything). `trainableBaseLayers` is how many of BASE_WEIGHT_LAYERS, counted
 * from the top, train; the head always trains.
 */
export function describeNetwork(arch: BaseArchitecture, classes: number, trainableBaseLayers: number): LayerSummary[] {
  const k = arch.kernelSize;
  const shrink = (size: number) => (arch.padding === "valid" ? size - k + 1 : size);
  const trainable = (name: (typeof BASE_WEIGHT_LAYERS)[number]) => BASE_WEIGHT_LAYERS.indexOf(name) >= BASE_WEIGHT_LAYERS.length - trainableBaseLayers;
  let h = arch.inputHeight;
  let w = arch.inputWidth;
  const layers: LayerSummary[] = [{ name: "image", kind: "input", outputShape: [h, w, 1], params: 0, part: "base", trainable: false }];
  let channels = 1;
  arch.filters.forEach((filters, i) => {
    h = shrink(h);
    w = shrink(w);
    const name = i === 0 ? "conv1" : "conv2";
    layers.push({ name, kind: "conv", outputShape: [h, w, filters], params: k * k * channels * filters + filters, part: "base", trainable: trainable(name) });
    h = Math.floor(h / 2);
    w = Math.floor(w / 2);
    layers.push({ name: `pool${i + 1}`, kind: "pool", outputShape: [h, w, filters], params: 0, part: "base", trainable: false });
    channels = filters;
  });
  const flat = h * w * channels;
  layers.push({ name: FEATURE_LAYER, kind: "flatten", outputShape: [flat], params: 0, part: "base", trainable: false });
  layers.push({ name: HEAD_LAYER, kind: "dense", outputShape: [classes], params: flat * classes + classes, part: "head", trainable: true });
  return layers;
}

/** Size of the base's output (the head's input). */
export function featureSize(arch: BaseArchitecture): number {
  return describeNetwork(arch, 1, 0).find((layer) => layer.name === FEATURE_LAYER)!.outputShape[0]!;
}
