import { describe, expect, it } from "vitest";
import { SUMMARY_LEVELS as CONTENT_SUMMARY_LEVELS } from "../content/schema";
import { SUMMARY_LEVELS, clampPercent, completionRule, enqueueReport, mergeReports, percentOf, reportCompletes, type ProgressReport } from "./rules";

const report = (overrides: Partial<ProgressReport>): ProgressReport => ({ sectionId: "s1", percent: 0, complete: false, at: 0, ...overrides });

describe("completion rules", () => {
  it("treats audio as listened, quizzes as passed and everything else as read", () => {
    expect(completionRule("audio-lesson")).toBe("listen");
    expect(completionRule("audiobook")).toBe("listen");
    expect(completionRule("quiz")).toBe("pass");
    expect(completionRule("summaries")).toBe("read");
    expect(completionRule("lab")).toBe("read");
  });

  it("finishes audio at 90% heard, or when its transcript is marked read", () => {
    expect(reportCompletes("audio-lesson", { percent: 89, complete: false })).toBe(false);
    expect(reportCompletes("audio-lesson", { percent: 90, complete: false })).toBe(true);
    expect(reportCompletes("audio-lesson", { percent: 10, complete: true })).toBe(true);
  });

  it("finishes text only when read, and never a quiz from a report", () => {
    expect(reportCompletes("summaries", { percent: 100, complete: false })).toBe(false);
    expect(reportCompletes("summaries", { percent: 0, complete: true })).toBe(true);
    expect(reportCompletes("quiz", { percent: 100, complete: true })).toBe(false);
  });

  it("knows the same summary depths as the content format", () => {
    expect(SUMMARY_LEVELS).toEqual(CONTENT_SUMMARY_LEVELS);
  });

  it("clamps and rounds percentages", () => {
    expect(clampPercent(-5)).toBe(0);
    expect(clampPercent(140)).toBe(100);
    expect(clampPercent(33.6)).toBe(34);
    expect(clampPercent(Number.NaN)).toBe(0);
    expect(percentOf(2, 3)).toBe(66);
    expect(percentOf(3, 3)).toBe(100);
    expect(percentOf(0, 0)).toBe(0);
  });
});

describe("the offline queue", () => {
  it("merges reports in any order to the same result: forward-only percent and completion, latest position", () => {
    const early = report({ percent: 60, complete: true, position: { line: 3 }, at: 100 });
    const late = report({ percent: 40, position: { line: 5 }, at: 200 });
    const merged = mergeReports(early, late);
    expect(merged).toEqual({ sectionId: "s1", percent: 60, complete: true, position: { line: 5 }, at: 200 });
    expect(mergeReports(late, early)).toEqual(merged);
  });

  it("keeps an older position when the newer report has none", () => {
    expect(mergeReports(report({ position: { line: 2 }, at: 1 }), report({ complete: true, at: 2 })).position).toEqual({ line: 2 });
  });

  it("keeps one report per section", () => {
    let queue: ProgressReport[] = [];
    queue = enqueueReport(queue, report({ percent: 10, at: 1 }));
    queue = enqueueReport(queue, report({ sectionId: "s2", percent: 5, at: 2 }));
    queue = enqueueReport(queue, report({ percent: 30, at: 3 }));
    expect(queue).toHaveLength(2);
    expect(queue.find((entry) => entry.sectionId === "s1")?.percent).toBe(30);
  });
});
