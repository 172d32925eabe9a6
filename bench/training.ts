// `npm run bench -- training`: the server's training workers, standalone (no web server): a
// throwaway embedded PostgreSQL with the migrations, runs put on the pg-boss queue as the web server
// puts them, and real worker processes (`npm run worker`'s entry) that train them.
//   1. samples/second of a worker per TensorFlow.js backend (tensorflow-gpu, tensorflow, wasm, cpu;
//      the ones that cannot start here are reported with the reason), on the lab's default
//      experiment (Fashion-MNIST 0–4 → 5–9, 10 examples per class, batch 16) per strategy, beside
//      the browser's figures for the same model from bench/results/lab.md (`npm run bench -- lab`);
//   2. time to a given validation accuracy (digits 5–9 from scratch, every training image);
//   3. queue latency, enqueue → first epoch recorded, of 20 runs queued at once;
//   4. training throughput beside PyTorch (CPU, one thread each, when python3 with torch is
//      installed, e.g. Debian's python3-torch): the lab's CNN from scratch at 28×28 and 8×8, batch
//      16, Adam, random images, training only; each framework in its own process, run in turns.
// Writes bench/results/training.md. BENCH_TRAINING_ONLY=pytorch runs section 4 alone (a few
// minutes) and writes bench/results/training-pytorch.md.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TrainingRunRequest } from "../lib/ml/run-kinds";
import { createPrismaClient } from "../server/db-client";
import { createBoss, enqueueTrainingRun, ensureTrainingQueue } from "../server/training/queue";
import { findFreePort, startEmbeddedPostgres } from "../scripts/db/embedded";
import { applyMigrations } from "../scripts/db/migrations";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BACKENDS = ["tensorflow-gpu", "tensorflow", "wasm", "cpu"] as const;
const STRATEGIES = ["feature-extraction", "fine-tuning", "from-scratch"] as const;
const TARGET_ACCURACY = 0.95;

type Worker = { child: ChildProcess; output: string[] };

async function startWorker(env: NodeJS.ProcessEnv): Promise<Worker | { error: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/training/worker.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      output.push(...chunk.toString().split("\n").filter(Boolean));
      if (output.some((line) => line.includes("[worker] ready"))) resolve({ child, output });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", () => resolve({ error: (output.find((line) => line.includes("No TensorFlow.js backend")) ?? output.at(-1) ?? "exited").replace(/^.*?No TensorFlow.js backend could start: /, "") }));
  });
}

async function stopWorker(worker: Worker) {
  if (worker.child.exitCode !== null) return;
  await new Promise((resolve) => {
    worker.child.once("exit", resolve);
    worker.child.kill("SIGTERM");
  });
}

/** Browser samples/s per backend and strategy from the lab benchmark's report, when there is one. */
function browserFigures(): { source: string; rates: Record<string, Record<string, number>> } | null {
  const file = path.join(root, "bench", "results", "lab.md");
  if (!existsSync(file)) return null;
  const text = readFileSync(file, "utf8");
  const rates: Record<string, Record<string, number>> = {};
  for (const line of text.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const backend = cells[1];
    if (!backend || !["webgl", "wasm", "cpu"].includes(backend)) continue;
    rates[backend] = Object.fromEntries(STRATEGIES.map((strategy, i) => [strategy, Number.parseFloat(/([\d.]+) samples\/s/.exec(cells[4 + i] ?? "")?.[1] ?? "NaN")]));
  }
  return { source: text.split("\n")[0] ?? "", rates };
}

type Throughput = { samplesPerSecond: number; samplesPerCpuSecond: number; torch?: string };

/** A python3 that can import torch (the first on PATH, then Debian's), or null. */
function torchPython(): string | null {
  for (const python of ["python3", "/usr/bin/python3"]) {
    const probe = spawnSync(python, ["-c", "import torch"], { stdio: "ignore" });
    if (probe.status === 0) return python;
  }
  return null;
}

