"use client";

import { useEffect, useState } from "react";
import { measurements, type Measurements } from "@/lib/ml/measurements";
import { STRATEGIES, STRATEGY_LABELS } from "@/lib/ml/strategies";
import { requireLabTask, type LabTaskId } from "@/lib/ml/tasks";

const pct = (value: number) => `${(value * 100).toFixed(1)}`;

/** The table scripts/ml/measure.ts produced with this lab's code, for the task on screen. */
export function MeasuredPanel({ baseModel, taskId }: { baseModel: string; taskId: LabTaskId }) {
  const [data, setData] = useState<Measurements | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let cancelled = false;
    fetch(`/models/${baseModel}/measurements.json`)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((json) => {
        if (!cancelled) setData(measurements.parse(json));
      })
      .catch(() => {
        if (!cancelled) setMissing(true);
      });
    return () => {
      cancelled = true;
    };
  }, [baseModel]);

  const task = data?.tasks.find((t) => t.taskId === taskId);
  if (missing || (data && !task)) return <p className="text-sm text-slate-600 dark:text-slate-400">No measurements have been made for this task yet (run `npm run ml:measure`).</p>;
  if (!data || !task) return <p className="text-sm">Loading measurements…</p>;
  const sizes = Array.from(new Set(task.rows.map((row) => row.examplesPerClass)));
  const cell = (strategy: string, size: number | "all") => task.rows.find((row) => row.strategy === strategy && row.examplesPerClass === size);
  return (
    <div className="space-y-3 text-sm">
      <p>
        {requireLabTask(taskId).title}: mean test accuracy (%) ± standard deviation over {data.seeds.length} seeds on {task.settings.testImages.toLocaleString("en")} test images, and
        mean training time, measured with this lab&apos;s code in Node ({data.backend} backend, batch {task.settings.batchSize}, learning rate{" "}
        {Object.entries(task.settings.learningRate)
          .map(([strategy, lr]) => `${lr} for ${STRATEGY_LABELS[strategy as keyof typeof STRATEGY_LABELS]?.toLowerCase() ?? strategy}`)
          .join(", ")}
        ; fine-tuning trains the head alone for half the epochs, then unfreezes the last {task.settings.unfreezeLastLayers === 1 ? "conv layer" : `${task.settings.unfreezeLastLayers} layers`} at a tenth of the rate).
      </p>
      <details className="rounded border border-slate-200 p-2 dark:border-slate-800">
        <summary className="cursor-pointer font-medium">How it was measured (the protocol)</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {data.protocol.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </details>
      <div className="relative overflow-x-auto">
        <table className="min-w-full text-left text-xs">
          <caption className="sr-only">Measured test accuracy and training time by strategy and examples per class</caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 py-1">
                Examples per class
              </th>
              <th scope="col" className="px-2 py-1">
                Epochs
              </th>
              {STRATEGIES.map((strategy) => (
                <th key={strategy} scope="col" className="px-2 py-1">
                  {STRATEGY_LABELS[strategy]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sizes.map((size) => (
              <tr key={String(size)} className="border-t border-slate-200 dark:border-slate-800">
                <th scope="row" className="px-2 py-1 font-medium">
                  {size}
                </th>
                <td className="px-2 py-1 tabular-nums">{task.rows.find((row) => row.examplesPerClass === size)?.epochs ?? "–"}</td>
                {STRATEGIES.map((strategy) => {
                  const row = cell(strategy, size);
                  return (
                    <td key={strategy} className="px-2 py-1 tabular-nums">
                      {row ? `${pct(row.testAccuracy.mean)} ± ${pct(row.testAccuracy.sd)} · ${(row.durationMs.mean / 1000).toFixed(2)} s` : "–"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="list-disc space-y-1 pl-5">
        {task.findings.map((finding) => (
          <li key={finding}>{finding}</li>
        ))}
      </ul>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Measured {data.generatedAt.slice(0, 10)} with <code>{data.command}</code> ({data.jobs} processes). Times are from Node on two CPU cores; the browser&apos;s WebGL backend gives different absolute times.
      </p>
    </div>
  );
}
