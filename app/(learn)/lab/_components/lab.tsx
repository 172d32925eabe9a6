"use client";

import { useEffect, useMemo, useState } from "react";
import { EXAMPLES_PER_CLASS_CHOICES, trainingStages, type ExamplesPerClass, type LabRunConfig } from "@/lib/ml/config";
import { isLive, runColor, runLabel } from "@/lib/ml/lab-runs";
import { findLabPreset, LAB_PRESETS, type LabPreset } from "@/lib/ml/presets";
import { STRATEGIES, STRATEGY_LABELS, trainableBaseLayers, usesPretrainedWeights } from "@/lib/ml/strategies";
import { BASE_MODELS, LAB_TASKS, requireLabTask, type LabTaskId } from "@/lib/ml/tasks";
import type { TransferStrategy } from "@/lib/ml/vocabulary";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { ConfusionMatrix } from "./confusion-matrix";
import { LearningCurves } from "./learning-curves";
import { MeasuredPanel } from "./measured-panel";
import { ModelCardSummary } from "./model-card-summary";
import { NetworkDiagram } from "./network-diagram";
import { PredictVerify, verdictFor, type Prediction } from "./predict-verify";
import { RunsTable } from "./runs-table";
import { TryIt } from "./try-it";
import { useLabRuns } from "./use-lab-runs";
import type { BackendChoice } from "./use-lab-worker";

const LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.003, 0.005, 0.01, 0.03, 0.1];
const BATCH_SIZES = [8, 16, 32, 64, 128];
const UNFREEZE_LABELS = ["", "1: conv2, the last conv layer", "2: conv1 and conv2, the whole base"];
const BACKEND_LABELS: Record<BackendChoice, string> = { auto: "Automatic (hardware WebGL, else WebAssembly, else CPU)", webgl: "WebGL", wasm: "WebAssembly", cpu: "CPU (plain JavaScript)" };

function configFromPreset(preset: LabPreset): LabRunConfig {
  return {
    taskId: preset.task,
    strategy: preset.strategies[0]!,
    examplesPerClass: (EXAMPLES_PER_CLASS_CHOICES as readonly (number | string)[]).includes(preset.examplesPerClass) ? (preset.examplesPerClass as ExamplesPerClass) : 10,
    learningRate: preset.learningRate,
    epochs: preset.epochs,
    batchSize: preset.batchSize,
    unfreezeLastLayers: preset.unfreezeLastLayers,
    seed: 1,
  };
}

const STRATEGY_HELP: Record<TransferStrategy, (config: LabRunConfig) => string> = {
  "feature-extraction": () => "The pretrained base stays frozen; only a new head trains, on features the base computes once.",
  "fine-tuning": (config) => {
    const [head, tune] = trainingStages(config);
    return `Two stages, as in the lesson: ${head!.epochs} epochs train the new head alone at ${head!.learningRate}, then ${tune!.epochs} epochs train it with the unfrozen layers at a tenth of that, ${tune!.learningRate}.`;
  },
  "from-scratch": () => "The same network with random weights: every layer learns from your examples alone.",
};

const selectClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900";

