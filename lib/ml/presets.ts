// ML lab experiment presets: the experiments lessons can embed (a `lab` section names one by id).
// Each picks a task (which fixes the base, the data and the classes: lib/ml/tasks.ts) and the
// strategy and settings; the learner can still change the knobs.
import type { LabTaskId } from "./tasks";
import type { TransferStrategy } from "./vocabulary";

export type LabPreset = {
  id: string;
  title: string;
  description: string;
  /** The lab task (base model, dataset and target classes) the preset runs. */
  task: LabTaskId;
  /** The strategies to run; several means a side-by-side comparison. */
  strategies: TransferStrategy[];
  examplesPerClass: number;
  epochs: number;
  learningRate: number;
  batchSize: number;
  /** For fine-tuning: how many of the base's weight layers (conv1, conv2), counted from the top, to unfreeze. */
  unfreezeLastLayers: number;
};

export const LAB_PRESETS: readonly LabPreset[] = [
  {
    id: "transfer-feature-extraction",
    title: "Feature extraction on Fashion-MNIST",
    description: "Freeze a convolutional base pretrained on T-shirts, trousers, pullovers, dresses and coats; train only a new head to tell sandals, shirts, sneakers, bags and ankle boots apart.",
    task: "fashion-5-9",
    strategies: ["feature-extraction"],
    examplesPerClass: 10,
    epochs: 20,
    learningRate: 0.001,
    batchSize: 16,
    unfreezeLastLayers: 0,
  },
  {
    id: "transfer-fine-tuning",
    title: "Fine-tuning on Fashion-MNIST",
    description: "Start from the same pretrained base: train the new head first, then unfreeze the base's last convolutional layer and train it together with the head at a ten times smaller learning rate.",
    task: "fashion-5-9",
    strategies: ["fine-tuning"],
    examplesPerClass: 10,
    epochs: 20,
    learningRate: 0.001,
    batchSize: 16,
    unfreezeLastLayers: 1,
  },
  {
    id: "transfer-from-scratch",
    title: "Training from scratch on Fashion-MNIST",
    description: "The same architecture with random weights, trained only on the few target examples: the baseline transfer learning has to beat.",
    task: "fashion-5-9",
    strategies: ["from-scratch"],
    examplesPerClass: 10,
    epochs: 20,
    learningRate: 0.001,
    batchSize: 16,
    unfreezeLastLayers: 0,
  },
  {
    id: "transfer-compare-strategies",
    title: "Feature extraction vs fine-tuning vs from scratch",
    description: "All three strategies on the same few examples per class, side by side, with their learning curves overlaid.",
    task: "fashion-5-9",
    strategies: ["feature-extraction", "fine-tuning", "from-scratch"],
    examplesPerClass: 10,
    epochs: 20,
    learningRate: 0.001,
    batchSize: 16,
    unfreezeLastLayers: 1,
  },
  {
    id: "transfer-digits",
    title: "Transfer on handwritten digits",
    description: "A small base pretrained on the digits 0–4 of the UCI handwritten digits, transferred to 5–9.",
    task: "digits-5-9",
    strategies: ["feature-extraction", "from-scratch"],
    examplesPerClass: 10,
    epochs: 30,
    learningRate: 0.005,
    batchSize: 16,
    unfreezeLastLayers: 0,
  },
];

export function findLabPreset(id: string): LabPreset | undefined {
  return LAB_PRESETS.find((preset) => preset.id === id);
}
