// A lab run's settings: validated the same way in the browser, in the worker and on the server.
// No TensorFlow.js here, so the page and the server can import it cheaply.
import { z } from "zod";
import { trainableBaseLayers } from "./strategies";
import { LAB_TASK_IDS } from "./tasks";
import { TRANSFER_STRATEGIES } from "./vocabulary";

export const EXAMPLES_PER_CLASS_CHOICES = [1, 5, 10, 50, "all"] as const;
export type ExamplesPerClass = (typeof EXAMPLES_PER_CLASS_CHOICES)[number];

export const labRunConfig = z.object({
  taskId: z.enum(LAB_TASK_IDS),
  strategy: z.enum(TRANSFER_STRATEGIES),
  examplesPerClass: z.union([z.literal(1), z.literal(5), z.literal(10), z.literal(50), z.literal("all")]),
  learningRate: z.number().positive().max(1),
  epochs: z.number().int().min(1).max(200),
  batchSize: z.number().int().min(1).max(1024),
  unfreezeLastLayers: z.number().int().min(0).max(2),
  seed: z.number().int().min(0).max(2 ** 31 - 1),
});
export type LabRunConfig = z.infer<typeof labRunConfig>;

/** "all" means every shipped training example of each class. */
export function examplesPerClassCount(choice: ExamplesPerClass): number {
  return choice === "all" ? Number.POSITIVE_INFINITY : choice;
}

export type TrainingStage = { epochs: number; learningRate: number; trainableBaseLayers: number };

/**
 * Fine-tuning runs in the lesson's two stages: the first half of the epochs trains the new head
 * alone on the frozen base (feature extraction) at the learning rate set, because a random head's
 * large, noisy gradients would otherwise wreck the pretrained weights; the second half unfreezes
 * the chosen layers and trains them with the head at a tenth of it (the lesson: 10 to 100 times
 * smaller). The other strategies are a single stage at the rate set.
 */
export function trainingStages(config: LabRunConfig): TrainingStage[] {
  const unfrozen = trainableBaseLayers(config.strategy, config.unfreezeLastLayers);
  if (config.strategy !== "fine-tuning") return [{ epochs: config.epochs, learningRate: config.learningRate, trainableBaseLayers: unfrozen }];
  const headEpochs = Math.floor(config.epochs / 2);
  return [
    { epochs: headEpochs, learningRate: config.learningRate, trainableBaseLayers: 0 },
    { epochs: config.epochs - headEpochs, learningRate: config.learningRate / 10, trainableBaseLayers: unfrozen },
  ];
}
