import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";
import { ForecastChart } from "./forecast-chart";
import { ReviewHeatmap } from "./review-heatmap";

export const metadata: Metadata = { title: "Review statistics" };

const PERIODS = [
  { key: "today", label: "Today" },
  { key: "week", label: "Last 7 days" },
  { key: "month", label: "Last 30 days" },
  { key: "year", label: "Last 365 days" },
] as const;

export default async function ReviewStatsPage() {
  await requireViewer("/review/stats");
  const stats = await (await getServerCaller()).review.stats();
  const counts = [
    { label: "New", value: stats.counts.new },
    { label: "Learning", value: stats.counts.learning },
    { label: "Review", value: stats.counts.review },
    { label: "Suspended", value: stats.counts.suspended },
  ];
  return (
    <div className="space-y-10">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/review" className="text-brand-600 underline underline-offset-2 dark:text-brand-100">Review</Link> / Statistics
      </nav>
      <PageHeader title="Review statistics">Days are counted in your time zone ({stats.timeZone}).</PageHeader>

      <section aria-labelledby="counts-heading" className="space-y-3">
        <h2 id="counts-heading" className="text-xl font-semibold">Your cards</h2>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          {counts.map((count) => (
            <div key={count.label} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <dt className="text-sm text-slate-600 dark:text-slate-400">{count.label}</dt>
              <dd className="text-2xl font-bold">{count.value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="heatmap-heading" className="space-y-3">
        <h2 id="heatmap-heading" className="text-xl font-semibold">Reviews per day</h2>
        <p>
          {stats.totalReviews === 1 ? "1 review" : `${stats.totalReviews} reviews`} in the last {stats.heatmap.length} days.
        </p>
        <ReviewHeatmap days={stats.heatmap} />
      </section>

      <section aria-labelledby="forecast-heading" className="space-y-3">
        <h2 id="forecast-heading" className="text-xl font-semibold">Due in the next 30 days</h2>
        <ForecastChart days={stats.forecast} />
      </section>

      <section aria-labelledby="retention-heading" className="space-y-3">
        <h2 id="retention-heading" className="text-xl font-semibold">True retention</h2>
        <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300">
          The share of reviews of cards in the review state that you did not answer Again. Close to your desired retention means the schedule fits you.
        </p>
        <table className="w-full max-w-xl text-left text-sm">
          <caption className="sr-only">True retention by period</caption>
          <thead className="border-b border-slate-200 dark:border-slate-800">
            <tr><th scope="col" className="py-2 pr-4">Period</th><th scope="col" className="py-2 pr-4">Reviews</th><th scope="col" className="py-2">Retention</th></tr>
          </thead>
          <tbody>
            {PERIODS.map((period) => {
              const row = stats.retention[period.key];
              return (
                <tr key={period.key} className="border-b border-slate-100 dark:border-slate-900">
                  <th scope="row" className="py-2 pr-4 font-medium">{period.label}</th>
                  <td className="py-2 pr-4">{row.reviews}</td>
                  <td className="py-2">{row.rate === null ? "—" : `${(row.rate * 100).toFixed(1)}%`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="hardest-heading" className="space-y-3">
        <h2 id="hardest-heading" className="text-xl font-semibold">Hardest cards</h2>
        {stats.hardest.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">No card has been forgotten yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Cards you forgot most often</caption>
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr><th scope="col" className="py-2 pr-4">Card</th><th scope="col" className="py-2 pr-4">Forgotten</th><th scope="col" className="py-2 pr-4">Difficulty (1–10)</th><th scope="col" className="py-2">From</th></tr>
            </thead>
            <tbody>
              {stats.hardest.map((card) => (
                <tr key={card.id} className="border-b border-slate-100 dark:border-slate-900">
                  <th scope="row" className="py-2 pr-4 font-medium">{card.front}</th>
                  <td className="py-2 pr-4">{card.lapses === 1 ? "once" : `${card.lapses} times`}</td>
                  <td className="py-2 pr-4">{card.difficulty}</td>
                  <td className="py-2">
                    {card.source?.href ? <Link href={card.source.href} className="underline underline-offset-2">{card.source.label}</Link> : (card.source?.label ?? "Your card")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
