// The kinds of training run the server's workers take, beside a single lab experiment: a sweep
// (strategy × examples per class × seed, summarised as the learning-curve table the lessons cite)
// and the pretraining of a lab base model. No TensorFlow.js here: the web server validates with it.
import { z } from "zod";
import { labRunConfig, type ExamplesPerClass, type LabRunConfig } from "./config";
import { meanAndSd, type MeasurementRow } from "./measurements";
import { TRANSFER_STRATEGIES } from "./vocabulary";
import { BASE_MODELS, LAB_TASK_IDS, type BaseModelId } from "./tasks";

const examplesChoice = z.union([z.literal(1), z.literal(5), z.literal(10), z.literal(50), z.literal("all")]);

export const sweepConfig = z.object({
  taskId: z.enum(LAB_TASK_IDS),
  strategies: z.array(z.enum(TRANSFER_STRATEGIES)).min(1).max(3),
  examplesPerClass: z.array(examplesChoice).min(1).max(5),
  seeds: z.array(z.number().int().min(0).max(2 ** 31 - 1)).min(1).max(10),
  learningRate: z.number().positive().max(1),
  epochs: z.number().int().min(1).max(200),
  batchSize: z.number().int().min(1).max(1024),
  unfreezeLastLayers: z.number().int().min(0).max(2),
});
export type SweepConfig = z.infer<typeof sweepConfig>;

export type SweepMember = { name: string; config: LabRunConfig };

/** Every (strategy, examples per class, seed) of a sweep, in a fixed order: sizes, then strategies, then seeds. */
export function sweepMembers(sweep: SweepConfig): SweepMember[] {
  const sizes = [...new Set(sweep.examplesPerClass)];
  const strategies = [...new Set(sweep.strategies)];
  const seeds = [...new Set(sweep.seeds)];
  return sizes.flatMap((examplesPerClass: ExamplesPerClass) =>
    strategies.flatMap((strategy) =>
      seeds.map((seed) => ({
        name: `${strategy} ${examplesPerClass}/class seed ${seed}`,
        config: labRunConfig.parse({ taskId: sweep.taskId, strategy, examplesPerClass, seed, learningRate: sweep.learningRate, epochs: sweep.epochs, batchSize: sweep.batchSize, unfreezeLastLayers: sweep.unfreezeLastLayers }),
      })),
    ),
  );
}

export const sweepOutcome = z.object({
  name: z.string(),
  strategy: z.enum(TRANSFER_STRATEGIES),
  examplesPerClass: examplesChoice,
  seed: z.number().int(),
  testAccuracy: z.number(),
  durationMs: z.number(),
  trainExamples: z.number().int(),
  trainableParams: z.number().int(),
});
export type SweepOutcome = z.infer<typeof sweepOutcome>;

/** The learning-curve table: one row per (strategy, examples per class), mean ± sd over the seeds. */
export function summariseSweep(outcomes: SweepOutcome[]): MeasurementRow[] {
  const keys = [...new Map(outcomes.map((o) => [`${o.examplesPerClass}|${o.strategy}`, o])).values()];
  return keys.map((key) => {
    const mine = outcomes.filter((o) => o.strategy === key.strategy && o.examplesPerClass === key.examplesPerClass);
    return {
      strategy: key.strategy,
      examplesPerClass: key.examplesPerClass,
      trainExamples: key.trainExamples,
      testAccuracy: meanAndSd(mine.map((o) => +o.testAccuracy.toFixed(4))),
      durationMs: meanAndSd(mine.map((o) => Math.round(o.durationMs))),
      trainableParams: key.trainableParams,
    };
  });
}

/**
 * Pretraining a base model on its source classes: the recipe of `npm run ml:pretrain` (the lab's
 * shipped bases came from it) unless the run overrides it.
 */
export const PRETRAIN_RECIPES: Record<BaseModelId, { epochs: number; batchSize: number; learningRate: number; seed: number }> = {
  "fashion-cnn": { epochs: 4, batchSize: 64, learningRate: 0.001, seed: 2026 },
  "digits-cnn": { epochs: 40, batchSize: 32, learningRate: 0.003, seed: 2026 },
};

export const pretrainConfig = z.object({
  baseModel: z.enum(Object.keys(BASE_MODELS) as [BaseModelId, ...BaseModelId[]]),
  epochs: z.number().int().min(1).max(200),
  batchSize: z.number().int().min(1).max(1024),
  learningRate: z.number().positive().max(1),
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  /**
   * "shipped": the source classes of the train split in public/datasets (what the lab ships);
   * "full": every training image of those classes from the Debian package cache that
   * `npm run datasets:build` leaves on the worker's machine (Fashion-MNIST only).
   */
  data: z.enum(["shipped", "full"]).default("shipped"),
});
export type PretrainConfig = z.infer<typeof pretrainConfig>;

export const trainingRunRequest = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("experiment"), presetId: z.string().max(80).nullable().default(null), config: labRunConfig }),
  z.object({ kind: z.literal("sweep"), config: sweepConfig }),
  z.object({ kind: z.literal("pretrain"), config: pretrainConfig }),
]);
export type TrainingRunRequest = z.infer<typeof trainingRunRequest>;

/** Epochs a run trains in all (a sweep: every member's). */
export function plannedEpochs(request: TrainingRunRequest): number {
  if (request.kind === "sweep") return sweepMembers(request.config).length * request.config.epochs;
  return request.config.epochs;
}
