// `npm run ml:measure [-- <task id>…] [--seeds 1,2,3,4,5] [--jobs 2] [--sizes 1,5,10,50,all]
//  [--strategies feature-extraction,from-scratch] [--resume <file.jsonl>] [--no-run] [--base-only]`
// Measures the lessons' claims with the lab's own code (lib/ml, as the browser runs it): feature
// extraction vs fine-tuning vs from scratch at several examples per class, under one protocol:
//   - the same budget rule for every strategy: at least MIN_STEPS optimizer steps and at least the
//     preset's epochs (at most the lab's 200), so a tiny training set is not cut off after a few steps;
//   - the same seeds for every strategy, paired: a seed fixes the sampled training images (and the
//     batch order), so strategy A and B at one seed saw exactly the same data;
//   - Fashion-MNIST tasks are tested on every official test image of their classes that is not in the
//     validation split (4,500), read from the Debian package cache (`npm run datasets:build`);
//   - results per seed, the paired difference of test accuracy with a 95% t-interval and wins/n;
//     "clearly better" only when that interval excludes 0.
// Writes public/models/<base>/measurements.json (every run's seed, accuracy, time, per-epoch
// train/validation history and test confusion matrix), also re-measures each base on every test
// image of its source classes, and prints the table. --jobs runs that many worker processes (wasm in
// Node is single-threaded: one per core); --resume appends each finished run to a file and skips the
// runs already in it, so an interrupted measurement continues.
import { fork, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import { EXAMPLES_PER_CLASS_CHOICES, examplesPerClassCount, type ExamplesPerClass, type LabRunConfig } from "../../lib/ml/config";
import { datasetIndex, joinClasses, resizeImages, selectImages, type ImageSet } from "../../lib/ml/datasets";
import { evaluate } from "../../lib/ml/evaluate";
import { prepareTaskData, runExperiment, type TaskData } from "../../lib/ml/experiment";
import {
  budgetEpochs,
  compareRows,
  dataRatio,
  findRow,
  meanAndSd,
  measurements,
  MEASUREMENTS_VERSION,
  type MeasuredComparison,
  type MeasuredRow,
  type MeasuredRun,
  type MeasuredTask,
  type Measurements,
  type TrainingBudget,
} from "../../lib/ml/measurements";
import { modelCard } from "../../lib/ml/model-card";
import { artifactsFromFiles, loadModel } from "../../lib/ml/model-io";
import { sampleKPerClass } from "../../lib/ml/random";
import { STRATEGIES, STRATEGY_LABELS } from "../../lib/ml/strategies";
import { BASE_MODELS, LAB_TASKS, requireLabTask, type BaseModelId, type LabTaskId } from "../../lib/ml/tasks";
import type { TransferStrategy } from "../../lib/ml/vocabulary";
import { imagesOfClass, readFashionMnist, unpackDebianPackages } from "../../server/training/data/debian";
import { FASHION_VAL_PER_CLASS } from "../datasets/build";
import { startNodeBackend } from "./backend";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const publicDir = path.join(root, "public");

/** The budget rule every strategy gets. */
export const MIN_STEPS = 200;
const MAX_EPOCHS = 200;
const BATCH_SIZE = 16;

// Each task is measured with the learning rates of the lessons' presets for it (lib/ml/presets.ts):
// Fashion-MNIST lr 0.001 (preset 20 epochs), digits lr 0.005 (preset 30 epochs), batch 16. Fine-tuning
// trains the head alone for the first half of its epochs at that rate, then unfreezes the last conv
// layer and continues at a tenth of it (lib/ml/config.ts, trainingStages).
function settingsFor(taskId: LabTaskId): { budget: TrainingBudget; batchSize: number; learningRate: Record<TransferStrategy, number>; unfreezeLastLayers: number } {
  const digits = requireLabTask(taskId).baseModel === "digits-cnn";
  const lr = digits ? 0.005 : 0.001;
  return {
    budget: { minOptimizerSteps: MIN_STEPS, minEpochs: digits ? 30 : 20, maxEpochs: MAX_EPOCHS },
    batchSize: BATCH_SIZE,
    learningRate: { "feature-extraction": lr, "fine-tuning": lr, "from-scratch": lr },
    unfreezeLastLayers: 1,
  };
}

export function protocolSentences(seeds: number[]): string[] {
  return [
    `Budget: every strategy trains for the same number of epochs at a given training-set size: at least ${MIN_STEPS} optimizer steps (mini-batches of ${BATCH_SIZE}) and at least the lesson preset's epochs (20 for Fashion-MNIST, 30 for digits), at most ${MAX_EPOCHS}. Fine-tuning spends the first half of them on the head alone.`,
    `Seeds: ${seeds.length} (${seeds.join(", ")}). A seed fixes the sampled training images and their batch order, so the strategies are compared pair by pair on the same data.`,
    `Test images: for the Fashion-MNIST tasks every official test image of the task's classes except the 100 per class the validation split holds (4,500 images); for the digit tasks the whole shipped test split (the UCI set has only 1,797 images in all, so fewer than 2,000 there). The per-epoch validation curves use the first ${valPerClass} validation images per class; validation is never used to choose a result or to stop.`,
    "Statistics: the mean test accuracy over the seeds; for each comparison the paired difference per seed, its mean with a 95% t-interval (mean ± t(0.975, n−1) · sd/√n) and the number of seeds won. A difference is called clear only when that interval excludes 0; otherwise it is reported as no clear difference.",
    "Timings: wall time of training (feature caching included, evaluation excluded) in one single-threaded wasm process per core; absolute times depend on the machine, ratios less so.",
  ];
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seeds = (option("--seeds") ?? "1,2,3,4,5").split(",").map(Number);
const jobs = Math.max(1, Number(option("--jobs") ?? 2));
const sizes = (option("--sizes")?.split(",").map((s) => (s === "all" ? "all" : Number(s))) ?? [...EXAMPLES_PER_CLASS_CHOICES]) as ExamplesPerClass[];
const strategies = (option("--strategies")?.split(",") ?? [...STRATEGIES]) as TransferStrategy[];
const resumeFile = option("--resume");
/** Validation images per class for the per-epoch curves (a fixed subset: validating all of them after each of up to 200 epochs would cost more than the training). */
const valPerClass = Number(option("--val-per-class") ?? 20);
const taskIds = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith("--") && !all[i - 1]?.startsWith("--")) as LabTaskId[];
const tasks = taskIds.length ? taskIds.map((id) => requireLabTask(id)) : [...LAB_TASKS];

type Job = { taskId: LabTaskId; strategy: TransferStrategy; examplesPerClass: ExamplesPerClass; seed: number };
type Outcome = Job & { run: MeasuredRun; trainExamples: number; trainableParams: number; backend: string };
const jobKey = (job: Job) => `${job.taskId}|${job.strategy}|${job.examplesPerClass}|${job.seed}`;

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

// ── Data ───────────────────────────────────────────────────────────────────────────────────────

let debianRoot: string | null = null;
function fashionTestSet(classes: number[]): ImageSet {
  debianRoot ??= unpackDebianPackages((line) => console.error(line));
  const test = readFashionMnist(debianRoot, "t10k");
  const parts = classes.map((c) => {
    const images = imagesOfClass(test, c).slice(FASHION_VAL_PER_CLASS);
    const pixels = new Float32Array(images.length * test.width * test.height);
    images.forEach((image, i) => {
      for (let p = 0; p < image.length; p++) pixels[i * image.length + p] = image[p]! / 255;
    });
    return { pixels, count: images.length };
  });
  return joinClasses(parts, { width: test.width, height: test.height });
}

function testSource(taskId: LabTaskId, count: number): string {
  const task = requireLabTask(taskId);
  return task.dataset === "fashion-mnist"
    ? `Fashion-MNIST official test set, classes ${task.targetClasses.join(", ")}, all but the first ${FASHION_VAL_PER_CLASS} per class (the validation split): ${count} images`
    : `the shipped digits test split, classes ${task.targetClasses.join(", ")}: ${count} images`;
}

function loadData(taskId: LabTaskId): TaskData {
  const task = requireLabTask(taskId);
  const index = datasetIndex.parse(JSON.parse(readFileSync(path.join(publicDir, "datasets", "index.json"), "utf8")));
  const data = prepareTaskData(task, index.datasets[task.dataset]!, (file) => new Uint8Array(readFileSync(path.join(publicDir, "datasets", file))));
  const keep: number[] = [];
  const taken = new Map<number, number>();
  data.val.labels.forEach((label, i) => {
    if ((taken.get(label) ?? 0) < valPerClass) keep.push(i);
    taken.set(label, (taken.get(label) ?? 0) + 1);
  });
  data.val = selectImages(data.val, keep);
  if (task.dataset === "fashion-mnist") {
    const { arch } = BASE_MODELS[task.baseModel];
    data.test = resizeImages(fashionTestSet(task.targetClasses), { width: arch.inputWidth, height: arch.inputHeight });
  }
  return data;
}

function loadBase(id: string): tf.io.ModelArtifacts {
  const dir = path.join(publicDir, "models", id);
  return artifactsFromFiles(readFileSync(path.join(dir, "model.json"), "utf8"), new Uint8Array(readFileSync(path.join(dir, "weights.bin"))));
}

// ── Running ────────────────────────────────────────────────────────────────────────────────────

const dataCache = new Map<LabTaskId, TaskData>();
async function runJob(job: Job): Promise<Outcome> {
  const task = requireLabTask(job.taskId);
  if (!dataCache.has(task.id)) dataCache.set(task.id, loadData(task.id));
  const data = dataCache.get(task.id)!;
  const settings = settingsFor(task.id);
  const trainExamples = sampleKPerClass(data.train.labels, examplesPerClassCount(job.examplesPerClass), job.seed).length;
  const epochs = budgetEpochs(settings.budget, trainExamples, settings.batchSize);
  const config: LabRunConfig = {
    taskId: task.id,
    strategy: job.strategy,
    examplesPerClass: job.examplesPerClass,
    learningRate: settings.learningRate[job.strategy],
    epochs,
    batchSize: settings.batchSize,
    unfreezeLastLayers: settings.unfreezeLastLayers,
    seed: job.seed,
  };
  const { model, result } = await runExperiment({ config, data, pretrained: job.strategy === "from-scratch" ? null : loadBase(task.baseModel) });
  model.dispose();
  return {
    ...job,
    trainExamples: result.trainExamples,
    trainableParams: result.trainableParams,
    backend: result.backend,
    run: {
      seed: job.seed,
      testAccuracy: r4(result.testAccuracy),
      durationMs: Math.round(result.durationMs),
      epochs: result.history.length,
      optimizerSteps: result.history.length * Math.ceil(result.trainExamples / settings.batchSize),
      history: result.history.map((h) => [h.epoch, r4(h.loss), r4(h.accuracy), r4(h.valLoss), r4(h.valAccuracy)]),
      confusion: result.confusion,
    },
  };
}

async function worker() {
  await startNodeBackend();
  process.on("message", async (message: Job | "done") => {
    if (message === "done") process.exit(0);
    try {
      process.send!({ outcome: await runJob(message) });
    } catch (error) {
      process.send!({ error: `${jobKey(message)}: ${(error as Error).stack}` });
    }
  });
  process.send!({ ready: true });
}

async function runAll(list: Job[], report: (outcome: Outcome) => void) {
  // In the order asked for (sizes, then strategies, then seeds): what matters most first, so a
  // measurement cut short still has complete cells.
  const queue = [...list];
  if (jobs === 1) {
    await startNodeBackend();
    for (const job of queue) report(await runJob(job));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, () => {
      const child: ChildProcess = fork(self, ["--worker"], { execArgv: ["--import", "tsx"] });
      const next = () => {
        const job = queue.shift();
        child.send(job ?? "done");
      };
      child.on("message", (message: { ready?: boolean; outcome?: Outcome; error?: string }) => {
        if (message.error) console.error(`run failed: ${message.error}`);
        if (message.outcome) report(message.outcome);
        next();
      });
      return new Promise<void>((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`a worker exited with ${code}`)))));
    }),
  );
}