function runThroughput(command: string, args: string[]): Throughput {
  const run = spawnSync(command, args, { cwd: root, encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } });
  const line = run.stdout.trim().split("\n").at(-1) ?? "";
  if (run.status !== 0 || !line.startsWith("{")) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr.slice(-400)}`);
  return JSON.parse(line) as Throughput;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Section 4: TensorFlow.js on wasm (lib/ml/train.ts) and PyTorch on the same model, in turns. */
function pytorchComparison(): string[] {
  const python = torchPython();
  const intro = "Training throughput beside PyTorch: the lab's CNN (conv 16 → pool → conv 32 → pool → dense, 5 classes) from scratch, batch 16, Adam lr 0.001, 1,024 random images, one thread each (wasm in Node is single-threaded; torch.set_num_threads(1)), after one warm-up epoch, no validation; bench/_training-throughput.ts and bench/_torch-reference.py, run in turns, 3 rounds, medians. Per CPU-second counts each process's own CPU time (less sensitive to other work on the machine).";
  if (!python) return [intro, "", "PyTorch comparison skipped: no python3 here can import torch (on Debian: `apt-get install -y python3-torch`)."];
  const shapes = [
    { name: "28×28 (Fashion-MNIST), valid padding", args: ["28", "valid", "5", "1024", "16", "2"] },
    { name: "8×8 (digits), same padding", args: ["8", "same", "5", "1024", "16", "4"] },
  ];
  const rows: string[] = [];
  let version = "?";
  for (const shape of shapes) {
    const ours: Throughput[] = [];
    const theirs: Throughput[] = [];
    for (let round = 0; round < 3; round++) {
      console.log(`  PyTorch comparison, ${shape.name}, round ${round + 1}…`);
      ours.push(runThroughput(process.execPath, ["--import", "tsx", "bench/_training-throughput.ts", ...shape.args]));
      theirs.push(runThroughput(python, ["bench/_torch-reference.py", ...shape.args]));
    }
    version = theirs[0]!.torch ?? version;
    const wall = ours.map((o, i) => o.samplesPerSecond / theirs[i]!.samplesPerSecond);
    const cpu = ours.map((o, i) => o.samplesPerCpuSecond / theirs[i]!.samplesPerCpuSecond);
    rows.push(
      `| ${shape.name} | ${median(ours.map((o) => o.samplesPerSecond)).toFixed(0)} | ${median(theirs.map((t) => t.samplesPerSecond)).toFixed(0)} | ${median(wall).toFixed(2)}× (${wall.map((r) => r.toFixed(2)).join(", ")}) | ${median(ours.map((o) => o.samplesPerCpuSecond)).toFixed(0)} | ${median(theirs.map((t) => t.samplesPerCpuSecond)).toFixed(0)} | ${median(cpu).toFixed(2)}× |`,
    );
  }
  return [
    intro,
    "",
    `| shape | TensorFlow.js wasm samples/s | PyTorch ${version} samples/s | ratio (per round) | wasm per CPU-s | PyTorch per CPU-s | ratio per CPU-s |`,
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows,
  ];
}

async function main() {
  if (process.env.BENCH_TRAINING_ONLY === "pytorch") {
    const text = [`Learnloop training benchmark, PyTorch comparison only — ${new Date().toISOString()} — ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.versions.node}, load average ${os.loadavg()[0]!.toFixed(1)} at the start`, "", ...pytorchComparison()].join("\n");
    console.log(`\n${text}`);
    mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    writeFileSync(path.join(root, "bench", "results", "training-pytorch.md"), `${text}\n`);
    return;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), "learnloop-bench-training-"));
  chmodSync(tmp, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), port: await findFreePort(), log: () => undefined });
  const report: string[] = [];
  const loadAtStart = os.loadavg()[0]!.toFixed(1);
  try {
    await applyMigrations({ databaseUrl: pg.url });
    const db = createPrismaClient({ databaseUrl: pg.url, max: 3 });
    const boss = createBoss(pg.url);
    await boss.start();
    await ensureTrainingQueue(boss);
    const user = await db.user.create({ data: { email: "bench@learnloop.local", name: "Bench" } });
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: pg.url, STORAGE_DIR: path.join(tmp, "storage"), TRAINING_HEARTBEAT_SECONDS: "2", TRAINING_EXPIRY_SECONDS: "300" };

    const enqueue = async (request: Extract<TrainingRunRequest, { kind: "experiment" }>) => {
      const run = await db.trainingRun.create({ data: { userId: user.id, kind: "EXPERIMENT", config: request, totalEpochs: request.config.epochs, trainExamples: 0 } });
      await enqueueTrainingRun(boss, run.id);
      return run.id;
    };
    const finished = async (runIds: string[], timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const runs = await db.trainingRun.findMany({ where: { id: { in: runIds } }, include: { metrics: { orderBy: { step: "asc" } } } });
        if (runs.every((run) => ["SUCCEEDED", "FAILED", "CANCELLED"].includes(run.status))) return runs;
        if (Date.now() > deadline) throw new Error(`runs did not finish in ${timeoutMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const experiment = (config: Partial<Extract<TrainingRunRequest, { kind: "experiment" }>["config"]>): Extract<TrainingRunRequest, { kind: "experiment" }> => ({
      kind: "experiment",
      presetId: null,
      config: { taskId: "fashion-5-9", strategy: "feature-extraction", examplesPerClass: 10, learningRate: 0.001, epochs: 20, batchSize: 16, unfreezeLastLayers: 1, seed: 1, ...config },
    });

    // 1 and 2: per backend.
    const browser = browserFigures();
    const rows: string[] = [];
    const accuracyRows: string[] = [];
    for (const backend of BACKENDS) {
      console.log(`  worker on ${backend}…`);
      const worker = await startWorker({ ...env, TRAINING_BACKEND: backend });
      if ("error" in worker) {
        rows.push(`| ${backend} | unavailable: ${worker.error.replace(/ imported from .*$/, "").slice(0, 160)} | | | |`);
        continue;
      }
      const device = worker.output.find((line) => line.includes("[worker] backend"))?.replace(/^.*? on /, "").replace(/;.*$/, "") ?? "?";
      // Plain JavaScript is ~20× slower than wasm: fewer epochs keep it bounded (a rate, not a total).
      const epochs = backend === "cpu" ? 1 : 20;
      const cells: string[] = [];
      for (const strategy of STRATEGIES) {
        const [run] = await finished([await enqueue(experiment({ strategy, epochs }))], 900_000);
        const result = run!.result as { samplesPerSecond: number; samplesSeen: number; durationMs: number; checkpointMs: number; testAccuracy: number } | null;
        const theirs = browser?.rates.wasm?.[strategy];
        const trainingOnly = result ? result.samplesSeen / ((result.durationMs - result.checkpointMs) / 1000) : 0;
        cells.push(
          result
            ? `${result.samplesPerSecond.toFixed(0)} samples/s (${(result.durationMs / 1000).toFixed(2)} s, ${(result.testAccuracy * 100).toFixed(1)}%${theirs ? `, ${(result.samplesPerSecond / theirs).toFixed(2)}× browser wasm` : ""}); ${trainingOnly.toFixed(0)}/s without the ${(result.checkpointMs / 1000).toFixed(2)} s of checkpoints`
            : `failed: ${run!.error}`,
        );
      }
      rows.push(`| ${backend} | ${device} | ${cells.join(" | ")} |`);
      const queuedAt = Date.now();
      const [curve] = await finished([await enqueue(experiment({ taskId: "digits-5-9", strategy: "from-scratch", examplesPerClass: "all", learningRate: 0.005, epochs: backend === "cpu" ? 3 : 20 }))], 900_000);
      const reached = curve!.metrics.find((m) => m.valAccuracy >= TARGET_ACCURACY);
      accuracyRows.push(
        `| ${backend} | ${reached ? `epoch ${reached.epoch}: ${(reached.elapsedMs / 1000).toFixed(2)} s of training, ${((reached.createdAt.getTime() - queuedAt) / 1000).toFixed(2)} s from enqueue` : `not reached in ${curve!.metrics.length} epochs (best ${(Math.max(...curve!.metrics.map((m) => m.valAccuracy)) * 100).toFixed(1)}%)`} |`,
      );
      await stopWorker(worker);
    }

    // 3: queue latency with 20 runs queued at once.
    const latencyRows: string[] = [];
    for (const concurrency of [1, 4]) {
      console.log(`  20 queued runs, WORKER_CONCURRENCY=${concurrency}…`);
      const worker = await startWorker({ ...env, TRAINING_BACKEND: "wasm", WORKER_CONCURRENCY: String(concurrency) });
      if ("error" in worker) throw new Error(worker.error);
      const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => enqueue(experiment({ taskId: "digits-5-9", examplesPerClass: 10, epochs: 2, learningRate: 0.005, seed: i + 1 }))));
      const runs = await finished(ids, 900_000);
      const waits = runs.map((run) => (run.metrics[0] ? run.metrics[0].createdAt.getTime() - run.queuedAt.getTime() : NaN)).sort((a, b) => a - b);
      const claims = runs.map((run) => run.startedAt!.getTime() - run.queuedAt.getTime()).sort((a, b) => a - b);
      const q = (values: number[], p: number) => values[Math.min(values.length - 1, Math.floor(p * values.length))]! / 1000;
      latencyRows.push(
        `| ${concurrency} | ${q(claims, 0).toFixed(2)} s | ${q(waits, 0).toFixed(2)} s | ${q(waits, 0.5).toFixed(2)} s | ${q(waits, 0.95).toFixed(2)} s | ${(waits.at(-1)! / 1000).toFixed(2)} s | ${runs.filter((r) => r.status === "SUCCEEDED").length}/20 |`,
      );
      await stopWorker(worker);
    }
    await boss.stop({ graceful: false });
    await db.$disconnect();

    report.push(
      `Learnloop training worker benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.versions.node}, load average ${loadAtStart} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (other work on the machine slows every figure)`,
      "",
      "Worker samples/s per backend: the lab's default experiment (Fashion-MNIST 0–4 → 5–9, 10 examples per class, batch 16, 20 epochs; 1 on cpu), validation after every epoch included, as the lab counts it.",
      browser ? `Browser figures compared: ${browser.source.replace(/^Learnloop ML lab benchmark — /, "")} (bench/results/lab.md), wasm column: ${STRATEGIES.map((s) => `${s} ${browser.rates.wasm?.[s] ?? "?"}`).join(", ")} samples/s.` : "No bench/results/lab.md here: run `npm run bench -- lab` first for the browser's figures.",
      "",
      "| backend | device | feature extraction | fine-tuning | from scratch |",
      "|---|---|---:|---:|---:|",
      ...rows,
      "",
      `Time to ${(TARGET_ACCURACY * 100).toFixed(0)}% validation accuracy: digits 5–9 from scratch, every training image (≈450), batch 16, lr 0.005.`,
      "",
      "| backend | reached |",
      "|---|---|",
      ...accuracyRows,
      "",
      "Queue latency with 20 runs queued at once (one wasm worker; each run: digits feature extraction, 10 per class, 2 epochs). Claim = enqueue → a worker claimed it; first epoch = enqueue → its first epoch recorded (includes waiting behind earlier runs).",
      "",
      "| WORKER_CONCURRENCY | first claim | first epoch, fastest | p50 | p95 | max | succeeded |",
      "|---:|---:|---:|---:|---:|---:|---:|",
      ...latencyRows,
      "",
      ...pytorchComparison(),
    );
  } finally {
    await pg.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const text = report.join("\n");
  console.log(`\n${text}`);
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  writeFileSync(path.join(root, "bench", "results", "training.md"), `${text}\n`);
}

await main();
