"use client";

import type { TransferStrategy } from "@/lib/ml/vocabulary";
import { STRATEGIES, STRATEGY_LABELS } from "@/lib/ml/strategies";
import { Button } from "@/app/_components/button";
import type { RunRecord } from "@/lib/ml/lab-runs";

export type Prediction = { accuracy: TransferStrategy | null; speed: TransferStrategy | null; lockedAt: number | null };

export type Verdict = {
  accuracyWinner: RunRecord;
  speedWinner: RunRecord;
  runs: RunRecord[];
};

/**
 * The first complete comparison after the prediction was locked in: one finished run of each
 * strategy on the same task and examples per class (the latest of each, if there are several).
 */
export function verdictFor(prediction: Prediction, runs: RunRecord[]): Verdict | null {
  if (prediction.lockedAt === null) return null;
  const after = runs.filter((run) => run.status === "done" && run.result && run.createdAt >= prediction.lockedAt!);
  const first = after.at(-1);
  if (!first) return null;
  const comparable = after.filter((run) => run.config.taskId === first.config.taskId && run.config.examplesPerClass === first.config.examplesPerClass);
  const latest = STRATEGIES.map((strategy) => comparable.find((run) => run.config.strategy === strategy));
  if (latest.some((run) => !run)) return null;
  const complete = latest as RunRecord[];
  const accuracyWinner = complete.reduce((best, run) => (run.result!.testAccuracy > best.result!.testAccuracy ? run : best));
  const speedWinner = complete.reduce((best, run) => (run.result!.durationMs < best.result!.durationMs ? run : best));
  return { accuracyWinner, speedWinner, runs: complete };
}

function StrategyChoice({ name, legend, value, disabled, onChange }: { name: string; legend: string; value: TransferStrategy | null; disabled: boolean; onChange: (value: TransferStrategy) => void }) {
  return (
    <fieldset className="space-y-1" disabled={disabled}>
      <legend className="text-sm font-medium">{legend}</legend>
      {STRATEGIES.map((strategy) => (
        <label key={strategy} className="flex items-center gap-2 text-sm">
          <input type="radio" name={name} value={strategy} checked={value === strategy} onChange={() => onChange(strategy)} className="h-4 w-4" />
          {STRATEGY_LABELS[strategy]}
        </label>
      ))}
    </fieldset>
  );
}

export function PredictVerify({ prediction, onChange, verdict, onRunAll, canRun }: { prediction: Prediction; onChange: (prediction: Prediction) => void; verdict: Verdict | null; onRunAll: () => void; canRun: boolean }) {
  const locked = prediction.lockedAt !== null;
  const percent = (run: RunRecord) => `${(run.result!.testAccuracy * 100).toFixed(1)}%`;
  const time = (run: RunRecord) => `${(run.result!.durationMs / 1000).toFixed(2)} s`;
  return (
    <section aria-labelledby="predict-heading" className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="predict-heading" className="text-lg font-semibold">
        Predict, then verify
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">Before you run the comparison, commit to a prediction. The lab then runs all three strategies with the settings above and tells you whether you were right.</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <StrategyChoice name="predict-accuracy" legend="Which strategy will reach the highest test accuracy?" value={prediction.accuracy} disabled={locked} onChange={(accuracy) => onChange({ ...prediction, accuracy })} />
        <StrategyChoice name="predict-speed" legend="Which will finish training fastest?" value={prediction.speed} disabled={locked} onChange={(speed) => onChange({ ...prediction, speed })} />
      </div>
      <div className="flex flex-wrap gap-2">
        {locked ? (
          <Button type="button" variant="secondary" onClick={() => onChange({ accuracy: null, speed: null, lockedAt: null })}>
            Make a new prediction
          </Button>
        ) : (
          <Button
            type="button"
            disabled={!prediction.accuracy || !prediction.speed || !canRun}
            onClick={() => {
              onChange({ ...prediction, lockedAt: Date.now() });
              onRunAll();
            }}
          >
            Lock in and run all three
          </Button>
        )}
      </div>
      <div aria-live="polite">
        {locked && !verdict ? <p className="text-sm">Prediction locked in. The verdict appears when one run of each strategy on the same task and examples per class has finished.</p> : null}
        {verdict ? (
          <div className="space-y-1 text-sm" data-testid="verdict">
            <p>
              <strong>Accuracy:</strong> you predicted {STRATEGY_LABELS[prediction.accuracy!]}; {STRATEGY_LABELS[verdict.accuracyWinner.config.strategy]} won with {percent(verdict.accuracyWinner)} —{" "}
              <strong>{prediction.accuracy === verdict.accuracyWinner.config.strategy ? "right" : "wrong"}</strong>.
            </p>
            <p>
              <strong>Time:</strong> you predicted {STRATEGY_LABELS[prediction.speed!]}; {STRATEGY_LABELS[verdict.speedWinner.config.strategy]} was fastest at {time(verdict.speedWinner)} —{" "}
              <strong>{prediction.speed === verdict.speedWinner.config.strategy ? "right" : "wrong"}</strong>.
            </p>
            <p className="text-slate-600 dark:text-slate-400">
              {verdict.runs.map((run) => `${STRATEGY_LABELS[run.config.strategy]}: ${percent(run)} in ${time(run)}`).join(" · ")}. One seed is one sample: differences of a few points can flip with another seed.
            </p>
          </div>
        ) : null}
      </div>
    </section>
  );
}
