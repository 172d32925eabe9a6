// What scripts/ml/measure.ts measured with the lab's own code (public/models/<base>/measurements.json),
// shown in the lab's "What we measured" panel and cited by the lessons through `{measure: …}` tokens
// (lib/content/measure-tokens.ts). The protocol (the same budget rule for every strategy, seeds
// paired, paired differences with a 95% t-interval) is written into the file itself.
import { z } from "zod";

const stat = z.object({ mean: z.number(), sd: z.number(), values: z.array(z.number()) });

/** One row of a learning-curve table (the server sweep's summary; see `measuredRow` for the file). */
export const measurementRow = z.object({
  strategy: z.enum(["feature-extraction", "fine-tuning", "from-scratch"]),
  examplesPerClass: z.union([z.number().int(), z.literal("all")]),
  trainExamples: z.number().int(),
  testAccuracy: stat,
  durationMs: stat,
  trainableParams: z.number().int(),
});
export type MeasurementRow = z.infer<typeof measurementRow>;

export function meanAndSd(values: number[]): { mean: number; sd: number; values: number[] } {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
  const variance = values.length > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, sd: Math.sqrt(variance), values };
}

// ── Statistics ─────────────────────────────────────────────────────────────────────────────────

// Two-sided 95% quantiles of Student's t (t_{0.975, df}) for df 1–30, then 40, 60, 120.
const T_975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** t_{0.975, df}: the multiplier of the standard error for a two-sided 95% interval. */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`A t-interval needs at least 1 degree of freedom, got ${df}.`);
  const d = Math.floor(df);
  if (d <= 30) return T_975[d - 1]!;
  if (d <= 40) return 2.021;
  if (d <= 60) return 2.0;
  if (d <= 120) return 1.98;
  return 1.96;
}

export const VERDICTS = ["clearly better", "clearly worse", "no clear difference"] as const;
export type Verdict = (typeof VERDICTS)[number];

export type PairedDifference = {
  /** Seeds present on both sides, ascending: the pairs. */
  seeds: number[];
  n: number;
  /** Mean of a − b over the pairs. */
  mean: number;
  sd: number;
  /** The 95% t-interval of the mean difference. */
  low: number;
  high: number;
  /** Pairs where a > b. */
  wins: number;
  /** "clearly better" (a over b) only when the whole interval is above 0; "clearly worse" below. */
  verdict: Verdict;
};

/**
 * Paired comparison of a and b (value per seed): the differences a − b of the seeds both have, their
 * mean, a 95% t-interval (mean ± t_{0.975,n−1}·sd/√n) and the wins. Needs at least 2 pairs.
 */
export function pairedDifference(a: Record<string, number>, b: Record<string, number>): PairedDifference {
  const seeds = Object.keys(a)
    .filter((seed) => seed in b)
    .map(Number)
    .sort((x, y) => x - y);
  if (seeds.length < 2) throw new Error(`A paired comparison needs at least 2 seeds on both sides, got ${seeds.length}.`);
  const differences = seeds.map((seed) => a[seed]! - b[seed]!);
  const { mean, sd } = meanAndSd(differences);
  const half = (tQuantile975(seeds.length - 1) * sd) / Math.sqrt(seeds.length);
  const low = mean - half;
  const high = mean + half;
  const verdict: Verdict = low > 0 ? "clearly better" : high < 0 ? "clearly worse" : "no clear difference";
  return { seeds, n: seeds.length, mean, sd, low, high, wins: differences.filter((d) => d > 0).length, verdict };
}

// ── The budget rule ────────────────────────────────────────────────────────────────────────────

export const trainingBudget = z.object({
  /** Every run takes at least this many optimizer steps (mini-batches)… */
  minOptimizerSteps: z.number().int().min(0),
  /** …and at least this many epochs… */
  minEpochs: z.number().int().min(1),
  /** …but no more than this many (the lab's limit). */
  maxEpochs: z.number().int().min(1),
});
export type TrainingBudget = z.infer<typeof trainingBudget>;

/** Epochs a run on `trainExamples` images in batches of `batchSize` gets under the budget, whatever its strategy. */
export function budgetEpochs(budget: TrainingBudget, trainExamples: number, batchSize: number): number {
  const stepsPerEpoch = Math.max(1, Math.ceil(trainExamples / batchSize));
  return Math.min(budget.maxEpochs, Math.max(budget.minEpochs, Math.ceil(budget.minOptimizerSteps / stepsPerEpoch)));
}

// ── The file ───────────────────────────────────────────────────────────────────────────────────

const strategy = z.enum(["feature-extraction", "fine-tuning", "from-scratch"]);
const examplesPerClass = z.union([z.number().int(), z.literal("all")]);
/** Values keyed by seed (as a string, JSON's only key type). */
const bySeed = z.record(z.string().regex(/^\d+$/), z.number());
const seedStat = z.object({ mean: z.number(), sd: z.number(), bySeed });