// ── Summaries ──────────────────────────────────────────────────────────────────────────────────

function summarise(outcomes: Outcome[], taskId: LabTaskId, data: { val: number; test: number; train: number }): MeasuredTask {
  const mine = outcomes.filter((o) => o.taskId === taskId);
  // Only cells with every seed of the measurement: a cell cut short by an interrupted run is left out.
  const allSeeds = new Set(mine.map((o) => o.seed)).size;
  const present = (k: ExamplesPerClass, s: TransferStrategy) => {
    const runs = mine.filter((o) => o.examplesPerClass === k && o.strategy === s).sort((a, b) => a.seed - b.seed);
    return runs.length === allSeeds ? runs : [];
  };
  const rows: MeasuredRow[] = EXAMPLES_PER_CLASS_CHOICES.flatMap((k) =>
    STRATEGIES.flatMap((strategy) => {
      const runs = present(k, strategy);
      if (!runs.length) return [];
      const stat = (pick: (run: MeasuredRun) => number) => {
        const { mean, sd } = meanAndSd(runs.map((o) => pick(o.run)));
        return { mean: r4(mean), sd: r4(sd), bySeed: Object.fromEntries(runs.map((o) => [String(o.seed), pick(o.run)])) };
      };
      return [
        {
          strategy,
          examplesPerClass: k,
          trainExamples: runs[0]!.trainExamples,
          trainableParams: runs[0]!.trainableParams,
          epochs: runs[0]!.run.epochs,
          testAccuracy: stat((run) => run.testAccuracy),
          durationMs: { ...stat((run) => run.durationMs), mean: Math.round(meanAndSd(runs.map((o) => o.run.durationMs)).mean) },
          runs: runs.map((o) => o.run),
        },
      ];
    }),
  );
  const task: MeasuredTask = {
    taskId,
    settings: { ...settingsFor(taskId), trainImages: data.train, valImages: data.val, testImages: data.test, testSource: testSource(taskId, data.test) },
    rows,
    comparisons: [],
    findings: [],
  };
  task.comparisons = comparisonsOf(task);
  task.findings = findings(task);
  return task;
}

