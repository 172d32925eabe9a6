// `npm run ml:measure [-- <task id>…] [--seeds 1,2,3] [--jobs 2]`: measures the lesson's claims with
// the lab's own code (lib/ml, as the browser runs it): feature extraction vs fine-tuning vs from
// scratch at 1, 5, 10, 50 and all examples per class, over several seeds, with the settings of the
// lessons' presets. Writes public/models/<base>/measurements.json (shown in the lab's "What we
// measured" panel) and prints the table. Tasks default to all; each task's entry is replaced, the
// others kept. --jobs runs shards in parallel processes (wasm in Node is single-threaded).
import { fork } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as tf from "@tensorflow/tfjs";
import { EXAMPLES_PER_CLASS_CHOICES, type ExamplesPerClass, type LabRunConfig } from "../../lib/ml/config";
import { datasetIndex } from "../../lib/ml/datasets";
import { prepareTaskData, runExperiment, type TaskData } from "../../lib/ml/experiment";
import { meanAndSd, measurements, type Measurements, type MeasurementRow, type MeasurementSettings } from "../../lib/ml/measurements";
import { artifactsFromFiles } from "../../lib/ml/model-io";
import type { TransferStrategy } from "../../lib/ml/vocabulary";
import { STRATEGIES, STRATEGY_LABELS } from "../../lib/ml/strategies";
import { LAB_TASKS, requireLabTask, type LabTaskId } from "../../lib/ml/tasks";
import { startNodeBackend } from "./backend";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const publicDir = path.join(root, "public");

// Each task is measured with the settings of the lessons' presets for it (lib/ml/presets.ts):
// Fashion-MNIST 20 epochs, batch 16, lr 0.001; digits 30 epochs, batch 16, lr 0.005. Fine-tuning
// trains the head alone for half the epochs at that rate, then unfreezes the last conv layer and
// continues at a tenth of it (lib/ml/config.ts, trainingStages).
function settingsFor(taskId: LabTaskId): MeasurementSettings {
  const digits = requireLabTask(taskId).baseModel === "digits-cnn";
  const lr = digits ? 0.005 : 0.001;
  return { epochs: digits ? 30 : 20, batchSize: 16, learningRate: { "feature-extraction": lr, "fine-tuning": lr, "from-scratch": lr }, unfreezeLastLayers: 1 };
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seeds = (option("--seeds") ?? "1,2,3").split(",").map(Number);
const jobs = Math.max(1, Number(option("--jobs") ?? 1));
const shard = option("--shard");
const taskIds = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith("--") && !all[i - 1]?.startsWith("--")) as LabTaskId[];
const tasks = taskIds.length ? taskIds.map((id) => requireLabTask(id)) : [...LAB_TASKS];

type Job = { taskId: LabTaskId; strategy: TransferStrategy; examplesPerClass: ExamplesPerClass; seed: number };
type Outcome = Job & { testAccuracy: number; durationMs: number; trainExamples: number; trainableParams: number; backend: string };

const allJobs: Job[] = tasks.flatMap((task) =>
  EXAMPLES_PER_CLASS_CHOICES.flatMap((examplesPerClass) => STRATEGIES.flatMap((strategy) => seeds.map((seed) => ({ taskId: task.id, strategy, examplesPerClass, seed })))),
);

function loadData(taskId: LabTaskId): TaskData {
  const task = requireLabTask(taskId);
  const index = datasetIndex.parse(JSON.parse(readFileSync(path.join(publicDir, "datasets", "index.json"), "utf8")));
  return prepareTaskData(task, index.datasets[task.dataset]!, (file) => new Uint8Array(readFileSync(path.join(publicDir, "datasets", file))));
}

function loadBase(id: string): tf.io.ModelArtifacts {
  const dir = path.join(publicDir, "models", id);
  return artifactsFromFiles(readFileSync(path.join(dir, "model.json"), "utf8"), new Uint8Array(readFileSync(path.join(dir, "weights.bin"))));
}

async function runJobs(list: Job[], report: (outcome: Outcome) => void) {
  await startNodeBackend();
  const data = new Map<LabTaskId, TaskData>();
  for (const job of list) {
    const task = requireLabTask(job.taskId);
    if (!data.has(task.id)) data.set(task.id, loadData(task.id));
    const settings = settingsFor(task.id);
    const config: LabRunConfig = {
      taskId: task.id,
      strategy: job.strategy,
      examplesPerClass: job.examplesPerClass,
      learningRate: settings.learningRate[job.strategy]!,
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      unfreezeLastLayers: settings.unfreezeLastLayers,
      seed: job.seed,
    };
    const { model, result } = await runExperiment({ config, data: data.get(task.id)!, pretrained: job.strategy === "from-scratch" ? null : loadBase(task.baseModel) });
    model.dispose();
    report({ ...job, testAccuracy: result.testAccuracy, durationMs: result.durationMs, trainExamples: result.trainExamples, trainableParams: result.trainableParams, backend: result.backend });
  }
}

