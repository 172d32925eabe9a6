import type { Metadata } from "next";
import { requireRole } from "../../_components/access";
import { PageHeader } from "../../_components/page-header";
import { getServerCaller } from "../../_trpc/server";

export const metadata: Metadata = { title: "Studio" };

export default async function StudioPage() {
  await requireRole("/studio", ["INSTRUCTOR", "ADMIN"]);
  const summary = await (await getServerCaller()).studio.summary();
  return (
    <div className="space-y-6">
      <PageHeader title="Studio">Author courses and follow your learners&apos; progress.</PageHeader>
      <dl className="grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Learners on this site</dt>
          <dd className="mt-1 text-2xl font-bold">{summary.learners}</dd>
        </div>
      </dl>
    </div>
  );
}
