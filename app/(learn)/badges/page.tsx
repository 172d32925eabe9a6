import type { Metadata } from "next";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";
import { Lock } from "lucide-react";

export const metadata: Metadata = { title: "Badges" };

export default async function BadgesPage() {
  await requireViewer("/badges");
  const badges = await (await getServerCaller()).gamification.badges();
  const earned = badges.filter((badge) => badge.awardedAt);
  return (
    <div className="space-y-6">
      <PageHeader title="Badges">
        {earned.length} of {badges.length} earned. Each is awarded once, the moment you earn it; locked badges say how to get them.
      </PageHeader>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {badges.map((badge) => (
          <li
            key={badge.id}
            aria-label={`${badge.name}: ${badge.awardedAt ? `earned ${badge.awardedAt.toISOString().slice(0, 10)}` : "locked"}`}
            className={`flex items-start gap-3 rounded-lg border p-4 ${badge.awardedAt ? "border-brand-500 bg-brand-50 dark:bg-slate-900" : "border-slate-200 dark:border-slate-800"}`}
          >
            <span className={`text-3xl ${badge.awardedAt ? "" : "opacity-40 grayscale"}`} aria-hidden="true">
              {badge.awardedAt ? badge.icon : <Lock className="h-8 w-8" />}
            </span>
            <span>
              <span className="block font-semibold">{badge.name}</span>
              <span className="block text-sm text-slate-700 dark:text-slate-300">{badge.howTo}</span>
              <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">
                {badge.awardedAt ? `Earned ${badge.awardedAt.toISOString().slice(0, 10)}` : "Locked"}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
