"use client";

import { useId } from "react";
import type { EpochMetrics } from "@/lib/ml/train";

export type CurveRun = { id: string; label: string; color: string; history: EpochMetrics[]; epochs: number };

type Metric = "accuracy" | "loss";

const WIDTH = 560;
const HEIGHT = 240;
const PAD = { left: 48, right: 12, top: 12, bottom: 36 };

function formatValue(metric: Metric, value: number) {
  return metric === "accuracy" ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

/**
 * Train (dashed) and validation (solid) curves of one or more runs, as an SVG with a text summary
 * for screen readers and the numbers in a table underneath.
 */
export function LearningCurves({ metric, runs }: { metric: Metric; runs: CurveRun[] }) {
  const id = useId();
  const title = metric === "accuracy" ? "Accuracy per epoch" : "Loss per epoch";
  const maxEpochs = Math.max(1, ...runs.map((run) => Math.max(run.epochs, run.history.length)));
  const values = runs.flatMap((run) => run.history.flatMap((h) => (metric === "accuracy" ? [h.accuracy, h.valAccuracy] : [h.loss, h.valLoss])));
  const yMax = metric === "accuracy" ? 1 : Math.max(0.5, ...values.filter(Number.isFinite)) * 1.05;
  const x = (epoch: number) => PAD.left + ((epoch - 1) / Math.max(maxEpochs - 1, 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - Math.min(value, yMax) / yMax) * (HEIGHT - PAD.top - PAD.bottom);
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  const xTicks = Array.from(new Set([1, Math.ceil(maxEpochs / 4), Math.ceil(maxEpochs / 2), Math.ceil((3 * maxEpochs) / 4), maxEpochs])).filter((e) => e >= 1);
  const path = (points: [number, number][]) => points.map(([px, py], i) => `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`).join(" ");
  const summary = runs.length
    ? runs
        .map((run) => {
          const last = run.history.at(-1);
          if (!last) return `${run.label}: no epochs yet.`;
          const train = metric === "accuracy" ? last.accuracy : last.loss;
          const val = metric === "accuracy" ? last.valAccuracy : last.valLoss;
          return `${run.label}: after epoch ${last.epoch}, training ${formatValue(metric, train)}, validation ${formatValue(metric, val)}.`;
        })
        .join(" ")
    : "No runs yet.";

  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full max-w-2xl rounded border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {yTicks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="stroke-slate-200 dark:stroke-slate-700" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="fill-slate-600 text-[11px] dark:fill-slate-400">
              {metric === "accuracy" ? `${Math.round(tick * 100)}%` : tick.toFixed(2)}
            </text>
          </g>
        ))}
        {xTicks.map((tick) => (
          <text key={tick} x={x(tick)} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" className="fill-slate-600 text-[11px] dark:fill-slate-400">
            {tick}
          </text>
        ))}
        <text x={(WIDTH + PAD.left) / 2} y={HEIGHT - 4} textAnchor="middle" className="fill-slate-700 text-[11px] dark:fill-slate-300">
          epoch
        </text>
        {runs.map((run) => {
          const train = run.history.map((h): [number, number] => [x(h.epoch), y(metric === "accuracy" ? h.accuracy : h.loss)]);
          const val = run.history.map((h): [number, number] => [x(h.epoch), y(metric === "accuracy" ? h.valAccuracy : h.valLoss)]);
          return (
            <g key={run.id}>
              <path d={path(train)} fill="none" stroke={run.color} strokeWidth={2} strokeDasharray="5 4" />
              <path d={path(val)} fill="none" stroke={run.color} strokeWidth={2.5} />
              {val.length === 1 ? <circle cx={val[0]![0]} cy={val[0]![1]} r={3} fill={run.color} /> : null}
            </g>
          );
        })}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300" aria-label={`${title}: legend`}>
        {runs.map((run) => (
          <li key={run.id} className="flex items-center gap-1">
            <svg width="28" height="10" aria-hidden="true">
              <line x1="0" x2="28" y1="5" y2="5" stroke={run.color} strokeWidth="2.5" />
            </svg>
            {run.label}
          </li>
        ))}
        <li>solid: validation · dashed: training</li>
      </ul>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700 dark:text-brand-100">{title}: the numbers</summary>
        <div className="mt-2 max-h-72 overflow-auto">
          <table className="min-w-full text-left text-xs">
            <caption className="sr-only">{title}, training and validation, per run and epoch</caption>
            <thead>
              <tr>
                <th scope="col" className="px-2 py-1">
                  Run
                </th>
                <th scope="col" className="px-2 py-1">
                  Epoch
                </th>
                <th scope="col" className="px-2 py-1">
                  Training {metric}
                </th>
                <th scope="col" className="px-2 py-1">
                  Validation {metric}
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.flatMap((run) =>
                run.history.map((h) => (
                  <tr key={`${run.id}-${h.epoch}`} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="px-2 py-1">{run.label}</td>
                    <td className="px-2 py-1">{h.epoch}</td>
                    <td className="px-2 py-1">{formatValue(metric, metric === "accuracy" ? h.accuracy : h.loss)}</td>
                    <td className="px-2 py-1">{formatValue(metric, metric === "accuracy" ? h.valAccuracy : h.valLoss)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
