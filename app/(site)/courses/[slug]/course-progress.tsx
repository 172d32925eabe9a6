/** An enrolled learner's completion of a course (the way back in is the enroll button's "Continue"). */
export function CourseProgress({ percent, lessonsDone, lessonCount }: { percent: number; lessonsDone: number; lessonCount: number }) {
  return (
    <div className="max-w-xl space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <p className="text-sm font-medium">
        <span data-testid="course-percent">{percent}% complete</span> · {lessonsDone} of {lessonCount} lessons done
      </p>
      <div className="h-2 rounded bg-slate-200 dark:bg-slate-800" role="progressbar" aria-label="Course completion" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="h-2 rounded bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
