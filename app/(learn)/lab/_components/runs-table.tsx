"use client";

import { requireLabTask } from "@/lib/ml/tasks";
import { Button } from "@/app/_components/button";
import { accuraciesAgree, runColor, runLabel, samplesPerSecond, type RunRecord } from "@/lib/ml/lab-runs";

const STATUS_TEXT: Record<RunRecord["status"], string> = {
  queued: "queued",
  loading: "loading data",
  running: "training",
  done: "done",
  stopped: "stopped",
  failed: "failed",
};

function seconds(ms: number) {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Every run side by side; the checkboxes choose which runs the charts overlay. */
function BrowserCheck({ run, onCheck, canCheck }: { run: RunRecord; onCheck: (run: RunRecord) => void; canCheck: boolean }) {
  const check = run.browserCheck;
  if (run.where !== "server" || run.status !== "done" || !run.result) return null;
  if (!check)
    return (
      <Button type="button" variant="secondary" className="mt-1 px-2 py-0.5 text-xs" disabled={!canCheck} onClick={() => onCheck(run)}>
        Evaluate in this browser
      </Button>
    );
  if (check.status === "loading") return <span className="block text-xs">loading the model…</span>;
  if (check.status === "failed") return <span className="block text-xs text-red-700 dark:text-red-400">browser check failed: {check.message}</span>;
  const agree = accuraciesAgree(run.result.testAccuracy, check.accuracy, check.testImages);
  return (
    <span className="block text-xs" data-testid="browser-check">
      in this browser ({check.backend}): {(check.accuracy * 100).toFixed(1)}% {agree ? "· agrees" : "· differs"}
    </span>
  );
}

type RunsTableProps = {
  runs: RunRecord[];
  onToggle: (runId: string, show: boolean) => void;
  onCancelServerRun: (run: RunRecord) => void;
  onCheckInBrowser: (run: RunRecord) => void;
  canCheck: boolean;
};

export function RunsTable({ runs, onToggle, onCancelServerRun, onCheckInBrowser, canCheck }: RunsTableProps) {
  if (!runs.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No runs yet. Train one to see it here.</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full text-left text-sm" aria-describedby="runs-table-note">
        <caption className="sr-only">Runs compared side by side</caption>
        <thead className="text-xs uppercase text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-2 py-2">
              On chart
            </th>
            <th scope="col" className="px-2 py-2">
              Run
            </th>
            <th scope="col" className="px-2 py-2">
              Task
            </th>
            <th scope="col" className="px-2 py-2">
              Settings
            </th>
            <th scope="col" className="px-2 py-2">
              Trainable params
            </th>
            <th scope="col" className="px-2 py-2">
              Where
            </th>
            <th scope="col" className="px-2 py-2">
              Backend
            </th>
            <th scope="col" className="px-2 py-2">
              Test accuracy
            </th>
            <th scope="col" className="px-2 py-2">
              Best val. accuracy
            </th>
            <th scope="col" className="px-2 py-2">
              Training time
            </th>
            <th scope="col" className="px-2 py-2">
              Samples/s
            </th>
            <th scope="col" className="px-2 py-2">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const label = runLabel(run);
            const rate = samplesPerSecond(run);
            const bestVal = run.history.length ? Math.max(...run.history.map((h) => h.valAccuracy)) : null;
            return (
              <tr key={run.runId} className="border-t border-slate-200 dark:border-slate-800" data-run-id={run.runId} data-strategy={run.config.strategy} data-status={run.status} data-where={run.where}>
                <td className="px-2 py-2">
                  <input
                    type="checkbox"
                    className="h-4 w-4"
                    checked={run.showOnChart}
                    onChange={(event) => onToggle(run.runId, event.target.checked)}
                    aria-label={`Show ${label} on the charts`}
                    style={{ accentColor: runColor(run) }}
                  />
                </td>
                <th scope="row" className="whitespace-nowrap px-2 py-2 font-medium">
                  <span aria-hidden="true" className="mr-1 inline-block h-2 w-4 rounded" style={{ background: runColor(run) }} />
                  {label}
                  {run.fromHistory ? <span className="ml-1 text-xs text-slate-500">(saved)</span> : null}
                </th>
                <td className="px-2 py-2">{requireLabTask(run.config.taskId).title.split(" (")[0]}</td>
                <td className="whitespace-nowrap px-2 py-2 text-xs">
                  {run.config.epochs} epochs · lr {run.config.learningRate} · batch {run.config.batchSize}
                  {run.config.strategy === "fine-tuning" ? ` · unfreeze ${run.config.unfreezeLastLayers}` : ""} · seed {run.config.seed}
                </td>
                <td className="px-2 py-2 tabular-nums">{run.result ? `${run.result.trainableParams.toLocaleString("en")} / ${run.result.totalParams.toLocaleString("en")}` : "–"}</td>
                <td className="px-2 py-2" data-testid="where">
                  {run.where === "server" ? "Server" : "Browser"}
                </td>
                <td className="px-2 py-2" data-testid="run-backend" title={run.device ?? undefined}>
                  {run.backend ?? "–"}
                  {run.device ? <span className="block max-w-48 truncate text-xs text-slate-500">{run.device}</span> : null}
                </td>
                <td className="px-2 py-2 tabular-nums">
                  <span className="font-semibold" data-testid="test-accuracy">
                    {run.result ? `${(run.result.testAccuracy * 100).toFixed(1)}%` : "–"}
                  </span>
                  <BrowserCheck run={run} onCheck={onCheckInBrowser} canCheck={canCheck} />
                </td>
                <td className="px-2 py-2 tabular-nums">{bestVal === null ? "–" : `${(bestVal * 100).toFixed(1)}%`}</td>
                <td className="px-2 py-2 tabular-nums" data-testid="training-time">
                  {run.result ? seconds(run.result.durationMs) : run.history.length ? `${seconds(run.history.at(-1)!.elapsedMs)}…` : "–"}
                </td>
                <td className="px-2 py-2 tabular-nums" data-testid="samples-per-second">
                  {rate === null ? "–" : rate.toFixed(0)}
                </td>
                <td className="px-2 py-2">
                  {STATUS_TEXT[run.status]}
                  {run.status === "running" ? ` (epoch ${run.history.length}/${run.config.epochs})` : ""}
                  {run.save === "saved" ? " · saved" : run.save === "failed" ? " · not saved" : ""}
                  {run.xpAwarded ? ` · +${run.xpAwarded} XP` : ""}
                  {run.where === "server" && run.message && run.status === "failed" ? <span className="block text-xs text-red-700 dark:text-red-400">{run.message}</span> : null}
                  {run.where === "server" && (run.status === "queued" || run.status === "running") ? (
                    <Button type="button" variant="secondary" className="mt-1 px-2 py-0.5 text-xs" onClick={() => onCancelServerRun(run)}>
                      Cancel
                    </Button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p id="runs-table-note" className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        Training time counts from building the model to the last epoch, with validation after every epoch; for feature extraction it includes computing the frozen base&apos;s features once. Data loading is not included.
      </p>
    </div>
  );
}
