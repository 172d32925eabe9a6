import type { Metadata } from "next";
import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";
import type { AppRouter } from "@/server/router";

export const metadata: Metadata = { title: "Leaderboard" };

export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<{ period?: string; course?: string }> }) {
  const viewer = await requireViewer("/leaderboard");
  const params = await searchParams;
  const period = params.period === "all" ? "all" : "week";
  const caller = await getServerCaller();
  const courses = await caller.enrollment.mine();
  const course = courses.some((c) => c.slug === params.course) ? params.course! : null;
  const [board, tiers] = await Promise.all([
    caller.gamification.leaderboard({ period, course, limit: 50 }),
    period === "week" && !course ? caller.gamification.tierLeague() : null,
  ]);
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
      {tiers ? <TierLeague league={tiers} timeZone={viewer.timezone} /> : null}
      {tiers ? (
        <h2 className="text-xl font-semibold" id="everyone-heading">
          Everyone this week
        </h2>
      ) : null}
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

type TierLeagueView = inferRouterOutputs<AppRouter>["gamification"]["tierLeague"];

const ZONE = {
  PROMOTED: { label: "Moves up", row: "bg-green-50 dark:bg-green-950", mark: "▲" },
  STAYED: { label: "Stays", row: "", mark: "" },
  DEMOTED: { label: "Moves down", row: "bg-red-50 dark:bg-red-950", mark: "▼" },
} as const;

/** The viewer's tier this week, Duolingo-style: who moves up, who stays, who moves down if it ended now. */
function TierLeague({ league, timeZone }: { league: TierLeagueView; timeZone: string }) {
  const ends = new Intl.DateTimeFormat("en", { weekday: "long", hour: "numeric", minute: "2-digit", timeZone, timeZoneName: "short" }).format(league.week.endsAt);
  const last = league.lastWeek;
  return (
    <section aria-labelledby="tier-heading" className="space-y-3 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
      <h2 id="tier-heading" className="text-xl font-semibold">
        {league.tier.name} league
      </h2>
      {last ? (
        <p className="font-medium" data-testid="last-week">
          Last week you finished #{last.rank} of {last.size} in {last.tierName}:{" "}
          {last.outcome === "PROMOTED" ? `promoted to ${last.newTierName}.` : last.outcome === "DEMOTED" ? `moved down to ${last.newTierName}.` : `you stayed in ${last.tierName}.`}
        </p>
      ) : null}
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="tier-zones">
        The week closes {ends} ({timeZone}).{" "}
        {league.size === 0
          ? "Earn XP this week to be ranked in your league."
          : `${league.zones.promote ? `The top ${league.zones.promote} move up to ${league.tier.next}` : "Diamond is the top league"}${league.zones.demote ? `; the bottom ${league.zones.demote} move down to ${league.tier.previous}` : ""}.`}
      </p>
      {league.hidden ? <p className="text-sm">You are hidden from leaderboards, so you are not ranked and keep your league.</p> : null}
      {league.rows.length ? (
        <table className="w-full max-w-xl text-left">
          <caption className="sr-only">{league.tier.name} league this week, with who would move up or down</caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-700">
              <th scope="col" className="py-2 pr-4">Rank</th>
              <th scope="col" className="py-2 pr-4">Learner</th>
              <th scope="col" className="py-2 pr-4 text-right">XP</th>
              <th scope="col" className="py-2">If the week ended now</th>
            </tr>
          </thead>
          <tbody>
            {league.rows.map((row) => (
              <tr key={row.rank} data-zone={row.zone} className={`border-b border-slate-200 dark:border-slate-800 ${ZONE[row.zone].row} ${row.isViewer ? "font-semibold" : ""}`} aria-current={row.isViewer ? "true" : undefined}>
                <td className="py-2 pr-4">{row.rank}</td>
                <td className="py-2 pr-4">
                  {row.name}
                  {row.isViewer ? " (you)" : ""}
                </td>
                <td className="py-2 pr-4 text-right">{row.xp}</td>
                <td className="py-2">
                  {ZONE[row.zone].mark ? <span aria-hidden="true">{ZONE[row.zone].mark} </span> : null}
                  {ZONE[row.zone].label}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