export function Lab({ presetId, backendParam }: { presetId: string | null; backendParam: BackendChoice | null }) {
  const requested = presetId ? findLabPreset(presetId) : undefined;
  const [preset, setPreset] = useState<LabPreset>(requested ?? LAB_PRESETS[0]!);
  const [config, setConfig] = useState<LabRunConfig>(() => configFromPreset(requested ?? LAB_PRESETS[0]!));
  const [backendChoice, setBackendChoice] = useState<BackendChoice>(backendParam ?? "auto");
  const [prediction, setPrediction] = useState<Prediction>({ accuracy: null, speed: null, lockedAt: null });
  const { runs, active, worker, workerError, server, announcement, testImages, startRuns: start, stopAll, toggleChart, requestTestImages, predict } = useLabRuns(backendChoice);

  const task = requireLabTask(config.taskId);
  const base = BASE_MODELS[task.baseModel];
  const busy = active !== null;
  const ready = worker.status === "ready";
  const latest = runs.find((run) => !run.fromHistory) ?? null;
  const startRuns = (strategies: readonly TransferStrategy[]) => start(strategies, config, preset.id, task.targetClasses.map(String));

  useEffect(() => {
    if (!testImages[task.id] && ready) requestTestImages(task.id);
  }, [task.id, ready, requestTestImages, testImages]);

  const verdict = useMemo(() => verdictFor(prediction, runs), [prediction, runs]);
  const charted = runs.filter((run) => run.showOnChart && run.history.length + (isLive(run) ? 1 : 0) > 0);
  const curveRuns = charted.map((run) => ({ id: run.runId, label: runLabel(run), color: runColor(run), history: run.history, epochs: run.config.epochs }));
  const setField = <K extends keyof LabRunConfig>(key: K, value: LabRunConfig[K]) => setConfig((current) => ({ ...current, [key]: value }));

  return (
    <div className="space-y-8">
      {presetId && !requested ? <Alert tone="info">There is no lab preset called “{presetId}”; showing “{preset.title}” instead.</Alert> : null}
      <p className="sr-only" aria-live="polite" role="status" data-testid="announcer">
        {announcement}
      </p>

      <section aria-labelledby="setup-heading" className="space-y-4">
        <h2 id="setup-heading" className="text-lg font-semibold">
          Set up the experiment
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">{preset.description}</p>
        <form
          className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
          onSubmit={(event) => {
            event.preventDefault();
            startRuns([config.strategy]);
          }}
        >
          <label className="space-y-1 text-sm">
            <span className="font-medium">Preset</span>
            <select
              className={selectClass}
              value={preset.id}
              onChange={(event) => {
                const next = findLabPreset(event.target.value)!;
                setPreset(next);
                setConfig((current) => ({ ...configFromPreset(next), seed: current.seed }));
              }}
            >
              {LAB_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-sm sm:col-span-2">
            <span className="font-medium">Task (source → target, and how similar they are)</span>
            <select className={selectClass} value={config.taskId} onChange={(event) => setField("taskId", event.target.value as LabTaskId)} aria-describedby="task-description">
              {LAB_TASKS.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title}
                </option>
              ))}
            </select>
            <span id="task-description" className="block text-slate-600 dark:text-slate-400">
              {task.description} Base: {base.title}.
            </span>
          </label>
          <fieldset className="space-y-1 text-sm" aria-describedby="strategy-description">
            <legend className="font-medium">Strategy</legend>
            {STRATEGIES.map((strategy) => (
              <label key={strategy} className="flex items-center gap-2">
                <input type="radio" name="strategy" value={strategy} checked={config.strategy === strategy} onChange={() => setField("strategy", strategy)} className="h-4 w-4" />
                {STRATEGY_LABELS[strategy]}
              </label>
            ))}
            <p id="strategy-description" className="text-slate-600 dark:text-slate-400">
              {STRATEGY_HELP[config.strategy](config)}
            </p>
          </fieldset>
          <fieldset className="space-y-1 text-sm">
            <legend className="font-medium">Examples per class</legend>
            <div className="flex flex-wrap gap-3">
              {EXAMPLES_PER_CLASS_CHOICES.map((choice) => (
                <label key={choice} className="flex items-center gap-1">
                  <input type="radio" name="examples-per-class" value={choice} checked={config.examplesPerClass === choice} onChange={() => setField("examplesPerClass", choice)} className="h-4 w-4" />
                  {choice}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="space-y-1 text-sm">
            <span className="font-medium">Layers to unfreeze (fine-tuning)</span>
            <select className={selectClass} value={Math.max(config.unfreezeLastLayers, 1)} disabled={config.strategy !== "fine-tuning"} onChange={(event) => setField("unfreezeLastLayers", Number(event.target.value))}>
              {[1, 2].map((n) => (
                <option key={n} value={n}>
                  {UNFREEZE_LABELS[n]}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-sm">
            <span className="font-medium">Learning rate (fine-tuned layers get a tenth)</span>
            <select className={selectClass} value={config.learningRate} onChange={(event) => setField("learningRate", Number(event.target.value))}>
              {Array.from(new Set([...LEARNING_RATES, config.learningRate]))
                .sort((a, b) => a - b)
                .map((lr) => (
                  <option key={lr} value={lr}>
                    {lr}
                  </option>
                ))}
            </select>
          </label>
          <label className="space-y-1 text-sm">
            <span className="font-medium">Epochs</span>
            <input type="number" min={1} max={200} required className={selectClass} value={config.epochs} onChange={(event) => setField("epochs", Math.min(200, Math.max(1, Math.round(Number(event.target.value) || 1))))} />
          </label>
          <label className="space-y-1 text-sm">
            <span className="font-medium">Batch size</span>
            <select className={selectClass} value={config.batchSize} onChange={(event) => setField("batchSize", Number(event.target.value))}>
              {Array.from(new Set([...BATCH_SIZES, config.batchSize]))
                .sort((a, b) => a - b)
                .map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
            </select>
          </label>
          <label className="space-y-1 text-sm">
            <span className="font-medium">Seed</span>
            <input type="number" min={0} max={2147483647} required className={selectClass} value={config.seed} onChange={(event) => setField("seed", Math.max(0, Math.round(Number(event.target.value) || 0)))} aria-describedby="seed-hint" />
            <span id="seed-hint" className="block text-slate-600 dark:text-slate-400">
              Picks the training examples, their order and the new weights. Change it to see how much a result varies.
            </span>
          </label>
          <label className="space-y-1 text-sm">
            <span className="font-medium">Backend</span>
            <select className={selectClass} value={backendChoice} onChange={(event) => setBackendChoice(event.target.value as BackendChoice)} disabled={busy}>
              {(Object.keys(BACKEND_LABELS) as BackendChoice[]).map((choice) => (
                <option key={choice} value={choice}>
                  {BACKEND_LABELS[choice]}
                </option>
              ))}
            </select>
            <span className="block text-slate-600 dark:text-slate-400" data-testid="backend">
              {worker.status === "ready" ? `Running on ${worker.backend}` : worker.status === "failed" ? "No backend could start" : "Starting TensorFlow.js…"}
              {worker.fallbacks.length ? ` (skipped ${worker.fallbacks.join("; ")})` : ""}
            </span>
          </label>
          <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-3">
            <Button type="submit" disabled={!ready || busy}>
              Train {STRATEGY_LABELS[config.strategy].toLowerCase()}
            </Button>
            <Button type="button" variant="secondary" disabled={server.starting} onClick={() => server.startOnServer(config, preset.id)}>
              Run on server
            </Button>
            <Button type="button" variant="secondary" disabled={!ready || busy} onClick={() => startRuns([...STRATEGIES])}>
              Run all three strategies
            </Button>
            <Button type="button" variant="secondary" disabled={!busy} onClick={stopAll}>
              Stop
            </Button>
            {active ? (
              <span className="text-sm">
                {active.message ?? "Queued…"} {active.status === "running" ? `Epoch ${active.history.length} of ${active.config.epochs}.` : ""}
              </span>
            ) : null}
          </div>
        </form>
        {workerError || worker.error ? <Alert>{workerError ?? worker.error}</Alert> : null}
        {server.error ? <Alert>{server.error}</Alert> : null}
        <p className="text-sm text-slate-600 dark:text-slate-400">
          “Run on server” trains the same experiment on the site&apos;s training workers (on a GPU where the server has one) and streams its curves here; the runs table shows where and on what each run trained.
        </p>
        <ModelCardSummary baseModel={task.baseModel} />
      </section>

      <NetworkDiagram arch={base.arch} classes={task.targetClasses.length} trainableBaseLayers={trainableBaseLayers(config.strategy, config.unfreezeLastLayers)} pretrained={usesPretrainedWeights(config.strategy)} />

      <PredictVerify prediction={prediction} onChange={setPrediction} verdict={verdict} onRunAll={() => startRuns([...STRATEGIES])} canRun={ready && !busy} />

      <section aria-labelledby="curves-heading" className="space-y-4">
        <h2 id="curves-heading" className="text-lg font-semibold">
          Learning curves
        </h2>
        {curveRuns.length ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <LearningCurves metric="accuracy" runs={curveRuns} />
            <LearningCurves metric="loss" runs={curveRuns} />
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Train a run, or tick runs in the table below, to see their curves.</p>
        )}
      </section>

      {latest?.result ? (
        <section aria-labelledby="result-heading" className="space-y-3">
          <h2 id="result-heading" className="text-lg font-semibold">
            Result of run {runLabel(latest)}
          </h2>
          <p className="text-sm" data-testid="latest-result">
            Test accuracy <strong>{(latest.result.testAccuracy * 100).toFixed(1)}%</strong> on {latest.result.confusion.flat().reduce((a, b) => a + b, 0)} test images · training time {(latest.result.durationMs / 1000).toFixed(2)} s on {latest.result.backend} ·{" "}
            {latest.result.trainableParams.toLocaleString("en")} trainable of {latest.result.totalParams.toLocaleString("en")} parameters · {latest.result.trainExamples} training examples
            {latest.result.unfrozeAfterEpoch ? ` · base layers unfrozen after epoch ${latest.result.unfrozeAfterEpoch}` : ""}
            {latest.result.stopped ? " · stopped early" : ""}
          </p>
          <ConfusionMatrix matrix={latest.result.confusion} classNames={latest.classNames} caption="Confusion matrix on the test set" />
        </section>
      ) : null}

      <section aria-labelledby="runs-heading" className="space-y-3">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Runs
        </h2>
        <RunsTable runs={runs} onToggle={toggleChart} onCancelServerRun={server.cancelOnServer} onCheckInBrowser={(run) => void server.checkInBrowser(run)} canCheck={ready} />
      </section>

      <section aria-labelledby="try-heading" className="space-y-3">
        <h2 id="try-heading" className="text-lg font-semibold">
          Try it yourself
        </h2>
        <TryIt runs={runs} testImages={testImages} requestTestImages={requestTestImages} predict={predict} />
      </section>

      <section aria-labelledby="measured-heading" className="space-y-3">
        <h2 id="measured-heading" className="text-lg font-semibold">
          What we measured
        </h2>
        <MeasuredPanel baseModel={task.baseModel} taskId={task.id} />
      </section>
    </div>
  );
}