const PAIRS: [TransferStrategy, TransferStrategy][] = [
  ["feature-extraction", "from-scratch"],
  ["fine-tuning", "from-scratch"],
  ["fine-tuning", "feature-extraction"],
];

function comparisonsOf(task: MeasuredTask): MeasuredComparison[] {
  const out: MeasuredComparison[] = [];
  const grid = EXAMPLES_PER_CLASS_CHOICES.filter((k) => task.rows.some((row) => row.examplesPerClass === k));
  const add = (a: MeasuredRow | undefined, b: MeasuredRow | undefined) => {
    if (a && b && Object.keys(a.testAccuracy.bySeed).filter((s) => s in b.testAccuracy.bySeed).length >= 2) out.push(compareRows(a, b));
  };
  for (const k of grid) for (const [a, b] of PAIRS) add(findRow(task, a, k), findRow(task, b, k));
  // From scratch with more data against feature extraction with less: the "how much data" claims.
  grid.forEach((k, i) => {
    for (const bigger of grid.slice(i + 1)) add(findRow(task, "from-scratch", bigger), findRow(task, "feature-extraction", k));
  });
  return out;
}

export const pointsOf = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}`;

function findings(task: MeasuredTask): string[] {
  const out: string[] = [];
  const pct = (x: number) => (x * 100).toFixed(1);
  const describe = (c: MeasuredComparison) =>
    `${c.a.examplesPerClass}/class: ${c.verdict} (${pointsOf(c.mean)} points, 95% interval ${pointsOf(c.low)} to ${pointsOf(c.high)}, ${c.wins}/${c.n} seeds)`;
  for (const [a, b] of PAIRS) {
    const same = task.comparisons.filter((c) => c.a.strategy === a && c.b.strategy === b && c.a.examplesPerClass === c.b.examplesPerClass);
    if (same.length) out.push(`${STRATEGY_LABELS[a]} vs ${STRATEGY_LABELS[b].toLowerCase()}, test accuracy: ${same.map(describe).join("; ")}.`);
  }
  const ratios = EXAMPLES_PER_CLASS_CHOICES.filter((k): k is Exclude<ExamplesPerClass, "all"> => k !== "all" && !!findRow(task, "feature-extraction", k)).map((k) => dataRatio(task, k))
    .filter((r) => r.compared > 0);
  if (ratios.length) {
    out.push(
      `Data: ${ratios
        .map((r) => {
          const fe = findRow(task, "feature-extraction", r.examplesPerClass)!;
          return r.matchedAt === null
            ? `feature extraction with ${r.examplesPerClass}/class (${pct(fe.testAccuracy.mean)}%) stayed clearly ahead of from scratch at every larger size measured`
            : `from scratch was first not clearly worse than feature extraction with ${r.examplesPerClass}/class (${pct(fe.testAccuracy.mean)}%) at ${r.matchedAt}/class (${r.ratio!.toFixed(r.ratio! < 10 ? 1 : 0)}× the data, on the measured grid)`;
        })
        .join("; ")}.`,
    );
  }
  const time = EXAMPLES_PER_CLASS_CHOICES.flatMap((k) => {
    const fe = findRow(task, "feature-extraction", k);
    const scratch = findRow(task, "from-scratch", k);
    const ft = findRow(task, "fine-tuning", k);
    if (!scratch || (!fe && !ft)) return [];
    const parts = [fe && `feature extraction ${(fe.durationMs.mean / 1000).toFixed(2)} s`, ft && `fine-tuning ${(ft.durationMs.mean / 1000).toFixed(2)} s`, `from scratch ${(scratch.durationMs.mean / 1000).toFixed(2)} s`];
    return [`${k}/class (${scratch.epochs} epochs): ${parts.filter(Boolean).join(", ")}`];
  });
  if (time.length) out.push(`Training time (mean): ${time.join("; ")}.`);
  return out;
}

function printTable(task: MeasuredTask) {
  const pct = (x: number) => (x * 100).toFixed(1);
  console.log(`\n${requireLabTask(task.taskId).title} (${task.settings.testImages} test images)`);
  console.log(`| examples/class | epochs | ${STRATEGIES.map((s) => `${STRATEGY_LABELS[s]} acc % | time s`).join(" | ")} |`);
  console.log(`|---|---:|${STRATEGIES.map(() => "---:|---:").join("|")}|`);
  for (const k of EXAMPLES_PER_CLASS_CHOICES) {
    const any = task.rows.find((r) => r.examplesPerClass === k);
    if (!any) continue;
    const cells = STRATEGIES.map((s) => {
      const r = findRow(task, s, k);
      return r ? `${pct(r.testAccuracy.mean)} ± ${pct(r.testAccuracy.sd)} | ${(r.durationMs.mean / 1000).toFixed(2)}` : "– | –";
    });
    console.log(`| ${k} (${any.trainExamples}) | ${any.epochs} | ${cells.join(" | ")} |`);
  }
  for (const finding of task.findings) console.log(`- ${finding}`);
}

// ── The bases on every test image of their source classes ──────────────────────────────────────

async function measureBase(id: BaseModelId): Promise<NonNullable<Measurements["base"]>> {
  const info = BASE_MODELS[id];
  let set: ImageSet;
  if (info.dataset === "fashion-mnist") {
    debianRoot ??= unpackDebianPackages((line) => console.error(line));
    const test = readFashionMnist(debianRoot, "t10k");
    set = joinClasses(
      info.sourceClasses.map((c) => {
        const images = imagesOfClass(test, c);
        const pixels = new Float32Array(images.length * test.width * test.height);
        images.forEach((image, i) => image.forEach((v, p) => (pixels[i * image.length + p] = v / 255)));
        return { pixels, count: images.length };
      }),
      { width: test.width, height: test.height },
    );
  } else {
    const index = datasetIndex.parse(JSON.parse(readFileSync(path.join(publicDir, "datasets", "index.json"), "utf8")));
    const { decodeSplit } = await import("../../lib/ml/datasets");
    set = decodeSplit(index.datasets[info.dataset]!, "test", info.sourceClasses, (file) => new Uint8Array(readFileSync(path.join(publicDir, "datasets", file))));
  }
  const model = await loadModel(loadBase(id));
  const x = tf.tensor4d(set.images, [set.count, set.height, set.width, 1]);
  const evaluation = await evaluate(model, x, set.labels, info.sourceClasses.length);
  x.dispose();
  model.dispose();
  return { testImages: set.count, testAccuracy: r4(evaluation.accuracy), confusion: evaluation.confusion };
}

/** Writes the base's re-measured accuracy and the protocol into its model card (card.json and README.md). */
function updateModelCard(id: BaseModelId, base: NonNullable<Measurements["base"]>, protocol: string[]) {
  const dir = path.join(publicDir, "models", id);
  const card = modelCard.parse(JSON.parse(readFileSync(path.join(dir, "card.json"), "utf8")));
  const info = BASE_MODELS[id];
  const testSource =
    info.dataset === "fashion-mnist"
      ? `all ${count(base.testImages)} official Fashion-MNIST test images of classes ${info.sourceClasses.join("–").replace(/–.*–/, "–")}`
      : `the shipped test split of digits ${info.sourceClasses[0]}–${info.sourceClasses.at(-1)} (${base.testImages} images)`;
  card.evaluation = { testImages: base.testImages, testAccuracy: base.testAccuracy, testSource, measuredAt: new Date().toISOString(), protocol };
  writeFileSync(path.join(dir, "card.json"), `${JSON.stringify(card, null, 2)}\n`);
  const readme = readFileSync(path.join(dir, "README.md"), "utf8").replace(/\n## Measured by `npm run ml:measure`[\s\S]*$/, "\n");
  const section = [
    "## Measured by `npm run ml:measure`",
    "",
    `- **Test accuracy (source classes), re-measured:** ${(base.testAccuracy * 100).toFixed(1)}% on ${testSource}. (The figure above was measured at pretraining time on the 500 shipped test images.)`,
    "- **How the lab's transfer measurements are made** (public/models/" + id + "/measurements.json):",
    ...protocol.map((sentence) => `  - ${sentence}`),
    "",
  ].join("\n");
  writeFileSync(path.join(dir, "README.md"), `${readme.trimEnd()}\n\n${section}`);
}

const count = (n: number) => n.toLocaleString("en");

// ── Main ───────────────────────────────────────────────────────────────────────────────────────

function writeFile(base: BaseModelId, summaries: MeasuredTask[], baseResult: Measurements["base"], extra: { backend: string; wallMinutes: number; seeds: number[] }) {
  const file = path.join(publicDir, "models", base, "measurements.json");
  let previous: Measurements | null = null;
  if (existsSync(file)) {
    const parsed = measurements.safeParse(JSON.parse(readFileSync(file, "utf8")));
    previous = parsed.success ? parsed.data : null;
  }
  const kept = (previous?.tasks ?? []).filter((t) => !summaries.some((s) => s.taskId === t.taskId));
  const next: Measurements = measurements.parse({
    version: MEASUREMENTS_VERSION,
    generatedAt: new Date().toISOString(),
    backend: extra.backend,
    seeds: extra.seeds,
    protocol: protocolSentences(extra.seeds),
    base: baseResult ?? previous?.base,
    tasks: [...kept, ...summaries].sort((a, b) => LAB_TASKS.findIndex((t) => t.id === a.taskId) - LAB_TASKS.findIndex((t) => t.id === b.taskId)),
    command: "npm run ml:measure",
    wallMinutes: Math.round(extra.wallMinutes * 10) / 10,
    jobs,
  });
  writeFileSync(file, `${JSON.stringify(next)}\n`);
  console.log(`wrote public/models/${base}/measurements.json`);
}

async function main() {
  if (process.argv.includes("--worker")) return worker();
  const started = Date.now();
  const bases = [...new Set(tasks.map((task) => task.baseModel))];
  if (process.argv.includes("--base-only")) {
    await startNodeBackend();
    for (const base of bases) {
      const result = await measureBase(base);
      console.log(`${base}: ${(result.testAccuracy * 100).toFixed(1)}% on ${result.testImages} test images`);
      const file = path.join(publicDir, "models", base, "measurements.json");
      const data = measurements.parse(JSON.parse(readFileSync(file, "utf8")));
      writeFileSync(file, `${JSON.stringify({ ...data, base: result })}\n`);
    }
    return;
  }
  const allJobs: Job[] = tasks.flatMap((task) => sizes.flatMap((examplesPerClass) => strategies.flatMap((strategy) => seeds.map((seed) => ({ taskId: task.id, strategy, examplesPerClass, seed })))));
  const outcomes: Outcome[] = [];
  if (resumeFile && existsSync(resumeFile)) {
    // Every run of these tasks in the file counts, also sizes or seeds not asked for this time: a
    // measurement can be extended a size or a seed at a time.
    const measured = new Set<string>(tasks.map((task) => task.id));
    const seen = new Set<string>();
    for (const line of readFileSync(resumeFile, "utf8").split("\n").filter(Boolean)) {
      const outcome = JSON.parse(line) as Outcome;
      if (measured.has(outcome.taskId) && !seen.has(jobKey(outcome))) {
        seen.add(jobKey(outcome));
        outcomes.push(outcome);
      }
    }
    console.log(`resuming: ${outcomes.length} of ${allJobs.length} runs already in ${resumeFile}`);
  }
  const done = new Set(outcomes.map(jobKey));
  const progress = (outcome: Outcome) => {
    outcomes.push(outcome);
    if (resumeFile) appendFileSync(resumeFile, `${JSON.stringify(outcome)}\n`);
    const minutes = (Date.now() - started) / 60_000;
    console.log(
      `[${outcomes.length}/${allJobs.length} ${minutes.toFixed(1)} min] ${outcome.taskId} ${outcome.strategy} ${outcome.examplesPerClass}/class seed ${outcome.seed}: ${(outcome.run.testAccuracy * 100).toFixed(1)}% in ${(outcome.run.durationMs / 1000).toFixed(2)} s (${outcome.run.epochs} epochs)`,
    );
  };
  // --no-run: summarise what the resume file holds, without training anything more.
  if (!process.argv.includes("--no-run"))
    await runAll(
      allJobs.filter((job) => !done.has(jobKey(job))),
      progress,
    );
  await startNodeBackend();
  const index = datasetIndex.parse(JSON.parse(readFileSync(path.join(publicDir, "datasets", "index.json"), "utf8")));
  const backend = [...new Set(outcomes.map((o) => o.backend))].join(", ");
  for (const base of bases) {
    const summaries = tasks
      .filter((task) => task.baseModel === base)
      .map((task) => {
        const perClass = (split: "train" | "val") => task.targetClasses.reduce((sum, c) => sum + index.datasets[task.dataset]!.splits[split].perClass[c]!, 0);
        const test = task.dataset === "fashion-mnist" ? fashionTestSet(task.targetClasses).count : task.targetClasses.reduce((sum, c) => sum + index.datasets[task.dataset]!.splits.test.perClass[c]!, 0);
        return summarise(outcomes, task.id, { train: perClass("train"), val: Math.min(valPerClass * task.targetClasses.length, perClass("val")), test });
      });
    summaries.forEach(printTable);
    const baseResult = await measureBase(base);
    console.log(`${base} on all ${baseResult.testImages} test images of its source classes: ${(baseResult.testAccuracy * 100).toFixed(1)}%`);
    updateModelCard(base, baseResult, protocolSentences([...new Set(outcomes.map((o) => o.seed))].sort((x, y) => x - y)));
    writeFile(base, summaries, baseResult, { backend, wallMinutes: (Date.now() - started) / 60_000, seeds: [...new Set(outcomes.map((o) => o.seed))].sort((x, y) => x - y) });
  }
  console.log(`${outcomes.length} runs in ${((Date.now() - started) / 60_000).toFixed(1)} min (${jobs} processes)`);
}

await main();
