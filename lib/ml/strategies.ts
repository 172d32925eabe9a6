// The three ways to train for a new task, as which of the base's weight layers may change.
import type * as tf from "@tensorflow/tfjs";
import { BASE_WEIGHT_LAYERS } from "./network";
import { TRANSFER_STRATEGIES, type TransferStrategy } from "./vocabulary";

export const STRATEGIES: readonly TransferStrategy[] = TRANSFER_STRATEGIES;

export const STRATEGY_LABELS: Record<TransferStrategy, string> = {
  "feature-extraction": "Feature extraction",
  "fine-tuning": "Fine-tuning",
  "from-scratch": "From scratch",
};

/** Whether the strategy starts from the pretrained weights. */
export function usesPretrainedWeights(strategy: TransferStrategy): boolean {
  return strategy !== "from-scratch";
}

/**
 * How many of the base's weight layers (from the top) train: none for feature extraction, the last
 * `unfreezeLastLayers` (at least 1) for fine-tuning, all of them from scratch.
 */
export function trainableBaseLayers(strategy: TransferStrategy, unfreezeLastLayers: number): number {
  if (strategy === "feature-extraction") return 0;
  if (strategy === "from-scratch") return BASE_WEIGHT_LAYERS.length;
  return Math.min(Math.max(Math.round(unfreezeLastLayers), 1), BASE_WEIGHT_LAYERS.length);
}

/** Freezes the base, then unfreezes its last `count` weight layers. */
export function setTrainableBaseLayers(base: tf.LayersModel, count: number): void {
  const unfrozen = new Set(BASE_WEIGHT_LAYERS.slice(BASE_WEIGHT_LAYERS.length - count));
  for (const layer of base.layers) layer.trainable = unfrozen.has(layer.name as (typeof BASE_WEIGHT_LAYERS)[number]);
}
