import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/app/_components/alert";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";
import { MarkAllRead } from "./mark-all-read";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  await requireViewer("/notifications");
  const caller = await getServerCaller();
  const [{ items, unread }, me] = await Promise.all([caller.gamification.notifications({ limit: 50 }), caller.user.me()]);
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Notifications">Badges you earned and levels you reached.</PageHeader>
      {me.streak.atRisk ? (
        <Alert tone="warning">
          Streak at risk: your {me.streak.current}-day streak ends tonight unless you earn {me.dailyGoalXp - me.todayXp} more XP today.{" "}
          <Link href="/review" className="underline">
            A quick review
          </Link>{" "}
          will do it.
        </Alert>
      ) : null}
      {unread > 0 ? <MarkAllRead unread={unread} /> : null}
      {items.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">Nothing yet. Finish a lesson section to earn your first badge.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {items.map((item) => (
            <li key={item.id} className={`p-4 ${item.read ? "" : "bg-brand-50 dark:bg-slate-900"}`}>
              <Link href={item.href} className="font-semibold hover:underline">
                {item.title}
              </Link>
              {item.read ? null : <span className="ml-2 rounded bg-brand-600 px-1.5 py-0.5 text-xs text-white">New</span>}
              {item.body ? <p className="text-sm text-slate-700 dark:text-slate-300">{item.body}</p> : null}
              <p className="text-xs text-slate-600 dark:text-slate-400">{item.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
