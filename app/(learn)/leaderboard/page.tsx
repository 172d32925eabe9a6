import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";

export const metadata: Metadata = { title: "Leaderboard" };

export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<{ period?: string; course?: string }> }) {
  await requireViewer("/leaderboard");
  const params = await searchParams;
  const period = params.period === "all" ? "all" : "week";
  const caller = await getServerCaller();
  const courses = await caller.enrollment.mine();
  const course = courses.some((c) => c.slug === params.course) ? params.course! : null;
  const board = await caller.gamification.leaderboard({ period, course, limit: 50 });
  const href = (next: { period?: string; course?: string | null }) => {
    const query = new URLSearchParams();
    const p = next.period ?? period;
    const c = next.course === undefined ? course : next.course;
    if (p !== "week") query.set("period", p);
    if (c) query.set("course", c);
    const text = query.toString();
    return `/leaderboard${text ? `?${text}` : ""}`;
  };
  const tab = (active: boolean) =>
    `rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-brand-600 text-white" : "border border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"}`;
  const scopeName = board.course ? board.course.title : "Everyone";
  return (
    <div className="space-y-6">
      <PageHeader title="Leaderboard">
        {period === "week" && board.week
          ? `This week's XP league resets every Monday at 00:00 UTC (next: ${board.week.endsAt.toISOString().slice(0, 16).replace("T", " ")} UTC).`
          : "All the XP ever earned."}{" "}
        Only display names are shown.
      </PageHeader>
      <nav aria-label="Leaderboard period" className="flex flex-wrap gap-2">
        <Link href={href({ period: "week" })} className={tab(period === "week")} aria-current={period === "week" ? "page" : undefined}>
          This week
        </Link>
        <Link href={href({ period: "all" })} className={tab(period === "all")} aria-current={period === "all" ? "page" : undefined}>
          All time
        </Link>
      </nav>
      <nav aria-label="League" className="flex flex-wrap gap-2">
        <Link href={href({ course: null })} className={tab(!course)} aria-current={!course ? "page" : undefined}>
          Everyone
        </Link>
        {courses.map((c) => (
          <Link key={c.slug} href={href({ course: c.slug })} className={tab(course === c.slug)} aria-current={course === c.slug ? "page" : undefined}>
            {c.title}
          </Link>
        ))}
      </nav>
      <p className="text-slate-700 dark:text-slate-300" data-testid="my-rank">
        {board.viewer.hidden ? (
          <>
            You are hidden from leaderboards.{" "}
            <Link href="/settings" className="text-brand-600 underline dark:text-brand-100">
              Change this in settings
            </Link>
            .
          </>
        ) : board.viewer.rank ? (
          `You are #${board.viewer.rank} with ${board.viewer.xp} XP.`
        ) : (
          "Earn XP to join this league."
        )}
      </p>
      {board.rows.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">Nobody has earned XP here yet{period === "week" ? " this week" : ""}.</p>
      ) : (
        <table className="w-full max-w-xl text-left">
          <caption className="sr-only">
            {scopeName}, {period === "week" ? "this week" : "all time"}
          </caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-700">
              <th scope="col" className="py-2 pr-4">
                Rank
              </th>
              <th scope="col" className="py-2 pr-4">
                Learner
              </th>
              <th scope="col" className="py-2 text-right">
                XP
              </th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((row) => (
              <tr key={row.rank} className={`border-b border-slate-200 dark:border-slate-800 ${row.isViewer ? "bg-brand-50 font-semibold dark:bg-slate-900" : ""}`} aria-current={row.isViewer ? "true" : undefined}>
                <td className="py-2 pr-4">{row.rank}</td>
                <td className="py-2 pr-4">
                  {row.name}
                  {row.isViewer ? <span className="sr-only"> (you)</span> : null}
                </td>
                <td className="py-2 text-right">{row.xp}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