function findings(rows: MeasurementRow[]): string[] {
  const out: string[] = [];
  const get = (strategy: TransferStrategy, k: number | "all") => rows.find((r) => r.strategy === strategy && r.examplesPerClass === k)!;
  const pts = (x: number) => `${(x * 100).toFixed(1)}`;
  const sizes = EXAMPLES_PER_CLASS_CHOICES;
  // Accuracy: the best transfer strategy against from scratch, per size, with the seeds' spread.
  const verdicts = sizes.map((k) => {
    const scratch = get("from-scratch", k);
    const best = [get("feature-extraction", k), get("fine-tuning", k)].reduce((a, b) => (a.testAccuracy.mean >= b.testAccuracy.mean ? a : b));
    const gap = best.testAccuracy.mean - scratch.testAccuracy.mean;
    const noise = Math.max(best.testAccuracy.sd, scratch.testAccuracy.sd, 0.01);
    return { k, gap, noise, best, scratch, clear: Math.abs(gap) > noise };
  });
  const wins = verdicts.filter((v) => v.clear && v.gap > 0).map((v) => v.k);
  const losses = verdicts.filter((v) => v.clear && v.gap < 0).map((v) => v.k);
  const ties = verdicts.filter((v) => !v.clear).map((v) => v.k);
  out.push(
    `Accuracy: transfer (the better of feature extraction and fine-tuning) beat from scratch by more than the seed-to-seed spread at ${wins.length ? wins.join(", ") : "no"} examples per class` +
      `${ties.length ? `; no clear difference at ${ties.join(", ")}` : ""}${losses.length ? `; from scratch was better at ${losses.join(", ")}` : ""}. ` +
      verdicts.map((v) => `${v.k}/class: ${STRATEGY_LABELS[v.best.strategy].toLowerCase()} ${pts(v.best.testAccuracy.mean)}% vs scratch ${pts(v.scratch.testAccuracy.mean)}%`).join("; ") +
      ".",
  );
  // Less data: how many examples per class from scratch needs to match feature extraction.
  const efficiency = sizes
    .filter((k) => k !== "all")
    .map((k) => {
      const target = get("feature-extraction", k).testAccuracy.mean;
      const match = sizes.find((m) => get("from-scratch", m).testAccuracy.mean >= target - 0.005);
      return { k, target, match, ratio: match === undefined ? Infinity : get("from-scratch", match).trainExamples / get("feature-extraction", k).trainExamples };
    });
  if (efficiency.every((e) => e.ratio <= 1.01)) {
    out.push("Less data: from scratch matched feature extraction with the same number of examples at every size; no data was saved here.");
  } else {
    const parts = efficiency.map((e) =>
      e.match === undefined
        ? `feature extraction with ${e.k}/class (${pts(e.target)}%) beat from scratch even with all ${get("from-scratch", "all").trainExamples} images`
        : e.ratio > 1.01
          ? `from scratch first matched feature extraction's ${pts(e.target)}% with ${e.k}/class at ${e.match}/class (${e.ratio.toFixed(0)}× the data)`
          : `at ${e.k}/class from scratch matched it with the same data`,
    );
    out.push(`Less data (on the 1/5/10/50/all grid): ${parts.join("; ")}.`);
  }
  // Time: training time of each strategy relative to from scratch.
  const speed = sizes.map((k) => `${k}/class ${(get("from-scratch", k).durationMs.mean / get("feature-extraction", k).durationMs.mean).toFixed(1)}×`);
  out.push(`Time: feature extraction (head on cached features) trained faster than from scratch at every size: ${speed.join(", ")}. Fine-tuning took ${(get("fine-tuning", 10).durationMs.mean / get("from-scratch", 10).durationMs.mean).toFixed(2)}× the time of from scratch at 10/class: it still runs the whole network forward and backpropagates into the unfrozen layers.`);
  return out;
}

function summarise(outcomes: Outcome[], taskId: LabTaskId) {
  const rows: MeasurementRow[] = EXAMPLES_PER_CLASS_CHOICES.flatMap((k) =>
    STRATEGIES.map((strategy) => {
      const mine = outcomes.filter((o) => o.taskId === taskId && o.strategy === strategy && o.examplesPerClass === k);
      return {
        strategy,
        examplesPerClass: k,
        trainExamples: mine[0]!.trainExamples,
        testAccuracy: meanAndSd(mine.map((o) => +o.testAccuracy.toFixed(4))),
        durationMs: meanAndSd(mine.map((o) => Math.round(o.durationMs))),
        trainableParams: mine[0]!.trainableParams,
      };
    }),
  );
  return { taskId, settings: settingsFor(taskId), rows, findings: findings(rows) };
}

