import type { Metadata } from "next";
import { requireViewer } from "../../_components/access";
import { PageHeader } from "../../_components/page-header";

export const metadata: Metadata = { title: "Games" };

export default async function GamesPage() {
  await requireViewer("/games");
  return (
    <div>
      <PageHeader title="Games">Memory, math fluency, typing speed and English skills, for every age, each with an untimed mode.</PageHeader>
      <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700 dark:border-slate-700 dark:text-slate-300">
        No games are installed on this site yet.
      </p>
    </div>
  );
}
