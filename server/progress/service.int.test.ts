import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import { completeSection } from "./service";

const CATEGORY = "progress-tests";

/** A published course of two lessons: the first with audio, summary and quiz sections, the second with one summary. */
async function publishedCourse() {
  await db.category.upsert({ where: { slug: CATEGORY }, create: { slug: CATEGORY, title: "Progress tests", description: "d", position: 99 }, update: {} });
  const slug = `progress-${randomUUID().slice(0, 8)}`;
  const course = await db.course.create({
    data: { slug, title: "Progress course", categorySlug: CATEGORY, level: "beginner", summary: "s", description: "d", estimatedMinutes: 10, status: "PUBLISHED", publishedAt: new Date() },
    select: { id: true, slug: true },
  });
  const lesson = await db.lesson.create({ data: { courseId: course.id, slug: "one", title: "One", summary: "s", estimatedMinutes: 5, position: 0 }, select: { id: true } });
  const section = (type: string, position: number, lessonId = lesson.id) =>
    db.lessonSection.create({ data: { lessonId, type, position, data: {} }, select: { id: true } });
  const audio = await section("audio-lesson", 0);
  const summary = await section("summaries", 1);
  const quiz = await section("quiz", 2);
  const second = await db.lesson.create({ data: { courseId: course.id, slug: "two", title: "Two", summary: "s", estimatedMinutes: 5, position: 1 }, select: { id: true } });
  const secondSummary = await section("summaries", 0, second.id);
  return { course, lesson, second, audio, summary, quiz, secondSummary };
}

async function enrolled(courseId: string): Promise<AuthUser> {
  const learner = await createTestUser();
  await db.enrollment.create({ data: { userId: learner.id, courseId } });
  return learner;
}

const progress = (user: AuthUser | null) => createCaller(createContextFor(user)).progress;

async function xpOf(userId: string) {
  return db.xpEvent.findMany({ where: { userId }, select: { source: true, sourceId: true, amount: true, courseId: true }, orderBy: { source: "asc" } });
}

