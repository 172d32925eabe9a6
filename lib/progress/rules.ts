import type { SectionType } from "../content/schema";

/** How a section counts as done: read (scrolled through or marked), listened to, or passed. */
export type CompletionRule = "read" | "listen" | "pass";

/** Share of an audio section (percent) a learner must have heard for it to count as done. */
export const LISTENED_DONE_PERCENT = 90;

// The content format's summary depths (lib/content/schema.ts), repeated here so the lesson page's
// browser code does not pull in the content schema and zod with it; a test keeps the two equal.
export const SUMMARY_LEVELS = ["basic", "medium", "detailed"] as const;
export type SummaryLevel = (typeof SUMMARY_LEVELS)[number];

export function completionRule(type: SectionType): CompletionRule {
  if (type === "audio-lesson" || type === "audiobook") return "listen";
  if (type === "quiz") return "pass";
  return "read";
}

/**
 * Whether a progress report finishes its section. Audio counts at 90% heard; a learner may also mark
 * its transcript read, so nobody who cannot listen is locked out. A quiz section is finished only
 * by passing the quiz (the quiz domain calls `completeSection`), never by a report from the page.
 */
export function reportCompletes(type: SectionType, report: { percent: number; complete: boolean }): boolean {
  const rule = completionRule(type);
  if (rule === "pass") return false;
  if (report.complete) return true;
  return rule === "listen" && report.percent >= LISTENED_DONE_PERCENT;
}

export function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, Math.round(percent)));
}

/** Percent of `done` out of `total`, rounded down so 100 means everything. */
export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((done / total) * 100);
}

/** Where the learner is inside a section: a dialogue line, or per-chapter offsets of an audiobook. */
export type SectionPosition = { line?: number; chapter?: number; chapters?: Record<string, number> };

/** One progress report, as the lesson page queues and sends it. `at` is when it happened (ms). */
export type ProgressReport = {
  sectionId: string;
  percent: number;
  complete: boolean;
  position?: SectionPosition;
  at: number;
};

/**
 * Folds two reports for one section into one, the way the server would apply them in any order:
 * percent and completion only move forward; the later position wins. The browser's queue keeps one
 * report per section this way, however long it was offline.
 */
export function mergeReports(a: ProgressReport, b: ProgressReport): ProgressReport {
  const [older, newer] = a.at <= b.at ? [a, b] : [b, a];
  return {
    sectionId: newer.sectionId,
    percent: Math.max(a.percent, b.percent),
    complete: a.complete || b.complete,
    position: newer.position ?? older.position,
    at: newer.at,
  };
}

/** Adds a report to a queue of reports, keeping one per section. */
export function enqueueReport(queue: ProgressReport[], report: ProgressReport): ProgressReport[] {
  const existing = queue.find((entry) => entry.sectionId === report.sectionId);
  if (!existing) return [...queue, report];
  return queue.map((entry) => (entry === existing ? mergeReports(entry, report) : entry));
}
