"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

/**
 * Expected daily reviews against desired retention, simulated for the learner's own parameters and
 * collection, with the retention that costs the least study time per remembered card and the
 * slider's current value marked. The same numbers are in a table for screen readers.
 */
export function WorkloadChart({ retention }: { retention: number }) {
  const trpc = useTRPC();
  const curve = useQuery({ ...trpc.review.workloadCurve.queryOptions(), staleTime: 60_000 });
  if (curve.isPending) return <p className="text-sm text-slate-600 dark:text-slate-400">Simulating your workload…</p>;
  if (curve.error || !curve.data.points.length) return null;
  const { points, best } = curve.data;
  const width = 600;
  const height = 180;
  const pad = 36;
  const maxReviews = Math.max(1, ...points.map((p) => p.dailyReviews));
  const x = (r: number) => pad + ((r - points[0]!.retention) / (points.at(-1)!.retention - points[0]!.retention)) * (width - pad - 8);
  const y = (reviews: number) => height - (reviews / maxReviews) * (height - 12);
  const at = (r: number) => points.reduce((closest, p) => (Math.abs(p.retention - r) < Math.abs(closest.retention - r) ? p : closest), points[0]!);
  const current = at(retention);
  const cheapest = at(best);
  const percent = (r: number) => `${Math.round(r * 100)}%`;
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${width} ${height + 24}`} className="w-full" role="img" aria-labelledby="workload-title workload-desc">
        <title id="workload-title">Expected daily reviews by desired retention</title>
        <desc id="workload-desc">
          {`At ${percent(current.retention)} you can expect about ${Math.round(current.dailyReviews)} reviews a day over the next year. ${percent(best)} costs the least study time per card remembered (${Math.round(cheapest.dailyReviews)} reviews a day).`}
        </desc>
        <line x1={pad} x2={width - 8} y1={height} y2={height} className="stroke-slate-400" strokeWidth={1} />
        <polyline fill="none" className="stroke-brand-600 dark:stroke-brand-100" strokeWidth={2} points={points.map((p) => `${x(p.retention)},${y(p.dailyReviews)}`).join(" ")} />
        <line x1={x(best)} x2={x(best)} y1={8} y2={height} className="stroke-green-700" strokeDasharray="4 3" strokeWidth={1.5} />
        <text x={x(best) + 4} y={18} className="fill-green-800 text-[11px] dark:fill-green-300">Least time per card remembered: {percent(best)}</text>
        <circle cx={x(current.retention)} cy={y(current.dailyReviews)} r={5} className="fill-amber-500" />
        <text x={pad} y={height + 18} className="fill-slate-700 text-[11px] dark:fill-slate-300">70%</text>
        <text x={width - 8} y={height + 18} textAnchor="end" className="fill-slate-700 text-[11px] dark:fill-slate-300">97%</text>
        <text x={2} y={y(maxReviews) + 4} className="fill-slate-700 text-[11px] dark:fill-slate-300">{Math.round(maxReviews)}</text>
        <text x={2} y={height} className="fill-slate-700 text-[11px] dark:fill-slate-300">0</text>
      </svg>
      <figcaption className="text-sm text-slate-600 dark:text-slate-400">
        The dot is your setting ({percent(current.retention)}: about {Math.round(current.dailyReviews)} reviews a day). Simulated for a year with{" "}
        {curve.data.using === "fitted" ? "your fitted parameters" : "the default parameters"}, your {curve.data.cards} learned cards and {curve.data.newCards} new ones at{" "}
        {curve.data.newCardsPerDay} a day. Above the marked retention, each extra percent buys less and costs more.
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer">Show the workload as a table</summary>
        <table className="mt-2 text-left">
          <caption className="sr-only">Expected daily reviews and study minutes by desired retention</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6">Retention</th>
              <th scope="col" className="pr-6">Reviews a day</th>
              <th scope="col" className="pr-6">Minutes a day</th>
              <th scope="col">Seconds per card remembered</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.retention}>
                <th scope="row" className="pr-6 font-normal">{percent(p.retention)}{p.retention === best ? " (least time per card)" : ""}</th>
                <td className="pr-6">{p.dailyReviews.toFixed(1)}</td>
                <td className="pr-6">{p.dailyMinutes.toFixed(1)}</td>
                <td>{p.secondsPerMemorized.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