export const measuredRun = z.object({
  seed: z.number().int(),
  testAccuracy: z.number(),
  durationMs: z.number(),
  epochs: z.number().int(),
  optimizerSteps: z.number().int(),
  /** Per epoch: [epoch, train loss, train accuracy, validation loss, validation accuracy]. */
  history: z.array(z.tuple([z.number().int(), z.number(), z.number(), z.number(), z.number()])),
  /** confusion[actual][predicted] on the test images. */
  confusion: z.array(z.array(z.number().int())),
});
export type MeasuredRun = z.infer<typeof measuredRun>;

export const measuredRow = z.object({
  strategy,
  examplesPerClass,
  trainExamples: z.number().int(),
  trainableParams: z.number().int(),
  epochs: z.number().int(),
  testAccuracy: seedStat,
  durationMs: seedStat,
  runs: z.array(measuredRun),
});
export type MeasuredRow = z.infer<typeof measuredRow>;

const side = z.object({ strategy, examplesPerClass });
export const measuredComparison = z.object({
  a: side,
  b: side,
  /** Test accuracy of a minus b, per seed pair. */
  n: z.number().int(),
  mean: z.number(),
  sd: z.number(),
  low: z.number(),
  high: z.number(),
  wins: z.number().int(),
  verdict: z.enum(VERDICTS),
});
export type MeasuredComparison = z.infer<typeof measuredComparison>;

export const measuredTask = z.object({
  taskId: z.string(),
  settings: z.object({
    budget: trainingBudget,
    batchSize: z.number().int(),
    learningRate: z.record(z.string(), z.number()),
    unfreezeLastLayers: z.number().int(),
    trainImages: z.number().int(),
    valImages: z.number().int(),
    testImages: z.number().int(),
    testSource: z.string(),
  }),
  rows: z.array(measuredRow),
  comparisons: z.array(measuredComparison),
  findings: z.array(z.string()),
});
export type MeasuredTask = z.infer<typeof measuredTask>;

export const MEASUREMENTS_VERSION = 2;

export const measurements = z.object({
  version: z.literal(MEASUREMENTS_VERSION),
  generatedAt: z.string(),
  backend: z.string(),
  seeds: z.array(z.number().int()),
  /** The protocol, in sentences (shown in the lab and the model card). */
  protocol: z.array(z.string()),
  /** The pretrained base's own accuracy on every test image of its source classes. */
  base: z.object({ testImages: z.number().int(), testAccuracy: z.number(), confusion: z.array(z.array(z.number().int())) }).optional(),
  tasks: z.array(measuredTask),
  command: z.string(),
  /** Wall time of the invocation that wrote the file (a `--no-run` summary takes seconds) and its processes. */
  wallMinutes: z.number(),
  jobs: z.number().int(),
});
export type Measurements = z.infer<typeof measurements>;

export function findRow(task: MeasuredTask, s: MeasuredRow["strategy"], k: MeasuredRow["examplesPerClass"]): MeasuredRow | undefined {
  return task.rows.find((row) => row.strategy === s && row.examplesPerClass === k);
}

/** The paired comparison of two rows' test accuracy (a − b). */
export function compareRows(a: MeasuredRow, b: MeasuredRow): MeasuredComparison {
  const d = pairedDifference(a.testAccuracy.bySeed, b.testAccuracy.bySeed);
  return { a: { strategy: a.strategy, examplesPerClass: a.examplesPerClass }, b: { strategy: b.strategy, examplesPerClass: b.examplesPerClass }, n: d.n, mean: d.mean, sd: d.sd, low: d.low, high: d.high, wins: d.wins, verdict: d.verdict };
}

export type DataRatio = {
  examplesPerClass: number;
  matchedAt: MeasuredRow["examplesPerClass"] | null;
  ratio: number | null;
  /** From-scratch sizes (≥ k) with enough paired seeds to compare; 0 means the ratio was not measured. */
  compared: number;
};

/**
 * How much data from scratch needs to match feature extraction at `k` per class: the smallest size
 * m ≥ k of the grid where from scratch is not clearly worse than feature extraction at k (paired
 * interval reaches 0 or above), and the ratio of their training-set sizes; null when none is.
 */
export function dataRatio(task: MeasuredTask, k: number): DataRatio {
  const reference = findRow(task, "feature-extraction", k);
  if (!reference) return { examplesPerClass: k, matchedAt: null, ratio: null, compared: 0 };
  const sizes = task.rows.filter((row) => row.strategy === "from-scratch" && (row.examplesPerClass === "all" || row.examplesPerClass >= k));
  sizes.sort((x, y) => x.trainExamples - y.trainExamples);
  let compared = 0;
  for (const scratch of sizes) {
    if (Object.keys(scratch.testAccuracy.bySeed).filter((seed) => seed in reference.testAccuracy.bySeed).length < 2) continue;
    compared++;
    if (compareRows(scratch, reference).high >= 0) return { examplesPerClass: k, matchedAt: scratch.examplesPerClass, ratio: scratch.trainExamples / reference.trainExamples, compared };
  }
  return { examplesPerClass: k, matchedAt: null, ratio: null, compared };
}
