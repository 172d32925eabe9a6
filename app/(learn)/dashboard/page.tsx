import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/app/_components/alert";
import { requireViewer } from "@/app/_auth/access";
import { ActivityHeatmap } from "@/app/_components/charts/activity-heatmap";
import { GoalRing } from "@/app/_components/charts/goal-ring";
import { XpBarChart } from "@/app/_components/charts/xp-bar-chart";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";
import { ContinueLesson, CourseCompletion } from "./continue-lesson";
import { LevelUpDialog } from "./level-up-dialog";

export const metadata: Metadata = { title: "Dashboard" };

const card = "rounded-lg border border-slate-200 p-5 dark:border-slate-800";
const muted = "text-sm text-slate-600 dark:text-slate-400";
const link = "text-sm text-brand-600 underline dark:text-brand-100";
const masteryStyle = {
  Familiar: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
  Proficient: "bg-brand-100 text-brand-700 dark:bg-brand-700 dark:text-white",
  Mastered: "bg-emerald-700 text-white",
} as const;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  await requireViewer("/dashboard");
  const caller = await getServerCaller();
  const [{ welcome }, game, courses, due, mastery] = await Promise.all([
    searchParams,
    caller.gamification.dashboard(),
    caller.enrollment.mine(),
    caller.review.dueCount(),
    caller.gamification.mastery(),
  ]);
  const { goal, streak, level, league } = game;
  // A learner with no course and no XP yet has nothing to chart: the page leads with choosing a course.
  const firstVisit = courses.length === 0 && game.totalXp === 0;
  const suggestions = courses.length === 0 ? (await caller.catalog.list({})).slice(0, 6) : [];
  const endsAt = streak.endsAt ? new Intl.DateTimeFormat("en", { hour: "numeric", minute: "2-digit", timeZone: game.timezone }).format(streak.endsAt) : null;
  return (
    <div className="space-y-8">
      <PageHeader title={`Hello, ${game.name}`}>Here is where you stand today.</PageHeader>
      {welcome ? <Alert tone="success">Welcome to Learnloop! Your account is ready.</Alert> : null}
      {game.levelUp ? <LevelUpDialog level={game.levelUp.level} /> : null}
      {streak.atRisk ? (
        <Alert tone="warning">
          Your {streak.current}-day streak is at risk: earn {Math.max(0, goal.xp - goal.todayXp)} more XP before {endsAt} ({game.timezone}) to keep it.
        </Alert>
      ) : null}

      {courses.length === 0 ? <ChooseCourse courses={suggestions} first={firstVisit} /> : null}

      <section aria-labelledby="today-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="today-heading" className="text-xl font-semibold">
            Today
          </h2>
          <p className={muted}>
            Your day follows {game.timezone}.{" "}
            <Link href="/settings" className={link}>
              Change time zone or goal
            </Link>
          </p>
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <div className={`${card} flex items-center gap-4`}>
            <GoalRing value={goal.todayXp} goal={goal.xp} />
            <div>
              <p className={muted}>Daily goal</p>
              <p className="font-semibold" data-testid="goal-progress">
                {goal.todayXp} / {goal.xp} XP
              </p>
              <p className={muted}>{goal.met ? "Goal met. Nice work!" : `${goal.xp - goal.todayXp} XP to go`}</p>
            </div>
          </div>
          <div className={card}>
            <p className={muted}>Streak</p>
            <p className="mt-1 text-2xl font-bold">
              {streak.current} {streak.current === 1 ? "day" : "days"}
            </p>
            <p className={`mt-1 ${muted}`}>
              {streak.freezesHeld
                ? `${streak.freezesHeld} streak ${streak.freezesHeld === 1 ? "freeze" : "freezes"} held`
                : "A freeze is earned every 7 days in a row (hold up to 2)."}
              {streak.longest > streak.current ? ` Longest: ${streak.longest} days.` : ""}
            </p>
          </div>
          <div className={card}>
            <p className={muted}>Level {level.level}</p>
            <p className="mt-1 text-2xl font-bold" data-testid="total-xp">
              {game.totalXp} XP
            </p>
            <div className="mt-2 h-2 rounded bg-slate-200 dark:bg-slate-800" role="progressbar" aria-label={`Progress to level ${level.level + 1}`} aria-valuemin={0} aria-valuemax={level.xpForNextLevel} aria-valuenow={level.xpIntoLevel}>
              <div className="h-2 rounded bg-brand-600" style={{ width: `${Math.round((level.xpIntoLevel / Math.max(1, level.xpForNextLevel)) * 100)}%` }} />
            </div>
            <p className={`mt-1 ${muted}`}>
              {level.xpForNextLevel - level.xpIntoLevel} XP to level {level.level + 1}
            </p>
          </div>
          <div className={card}>
            <p className={muted}>Flashcards</p>
            <p className="mt-1 text-2xl font-bold" data-testid="due-cards">
              {due.due}
              {due.dueCapped ? "+" : ""} due
            </p>
            <p className={`mt-1 ${muted}`}>
              {due.new} new ready.{" "}
              <Link href="/review" className={link}>
                Review now
              </Link>
            </p>
          </div>
          <div className={card}>
            <p className={muted} data-testid="league-tier">
              {league.tier} league
            </p>
            <p className="mt-1 text-2xl font-bold">{league.hidden ? "Hidden" : league.rank ? `#${league.rank}` : "Not ranked yet"}</p>
            <p className={`mt-1 ${muted}`}>
              {league.hidden ? "You opted out of leaderboards." : `${league.xp} XP this week, among everyone.`}{" "}
              <Link href="/leaderboard" className={link}>
                Leaderboard
              </Link>
            </p>
          </div>
        </div>
      </section>

      {firstVisit ? null : (
      <>
      <ContinueLesson />

      <section aria-labelledby="xp-heading" className={`${card} space-y-3`}>
        <h2 id="xp-heading" className="text-xl font-semibold">
          XP over the last 30 days
        </h2>
        <XpBarChart data={game.xpByDay} goal={goal.xp} title="XP per day, last 30 days" />
      </section>

      <section aria-labelledby="activity-heading" className={`${card} space-y-3`}>
        <h2 id="activity-heading" className="text-xl font-semibold">
          Activity this year
        </h2>
        <ActivityHeatmap data={game.heatmap} goal={goal.xp} label="Daily XP over the last 365 days" />
      </section>

      <section aria-labelledby="mastery-heading" className="space-y-3">
        <h2 id="mastery-heading" className="text-xl font-semibold">
          Mastery by concept
        </h2>
        {mastery.concepts.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">Review the key concepts of a lesson (or take its quiz) to see how well you know them.</p>
        ) : (
          <>
            <p className="text-slate-700 dark:text-slate-300" data-testid="mastery-counts">
              {mastery.counts.Mastered} mastered · {mastery.counts.Proficient} proficient · {mastery.counts.Familiar} familiar
            </p>
            <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {mastery.concepts.slice(0, 12).map((concept) => (
                <li key={`${concept.lesson.id}-${concept.term}`} className={`${card} flex items-start justify-between gap-3 py-3`}>
                  <span>
                    <Link href={`/courses/${concept.lesson.course.slug}/lessons/${concept.lesson.slug}`} className="font-medium hover:underline">
                      {concept.term}
                    </Link>
                    <span className={`block ${muted}`}>
                      recall holds ~{concept.stabilityDays} d{concept.bestQuizPercent !== null ? ` · quiz ${concept.bestQuizPercent}%` : ""}
                    </span>
                  </span>
                  <span className={`shrink-0 rounded px-2 py-0.5 text-xs font-semibold ${masteryStyle[concept.level]}`}>{concept.level}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="badges-heading" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 id="badges-heading" className="text-xl font-semibold">
            Recent badges
          </h2>
          <Link href="/badges" className={link}>
            All badges
          </Link>
        </div>
        {game.recentBadges.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">No badges yet: finishing your first lesson section earns one.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {game.recentBadges.map((badge) => (
              <li key={badge.id} className={`${card} flex items-center gap-3`}>
                <span className="text-3xl" aria-hidden="true">
                  {badge.icon}
                </span>
                <span>
                  <span className="block font-semibold">{badge.name}</span>
                  <span className={muted}>{badge.awardedAt.toISOString().slice(0, 10)}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      </>
      )}

      {courses.length === 0 ? null : (
      <section aria-labelledby="courses-heading" className="space-y-3">
        <h2 id="courses-heading" className="text-xl font-semibold">
          My courses
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2">
            {courses.slice(0, 4).map((course) => (
              <li key={course.slug} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
                <Link href={`/courses/${course.slug}`} className="font-semibold hover:underline">
                  {course.title}
                </Link>
                <CourseCompletion courseSlug={course.slug} />
                {course.nextLesson ? (
                  <p className="mt-1 text-sm">
                    <Link href={`/courses/${course.slug}/lessons/${course.nextLesson.slug}`} className="text-brand-600 underline dark:text-brand-100">
                      Continue: {course.nextLesson.title}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        <Link href="/my-courses" className={link}>
          All my courses
        </Link>
      </section>
      )}
    </div>
  );
}

type Suggestion = { id: string; slug: string; title: string; summary: string; level: string; lessonCount: number; estimatedMinutes: number; category: { title: string } };

/** The first thing a learner without a course sees: a few courses to start, and the whole catalog. */
function ChooseCourse({ courses, first }: { courses: Suggestion[]; first: boolean }) {
  return (
    <section aria-labelledby="choose-heading" className="space-y-3 rounded-lg border border-brand-100 bg-brand-50 p-5 dark:border-brand-700 dark:bg-slate-900">
      <h2 id="choose-heading" className="text-xl font-semibold">
        Choose a course to start
      </h2>
      <p className="text-slate-700 dark:text-slate-300">
        {first
          ? "Each course teaches every topic through audio lessons, summaries, flashcards, quizzes and games. Open one and enroll; your daily goal, streak and charts start with your first lesson."
          : "You are not enrolled in any course right now. Everything you do in a course earns XP toward today's goal."}
      </p>
      {courses.length ? (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {courses.map((course) => (
            <li key={course.id} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-950">
              <p className="text-xs font-semibold uppercase tracking-wide text-brand-600 dark:text-brand-100">
                {course.category.title} · {course.level}
              </p>
              <h3 className="mt-1 font-semibold">
                <Link href={`/courses/${course.slug}`} className="hover:underline">
                  {course.title}
                </Link>
              </h3>
              <p className="mt-1 flex-1 text-sm text-slate-700 dark:text-slate-300">{course.summary}</p>
              <p className={`mt-2 ${muted}`}>
                {course.lessonCount} lessons · about {course.estimatedMinutes} min
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <Link href="/courses" className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Browse all courses
      </Link>
    </section>
  );
}
