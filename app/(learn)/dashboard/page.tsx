import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "../../_components/alert";
import { requireViewer } from "../../_components/access";
import { PageHeader } from "../../_components/page-header";
import { getServerCaller } from "../../_trpc/server";
import { ContinueLesson, CourseCompletion } from "./continue-lesson";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  await requireViewer("/dashboard");
  const caller = await getServerCaller();
  const [{ welcome }, me, courses] = await Promise.all([searchParams, caller.user.me(), caller.enrollment.mine()]);
  const goalPercent = Math.min(100, Math.round((me.todayXp / me.dailyGoalXp) * 100));
  return (
    <div className="space-y-8">
      <PageHeader title={`Hello, ${me.name}`}>Here is where you stand today.</PageHeader>
      {welcome ? <Alert tone="success">Welcome to Learnloop! Your account is ready.</Alert> : null}
      <section aria-labelledby="today-heading" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <h2 id="today-heading" className="sr-only">
          Today
        </h2>
        <div className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
          <p className="text-sm text-slate-600 dark:text-slate-400">Daily goal</p>
          <p className="mt-1 text-2xl font-bold">
            {me.todayXp} / {me.dailyGoalXp} XP
          </p>
          <div className="mt-3 h-2 rounded bg-slate-200 dark:bg-slate-800" role="progressbar" aria-label="Daily goal progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={goalPercent}>
            <div className="h-2 rounded bg-brand-600" style={{ width: `${goalPercent}%` }} />
          </div>
        </div>
        <div className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
          <p className="text-sm text-slate-600 dark:text-slate-400">Level {me.level.level}</p>
          <p className="mt-1 text-2xl font-bold">{me.totalXp} XP</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {me.level.xpForNextLevel - me.level.xpIntoLevel} XP to level {me.level.level + 1}
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
          <p className="text-sm text-slate-600 dark:text-slate-400">Streak</p>
          <p className="mt-1 text-2xl font-bold">
            {me.streak.current} {me.streak.current === 1 ? "day" : "days"}
          </p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {me.streak.atRisk
              ? "Meet today's goal to keep it going."
              : me.streak.freezesHeld
                ? `${me.streak.freezesHeld} streak ${me.streak.freezesHeld === 1 ? "freeze" : "freezes"} held`
                : "A freeze is earned every 7 days in a row."}
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
          <p className="text-sm text-slate-600 dark:text-slate-400">Your day follows</p>
          <p className="mt-1 text-lg font-semibold">{me.timezone}</p>
          <Link href="/settings" className="mt-2 inline-block text-sm text-brand-600 underline dark:text-brand-100">
            Change profile and goal
          </Link>
        </div>
      </section>
      <ContinueLesson />
      <section aria-labelledby="courses-heading" className="space-y-3">
        <h2 id="courses-heading" className="text-xl font-semibold">
          My courses
        </h2>
        {courses.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">
            You are not enrolled in any course yet. Pick one from the{" "}
            <Link href="/courses" className="text-brand-600 underline dark:text-brand-100">catalog</Link>: everything you do there earns XP toward today&apos;s goal.
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {courses.slice(0, 4).map((course) => (
              <li key={course.slug} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
                <Link href={`/courses/${course.slug}`} className="font-semibold hover:underline">{course.title}</Link>
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
        )}
        {courses.length > 0 ? <Link href="/my-courses" className="text-sm text-brand-600 underline dark:text-brand-100">All my courses</Link> : null}
      </section>
    </div>
  );
}
