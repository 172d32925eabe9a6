import Link from "next/link";
import { SECTION_LABEL } from "@/lib/content/structure";
import type { SectionType } from "@/lib/content/schema";

type Resume = { href: string; lesson: { title: string }; section: { type: SectionType } } | null;

/** An enrolled learner's completion of a course, and the link back to where they left off. */
export function CourseProgress({ percent, lessonsDone, lessonCount, resume }: { percent: number; lessonsDone: number; lessonCount: number; resume: Resume }) {
  return (
    <div className="max-w-xl space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <p className="text-sm font-medium">
        <span data-testid="course-percent">{percent}% complete</span> · {lessonsDone} of {lessonCount} lessons done
      </p>
      <div className="h-2 rounded bg-slate-200 dark:bg-slate-800" role="progressbar" aria-label="Course completion" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="h-2 rounded bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
      {resume ? (
        <Link href={resume.href} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Continue where you left off: {resume.lesson.title} · {SECTION_LABEL[resume.section.type]}
        </Link>
      ) : null}
    </div>
  );
}