function printTable(task: ReturnType<typeof summarise>) {
  const pct = (x: number) => (x * 100).toFixed(1);
  console.log(`\n${requireLabTask(task.taskId).title}`);
  console.log(`| examples/class | ${STRATEGIES.map((s) => `${STRATEGY_LABELS[s]} acc % | time s`).join(" | ")} |`);
  console.log(`|---|${STRATEGIES.map(() => "---:|---:").join("|")}|`);
  for (const k of EXAMPLES_PER_CLASS_CHOICES) {
    const cells = STRATEGIES.map((s) => {
      const r = task.rows.find((row) => row.strategy === s && row.examplesPerClass === k)!;
      return `${pct(r.testAccuracy.mean)} ± ${pct(r.testAccuracy.sd)} | ${(r.durationMs.mean / 1000).toFixed(2)}`;
    });
    console.log(`| ${k} (${task.rows.find((r) => r.examplesPerClass === k)!.trainExamples}) | ${cells.join(" | ")} |`);
  }
  for (const finding of task.findings) console.log(`- ${finding}`);
}

/** Rewrites the findings of an existing measurements.json from its numbers (no training). */
function refreshFindings() {
  for (const base of new Set(LAB_TASKS.map((task) => task.baseModel))) {
    const file = path.join(publicDir, "models", base, "measurements.json");
    if (!existsSync(file)) continue;
    const data = measurements.parse(JSON.parse(readFileSync(file, "utf8")));
    data.tasks = data.tasks.map((task) => ({ ...task, settings: settingsFor(task.taskId as LabTaskId), findings: findings(task.rows) }));
    writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
    for (const task of data.tasks) printTable({ ...task, taskId: task.taskId as LabTaskId });
  }
}

async function main() {
  if (process.argv.includes("--findings-only")) return refreshFindings();
  if (shard) {
    const [i, n] = shard.split("/").map(Number) as [number, number];
    await runJobs(
      allJobs.filter((_, j) => j % n === i),
      (outcome) => process.send!(outcome),
    );
    return;
  }
  const started = Date.now();
  const outcomes: Outcome[] = [];
  const progress = (outcome: Outcome) => {
    outcomes.push(outcome);
    console.log(`[${outcomes.length}/${allJobs.length}] ${outcome.taskId} ${outcome.strategy} ${outcome.examplesPerClass}/class seed ${outcome.seed}: ${(outcome.testAccuracy * 100).toFixed(1)}% in ${(outcome.durationMs / 1000).toFixed(2)} s`);
  };
  if (jobs === 1) {
    await runJobs(allJobs, progress);
  } else {
    const self = fileURLToPath(import.meta.url);
    await Promise.all(
      Array.from({ length: jobs }, (_, i) => {
        const child = fork(self, [...process.argv.slice(2), "--shard", `${i}/${jobs}`], { execArgv: ["--import", "tsx"] });
        child.on("message", (outcome: Outcome) => progress(outcome));
        return new Promise<void>((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`shard ${i} exited with ${code}`)))));
      }),
    );
  }
  const byBase = new Map<string, ReturnType<typeof summarise>[]>();
  for (const task of tasks) {
    const summary = summarise(outcomes, task.id);
    printTable(summary);
    byBase.set(task.baseModel, [...(byBase.get(task.baseModel) ?? []), summary]);
  }
  for (const [base, summaries] of byBase) {
    const file = path.join(publicDir, "models", base, "measurements.json");
    const previous: Measurements | null = existsSync(file) ? measurements.parse(JSON.parse(readFileSync(file, "utf8"))) : null;
    const kept = (previous?.tasks ?? []).filter((t) => !summaries.some((s) => s.taskId === t.taskId));
    const next: Measurements = measurements.parse({
      generatedAt: new Date().toISOString(),
      backend: Array.from(new Set(outcomes.map((o) => o.backend))).join(", "),
      seeds,
      tasks: [...kept, ...summaries].sort((a, b) => LAB_TASKS.findIndex((t) => t.id === a.taskId) - LAB_TASKS.findIndex((t) => t.id === b.taskId)),
      command: "npm run ml:measure",
    });
    writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
    console.log(`wrote public/models/${base}/measurements.json`);
  }
  console.log(`${allJobs.length} runs in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
}

await main();
