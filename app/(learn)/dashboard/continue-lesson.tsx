import Link from "next/link";
import { SECTION_LABEL } from "@/lib/content/structure";
import { getServerCaller } from "@/app/_trpc/server";

/** "Continue where you left off": the section the learner last worked in, with its course's completion. */
export async function ContinueLesson() {
  const resume = await (await getServerCaller()).progress.continue();
  if (!resume) return null;
  return (
    <section aria-labelledby="continue-heading" className="space-y-3 rounded-lg border border-brand-100 bg-brand-50 p-5 dark:border-brand-700 dark:bg-slate-900">
      <h2 id="continue-heading" className="text-xl font-semibold">
        Continue where you left off
      </h2>
      <p className="text-slate-700 dark:text-slate-300">
        {resume.course.title} · {resume.lesson.title} · {SECTION_LABEL[resume.section.type]}
        {resume.section.type === "audio-lesson" || resume.section.type === "audiobook" ? ` (${resume.section.percent}% listened)` : ""}
      </p>
      <p className="text-sm text-slate-700 dark:text-slate-300">{resume.course.percent}% of the course complete</p>
      <Link href={resume.href} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Continue: {resume.lesson.title}
      </Link>
    </section>
  );
}

/** A course's completion for the signed-in learner, as a short line for course lists. */
export async function CourseCompletion({ courseSlug }: { courseSlug: string }) {
  const progress = await (await getServerCaller()).progress.course({ courseSlug });
  return (
    <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
      {progress.percent}% complete · {progress.lessonsDone} of {progress.lessonCount} lessons
    </p>
  );
}
