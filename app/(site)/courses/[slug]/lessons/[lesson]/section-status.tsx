"use client";

import Link from "next/link";
import { useEffect, useRef, type ReactNode } from "react";
import type { CompletionRule } from "@/lib/progress/rules";
import { useLessonProgress } from "./progress-provider";
import { Check } from "lucide-react";

// A text section counts as read once its end has been on screen, after the section itself has been
// on screen this long in total: scrolling straight past is not reading.
const MIN_READING_MS = 5_000;

/** A lesson section that reports itself read when the learner scrolls through it. */
export function TrackedSection({ sectionId, rule, anchor, labelledBy, children }: { sectionId: string; rule: CompletionRule; anchor: string; labelledBy: string; children: ReactNode }) {
  const { report, states, engaged, enrolled } = useLessonProgress();
  const section = useRef<HTMLElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const completed = Boolean(states[sectionId]?.completed);

  useEffect(() => {
    if (rule !== "read" || completed || !engaged || !enrolled || !section.current || !end.current) return;
    let visibleSince: number | null = null;
    let visibleMs = 0;
    let endSeen = false;
    const check = () => {
      const total = visibleMs + (visibleSince === null ? 0 : performance.now() - visibleSince);
      if (endSeen && total >= MIN_READING_MS) report(sectionId, { complete: true });
    };
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.target === section.current) {
          if (entry.isIntersecting) visibleSince = performance.now();
          else if (visibleSince !== null) {
            visibleMs += performance.now() - visibleSince;
            visibleSince = null;
          }
        } else if (entry.isIntersecting) endSeen = true;
      }
      check();
    });
    observer.observe(section.current);
    observer.observe(end.current);
    const interval = setInterval(check, 1_000);
    return () => {
      observer.disconnect();
      clearInterval(interval);
    };
  }, [rule, completed, engaged, enrolled, report, sectionId]);

  return (
    <section ref={section} id={anchor} data-section-id={sectionId} aria-labelledby={labelledBy} className="scroll-mt-16 space-y-4">
      {children}
      <div ref={end} aria-hidden="true" />
    </section>
  );
}

/** Done / progress badge of a section, with the control that finishes it where the learner may. */
export function SectionStatus({ sectionId, rule, title, quizHref }: { sectionId: string; rule: CompletionRule; title: string; quizHref?: string }) {
  const { states, report, enrolled } = useLessonProgress();
  const state = states[sectionId];
  if (!enrolled) return null;
  if (state?.completed) {
    return (
      <p className="inline-flex items-center gap-1 rounded-full bg-green-100 px-3 py-1 text-sm font-medium text-green-800 dark:bg-green-950 dark:text-green-200">
        <Check aria-hidden="true" className="h-4 w-4" /> <span>Done</span>
      </p>
    );
  }
  if (rule === "pass") {
    return quizHref ? (
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Done when you pass the quiz.{" "}
        <Link href={quizHref} className="text-brand-700 underline dark:text-brand-100">
          Take the quiz
        </Link>
      </p>
    ) : null;
  }
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      {rule === "listen" ? <span className="text-slate-700 dark:text-slate-300">{state?.percent ?? 0}% listened</span> : null}
      <button
        type="button"
        onClick={() => report(sectionId, { complete: true })}
        className="rounded-md border border-slate-300 px-3 py-1 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        {rule === "listen" ? "I read the transcript: mark as done" : "Mark as read"}
        <span className="sr-only"> ({title})</span>
      </button>
    </div>
  );
}

/** The lesson's progress: sections done, and whether everything is saved (announced politely). */
export function LessonProgressSummary({ sectionIds }: { sectionIds: string[] }) {
  const { states, status, announcement, enrolled } = useLessonProgress();
  if (!enrolled) return null;
  const done = sectionIds.filter((id) => states[id]?.completed).length;
  const percent = sectionIds.length ? Math.floor((done / sectionIds.length) * 100) : 0;
  const saveText =
    status === "saving" ? "Saving…" : status === "queued" ? "Offline: your progress is kept on this device and saved when the connection returns." : status === "saved" ? "Progress saved." : "";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="font-medium">
          {done} of {sectionIds.length} sections done
        </p>
        <p role="status" aria-live="polite" className="text-slate-700 dark:text-slate-300">
          {saveText} {announcement}
        </p>
      </div>
      <div className="h-2 rounded bg-slate-200 dark:bg-slate-800" role="progressbar" aria-label="Lesson progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="h-2 rounded bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/** A check mark beside a format in the lesson's format list once that section is done. */
export function FormatDone({ sectionId }: { sectionId: string }) {
  const { states } = useLessonProgress();
  return states[sectionId]?.completed ? (
    <>
      <Check aria-hidden="true" className="ml-1 inline-block h-4 w-4 align-text-bottom" />
      <span className="sr-only"> (done)</span>
    </>
  ) : null;
}