describe("progress writes", () => {
  it("never move backwards, in whatever order concurrent writes land", async () => {
    const { course, audio } = await publishedCourse();
    const learner = await enrolled(course.id);
    const caller = progress(learner);
    const base = Date.now() - 60_000;
    // Two tabs and a replayed offline queue, all at once: the percentages arrive in any order.
    await Promise.all(
      [40, 10, 70, 30, 60, 20].map((percent, index) =>
        caller.save({ reports: [{ sectionId: audio.id, percent, complete: false, position: { line: percent / 10 }, at: base + index * 1_000 }] }),
      ),
    );
    const row = await db.sectionProgress.findUniqueOrThrow({ where: { userId_sectionId: { userId: learner.id, sectionId: audio.id } } });
    expect(row.percent).toBe(70);
    // The position is the most recent report's (index 5: percent 20 → line 2), not the furthest.
    expect(row.position).toEqual({ line: 2 });
    expect(row.completedAt).toBeNull();

    // A stale write afterwards changes neither percent nor the newer position.
    await caller.save({ reports: [{ sectionId: audio.id, percent: 5, complete: false, position: { line: 0 }, at: base - 10_000 }] });
    const after = await db.sectionProgress.findUniqueOrThrow({ where: { userId_sectionId: { userId: learner.id, sectionId: audio.id } } });
    expect(after.percent).toBe(70);
    expect(after.position).toEqual({ line: 2 });
  });

  it("completes audio at 90% heard and keeps it complete; awards section XP once however often it is sent", async () => {
    const { course, lesson, audio } = await publishedCourse();
    const learner = await enrolled(course.id);
    const caller = progress(learner);
    const report = { sectionId: audio.id, percent: 92, complete: false, at: Date.now() };
    const results = await Promise.all([caller.save({ reports: [report] }), caller.save({ reports: [report] }), caller.save({ reports: [report] })]);
    expect(results.map((result) => result.sections[0]!.completed)).toEqual([true, true, true]);
    expect(results.reduce((sum, result) => sum + result.xp, 0)).toBe(10);
    await caller.save({ reports: [{ ...report, percent: 10, at: Date.now() }] });
    const state = await caller.lesson({ lessonId: lesson.id });
    expect(state.sections.find((section) => section.sectionId === audio.id)).toMatchObject({ percent: 92, completed: true });
    expect(await xpOf(learner.id)).toEqual([{ source: "lesson-section", sourceId: audio.id, amount: 10, courseId: course.id }]);
  });

  it("marks text read at once, refuses to mark a quiz from the page, and remembers where the learner was", async () => {
    const { course, lesson, audio, summary, quiz } = await publishedCourse();
    const learner = await enrolled(course.id);
    const caller = progress(learner);
    const now = Date.now();
    await caller.save({ reports: [{ sectionId: audio.id, percent: 30, position: { line: 4 }, at: now - 5_000 }] });
    const saved = await caller.save({ reports: [{ sectionId: summary.id, percent: 0, complete: true, at: now }] });
    expect(saved.sections[0]).toMatchObject({ percent: 100, completed: true });
    await expect(caller.save({ reports: [{ sectionId: quiz.id, percent: 100, complete: true, at: now }] })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const state = await caller.lesson({ lessonId: lesson.id });
    expect(state.resumeSectionId).toBe(summary.id);
    expect(state.sections.find((section) => section.sectionId === audio.id)?.position).toEqual({ line: 4 });
    const resume = await caller.continue();
    expect(resume).toMatchObject({ section: { id: summary.id, type: "summaries", completed: true }, href: `/courses/${course.slug}/lessons/one#section-summaries` });
  });

  it("cascades lesson and course completion with their XP exactly once", async () => {
    const { course, lesson, second, audio, summary, quiz, secondSummary } = await publishedCourse();
    const learner = await enrolled(course.id);
    const caller = progress(learner);
    await caller.save({ reports: [{ sectionId: audio.id, percent: 100, at: Date.now() }, { sectionId: summary.id, percent: 0, complete: true, at: Date.now() }] });
    // Two of lesson one's three sections, none of lesson two's: (2/3 + 0) / 2 of the course.
    expect(await caller.course({ courseSlug: course.slug })).toMatchObject({ percent: 33, lessonsDone: 0 });

    // Passing the quiz (as the quiz domain reports it), twice at once, finishes the lesson once.
    const passes = await Promise.all([
      completeSection({ userId: learner.id, lessonId: lesson.id, sectionId: quiz.id }),
      completeSection({ userId: learner.id, lessonId: lesson.id, sectionId: quiz.id }),
    ]);
    expect(passes.filter((pass) => pass.lessonCompleted)).toHaveLength(1);
    expect(await caller.course({ courseSlug: course.slug })).toMatchObject({ percent: 50, lessonsDone: 1 });

    const last = await caller.save({ reports: [{ sectionId: secondSummary.id, percent: 0, complete: true, at: Date.now() }] });
    expect(last).toMatchObject({ lessonCompleted: true, courseCompleted: true, xp: 10 + 20 + 100 });
    const courseState = await caller.course({ courseSlug: course.slug });
    expect(courseState).toMatchObject({ percent: 100, lessonsDone: 2, lessonCount: 2 });
    expect(courseState.completedLessonIds.sort()).toEqual([lesson.id, second.id].sort());

    await caller.save({ reports: [{ sectionId: secondSummary.id, percent: 0, complete: true, at: Date.now() }] });
    const events = await xpOf(learner.id);
    expect(events.filter((event) => event.source === "lesson-section")).toHaveLength(4);
    expect(events.filter((event) => event.source === "lesson-complete").map((event) => event.sourceId).sort()).toEqual([lesson.id, second.id].sort());
    expect(events.filter((event) => event.source === "course-complete")).toEqual([{ source: "course-complete", sourceId: course.id, amount: 100, courseId: course.id }]);
  });
});

describe("progress access", () => {
  it("keeps each learner's progress their own", async () => {
    const { course, lesson, audio } = await publishedCourse();
    const alice = await enrolled(course.id);
    const bob = await enrolled(course.id);
    await progress(alice).save({ reports: [{ sectionId: audio.id, percent: 95, position: { line: 9 }, at: Date.now() }] });

    // Bob sees only his own (empty) progress for the same lesson, and his writes touch only his rows.
    const bobs = await progress(bob).lesson({ lessonId: lesson.id });
    expect(bobs.sections.every((section) => section.percent === 0 && !section.completed && section.position === null)).toBe(true);
    expect(bobs.resumeSectionId).toBeNull();
    expect(await progress(bob).continue()).toBeNull();
    await progress(bob).save({ reports: [{ sectionId: audio.id, percent: 5, position: { line: 0 }, at: Date.now() }] });
    const alices = await db.sectionProgress.findUniqueOrThrow({ where: { userId_sectionId: { userId: alice.id, sectionId: audio.id } } });
    expect(alices).toMatchObject({ percent: 95, position: { line: 9 } });

    await expect(progress(null).lesson({ lessonId: lesson.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(progress(null).save({ reports: [{ sectionId: audio.id, percent: 5, at: Date.now() }] })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("offers enrollment to a learner who is not enrolled, and saves nothing for them", async () => {
    const { course, lesson, summary } = await publishedCourse();
    const stranger = await createTestUser();
    const state = await progress(stranger).lesson({ lessonId: lesson.id });
    expect(state.enrolled).toBe(false);
    await expect(progress(stranger).save({ reports: [{ sectionId: summary.id, percent: 0, complete: true, at: Date.now() }] })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Enroll in this course to save your progress.",
    });
    expect(await db.sectionProgress.count({ where: { userId: stranger.id } })).toBe(0);

    // Enrolling (what the page offers) makes the same report count.
    await createCaller(createContextFor(stranger)).enrollment.enroll({ courseSlug: course.slug });
    expect((await progress(stranger).lesson({ lessonId: lesson.id })).enrolled).toBe(true);
    const saved = await progress(stranger).save({ reports: [{ sectionId: summary.id, percent: 0, complete: true, at: Date.now() }] });
    expect(saved.sections[0]?.completed).toBe(true);
  });

  it("rejects unknown or archived sections and malformed reports", async () => {
    const { course, summary } = await publishedCourse();
    const learner = await enrolled(course.id);
    await expect(progress(learner).save({ reports: [{ sectionId: "no-such-section", percent: 5, at: Date.now() }] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(progress(learner).save({ reports: [{ sectionId: summary.id, percent: 140, at: Date.now() }] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await db.lessonSection.update({ where: { id: summary.id }, data: { archivedAt: new Date() } });
    await expect(progress(learner).save({ reports: [{ sectionId: summary.id, percent: 5, at: Date.now() }] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("remembers the summary depth for the learner", async () => {
    const { course, lesson } = await publishedCourse();
    const learner = await enrolled(course.id);
    expect((await progress(learner).lesson({ lessonId: lesson.id })).summaryLevel).toBe("basic");
    await progress(learner).setSummaryLevel({ level: "detailed" });
    expect((await progress(learner).lesson({ lessonId: lesson.id })).summaryLevel).toBe("detailed");
    await expect(progress(learner).setSummaryLevel({ level: "huge" as "basic" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
