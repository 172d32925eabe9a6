import Link from "next/link";
import { SECTION_LABEL } from "@/lib/content/structure";
import { getServerCaller } from "@/app/_trpc/server";

/** A course's completion and the link that resumes it: where the learner left off, else its first lesson. */
export async function CourseResume({ courseSlug, firstLesson }: { courseSlug: string; firstLesson: { slug: string; title: string } | null }) {
  const progress = await (await getServerCaller()).progress.course({ courseSlug });
  const target = progress.resume
    ? { href: progress.resume.href, title: progress.resume.lesson.title, detail: SECTION_LABEL[progress.resume.section.type] }
    : firstLesson
      ? { href: `/courses/${courseSlug}/lessons/${firstLesson.slug}`, title: firstLesson.title, detail: null }
      : null;
  return (
    <div className="mt-3 space-y-2">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {progress.percent}% complete · {progress.lessonsDone} of {progress.lessonCount} lessons done
      </p>
      <div className="h-2 max-w-md rounded bg-slate-200 dark:bg-slate-800" role="progressbar" aria-label="Course completion" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress.percent}>
        <div className="h-2 rounded bg-brand-600" style={{ width: `${progress.percent}%` }} />
      </div>
      {target ? (
        <Link href={target.href} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Continue: {target.title}
          {target.detail ? <span className="font-normal"> · {target.detail}</span> : null}
        </Link>
      ) : null}
    </div>
  );
}
