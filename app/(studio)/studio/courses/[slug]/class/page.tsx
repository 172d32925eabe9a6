import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";
import { isNotFound } from "@/app/_trpc/not-found";

type Params = Promise<{ slug: string }>;

export const metadata: Metadata = { title: "Class view" };

export default async function ClassPage({ params }: { params: Params }) {
  const { slug } = await params;
  const viewer = await requireRole(`/studio/courses/${slug}/class`, ["INSTRUCTOR", "ADMIN"]);
  const caller = await getServerCaller();
  const view = await caller.studio.class({ slug }).catch((error: unknown) => {
    if (isNotFound(error)) notFound();
    throw error;
  });
  const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: viewer.timezone });
  const percent = (value: number) => `${Math.round(value)}%`;
  // A share of nobody is not 0%.
  const lessonPercent = (value: number) => (view.learners.length ? percent(value) : "—");

  return (
    <div className="space-y-10">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link href="/studio" className="underline underline-offset-2">Studio</Link> /{" "}
        <Link href={`/studio/courses/${view.course.slug}`} className="underline underline-offset-2">{view.course.title}</Link> / Class view
      </nav>
      <PageHeader title={`Class view: ${view.course.title}`}>
        {view.learners.length === 1 ? "1 learner is" : `${view.learners.length} learners are`} enrolled
        {view.course.status === "PUBLISHED" ? "." : ". The course is a draft: no new learner can enroll until it is published."}
      </PageHeader>

      <section aria-labelledby="learners-heading" className="space-y-3">
        <h2 id="learners-heading" className="text-xl font-semibold">Learners</h2>
        {view.learners.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-700 dark:border-slate-700 dark:text-slate-300">Nobody is enrolled yet.</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Enrolled learners, their completion and last activity</caption>
              <thead className="border-b border-slate-200 dark:border-slate-800">
                <tr>
                  <th scope="col" className="py-2 pr-4">Learner</th>
                  <th scope="col" className="py-2 pr-4">Enrolled</th>
                  <th scope="col" className="py-2 pr-4">Last activity</th>
                  <th scope="col" className="py-2">Completion</th>
                </tr>
              </thead>
              <tbody>
                {view.learners.map((learner, index) => (
                  <tr key={index} className="border-b border-slate-100 dark:border-slate-900">
                    <th scope="row" className="py-2 pr-4 font-medium">{learner.name}</th>
                    <td className="py-2 pr-4">{date.format(learner.enrolledAt)}</td>
                    <td className="py-2 pr-4">{date.format(learner.lastActivityAt)}</td>
                    <td className="py-2">{percent(learner.completionPercent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="lessons-heading" className="space-y-3">
        <h2 id="lessons-heading" className="text-xl font-semibold">Completion by lesson</h2>
        {view.lessons.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">The course has no lesson yet.</p>
        ) : (
          <table className="w-full max-w-2xl text-left text-sm">
            <caption className="sr-only">Share of enrolled learners who completed each lesson</caption>
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th scope="col" className="py-2 pr-4">Lesson</th>
                <th scope="col" className="py-2">Learners who completed it</th>
              </tr>
            </thead>
            <tbody>
              {view.lessons.map((lesson, index) => (
                <tr key={index} className="border-b border-slate-100 dark:border-slate-900">
                  <th scope="row" className="py-2 pr-4 font-medium">{index + 1}. {lesson.title}</th>
                  <td className="py-2">{lessonPercent(lesson.completionPercent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="missed-heading" className="space-y-2">
        <h2 id="missed-heading" className="text-xl font-semibold">Most-missed quiz questions</h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Not available yet: this fills in when quizzes land and learners&apos; answers are recorded.
        </p>
      </section>
      <section aria-labelledby="forgotten-heading" className="space-y-2">
        <h2 id="forgotten-heading" className="text-xl font-semibold">Most-forgotten flashcards</h2>
        {view.mostForgottenCards.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">No learner has forgotten one of this course&apos;s cards yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">The course&apos;s cards learners answered Again most often, by share of their reviews</caption>
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th scope="col" className="py-2 pr-4">Card</th>
                <th scope="col" className="py-2 pr-4">Lesson</th>
                <th scope="col" className="py-2 pr-4">Forgotten</th>
                <th scope="col" className="py-2 pr-4">Reviews</th>
                <th scope="col" className="py-2">Learners</th>
              </tr>
            </thead>
            <tbody>
              {view.mostForgottenCards.map((card, index) => (
                <tr key={index} className="border-b border-slate-100 dark:border-slate-900">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    {card.front} <span className="text-xs font-normal text-slate-600 dark:text-slate-400">({card.kindLabel})</span>
                  </th>
                  <td className="py-2 pr-4">{card.lesson}</td>
                  <td className="py-2 pr-4">{Math.round(card.forgetRate * 100)}% ({card.again})</td>
                  <td className="py-2 pr-4">{card.reviews}</td>
                  <td className="py-2">{card.learners}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="memory-heading" className="space-y-2">
        <h2 id="memory-heading" className="text-xl font-semibold">Memory: hardest cards and true retention</h2>
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="course-retention">
          {view.memory.retention.rate === null
            ? "No review of a learned card in the last 30 days yet."
            : `True retention, last 30 days: ${Math.round(view.memory.retention.rate * 100)}% of ${view.memory.retention.reviews} reviews by ${view.memory.retention.learners} ${view.memory.retention.learners === 1 ? "learner" : "learners"} were remembered, against a target of ${Math.round((view.memory.retention.target ?? 0.9) * 100)}% (the retention they asked for).`}
        </p>
        {view.memory.hardest.length === 0 ? null : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">The course&apos;s cards with the highest FSRS difficulty, averaged over learners</caption>
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th scope="col" className="py-2 pr-4">Card</th>
                <th scope="col" className="py-2 pr-4">Lesson</th>
                <th scope="col" className="py-2 pr-4">Difficulty (1–10)</th>
                <th scope="col" className="py-2">Learners (with fitted parameters)</th>
              </tr>
            </thead>
            <tbody>
              {view.memory.hardest.map((card, index) => (
                <tr key={index} className="border-b border-slate-100 dark:border-slate-900">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    {card.front} <span className="text-xs font-normal text-slate-600 dark:text-slate-400">({card.kindLabel})</span>
                  </th>
                  <td className="py-2 pr-4">{card.lesson}</td>
                  <td className="py-2 pr-4">{card.difficulty.toFixed(1)}</td>
                  <td className="py-2">{card.learners} ({card.fittedLearners})</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="text-xs text-slate-600 dark:text-slate-400">Difficulty is FSRS&apos;s, as each learner&apos;s scheduler computed it from their own reviews (with their fitted parameters where they adopted some).</p>
      </section>
    </div>
  );
}
