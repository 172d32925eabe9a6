import "server-only";
import type { SectionType } from "@/lib/content/schema";
import { clampPercent, completionRule, percentOf, reportCompletes, SUMMARY_LEVELS, type SectionPosition, type SummaryLevel } from "@/lib/progress/rules";
import type { SaveProgressInput } from "@/lib/progress/schemas";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { DbClient } from "../db-client";
import { DomainError } from "../errors";
import { courseLessons, findCourse, liveSectionsOf, publishedLesson, publishedSections, type SectionRef } from "../catalog/service";
import { lockLearner, recordActivity } from "../gamification/service";


export type SectionState = { sectionId: string; percent: number; completed: boolean; position: SectionPosition | null };

// Reports from a browser clock are trusted for ordering positions, within reason: never in the
// future (a fast clock would pin a stale position), never older than a month.
const MAX_REPORT_AGE_MS = 30 * 24 * 60 * 60 * 1000;

function reportTime(at: number, now: Date): Date {
  return new Date(Math.min(now.getTime(), Math.max(now.getTime() - MAX_REPORT_AGE_MS, at)));
}

const liveSectionWhere = {
  archivedAt: null,
  lesson: { archivedAt: null, course: { status: "PUBLISHED", archivedAt: null } },
} satisfies Prisma.SectionProgressWhereInput["section"];

type WriteResult = { state: SectionState; newlyCompleted: boolean };

/**
 * The one write every progress change goes through. Monotonic in SQL, whatever the order writes
 * arrive in: percent only grows (GREATEST), completion is kept once set (COALESCE), and the position
 * is replaced only by a report at least as recent as the one that set it.
 */
async function writeProgress(
  tx: DbClient,
  input: { userId: string; section: SectionRef; percent: number; position: SectionPosition | null; at: Date; complete: boolean },
): Promise<WriteResult> {
  const before = await tx.sectionProgress.findUnique({
    where: { userId_sectionId: { userId: input.userId, sectionId: input.section.id } },
    select: { completedAt: true },
  });
  const completedAt = input.complete ? new Date() : null;
  const position = input.position ? JSON.stringify(input.position) : null;
  const rows = await tx.$queryRaw<{ percent: number; position: SectionPosition | null; completedAt: Date | null }[]>`
    INSERT INTO "SectionProgress" ("userId", "sectionId", "lessonId", "courseId", "percent", "position", "positionAt", "completedAt", "createdAt", "updatedAt")
    VALUES (${input.userId}, ${input.section.id}, ${input.section.lessonId}, ${input.section.courseId}, ${input.percent},
            ${position}::jsonb, ${input.at}, ${completedAt}, now(), now())
    ON CONFLICT ("userId", "sectionId") DO UPDATE SET
      "percent" = GREATEST("SectionProgress"."percent", EXCLUDED."percent"),
      "position" = CASE WHEN EXCLUDED."position" IS NOT NULL AND EXCLUDED."positionAt" >= "SectionProgress"."positionAt"
                        THEN EXCLUDED."position" ELSE "SectionProgress"."position" END,
      "positionAt" = GREATEST("SectionProgress"."positionAt", EXCLUDED."positionAt"),
      "completedAt" = COALESCE("SectionProgress"."completedAt", EXCLUDED."completedAt"),
      "updatedAt" = now()
    RETURNING "percent", "position", "completedAt"`;
  const row = rows[0]!;
  return {
    state: { sectionId: input.section.id, percent: row.percent, completed: Boolean(row.completedAt), position: row.position },
    newlyCompleted: Boolean(row.completedAt) && !before?.completedAt,
  };
}

export type CompletionAwards = { xp: number; lessonCompleted: boolean; courseCompleted: boolean };

/**
 * XP for a finished section, then for its lesson when that was the last section, then for the
 * course when that was the last lesson. Each award is idempotent in the ledger (sourceId = the
 * section, lesson or course id), so running this twice awards nothing more.
 */
async function awardCompletion(userId: string, section: SectionRef, tx: DbClient): Promise<CompletionAwards> {
  let xp = (await recordActivity({ userId, rule: "lesson-section", sourceId: section.id, courseId: section.courseId, meta: { lessonId: section.lessonId, sectionId: section.id } }, tx)).xp;
  const lessons = await lessonStates({ userId, courseId: section.courseId }, tx);
  const lesson = lessons.find((entry) => entry.lessonId === section.lessonId);
  const lessonCompleted = Boolean(lesson?.completed);
  let courseCompleted = false;
  if (lessonCompleted) {
    xp += (await recordActivity({ userId, rule: "lesson-complete", sourceId: section.lessonId, courseId: section.courseId, meta: { lessonId: section.lessonId } }, tx)).xp;
    courseCompleted = lessons.length > 0 && lessons.every((entry) => entry.completed);
    if (courseCompleted) {
      xp += (await recordActivity({ userId, rule: "course-complete", sourceId: section.courseId, courseId: section.courseId, meta: {} }, tx)).xp;
    }
  }
  return { xp, lessonCompleted, courseCompleted };
}

/**
 * Saves what the lesson page reports, in one transaction: every section must be live and in a
 * course the learner is enrolled in. Safe to repeat (the offline queue does): a replayed report
 * changes nothing and awards nothing twice.
 */
export async function saveProgress(options: { userId: string; reports: SaveProgressInput["reports"] }) {
  const reports = [...options.reports].sort((a, b) => a.sectionId.localeCompare(b.sectionId));
  const sections = await publishedSections({ sectionIds: [...new Set(reports.map((report) => report.sectionId))] });
  const missing = reports.find((report) => !sections.has(report.sectionId));
  if (missing) throw new DomainError("NOT_FOUND", "That part of the lesson no longer exists.");
  const courseIds = [...new Set([...sections.values()].map((section) => section.courseId))];
  const enrolled = await db.enrollment.count({ where: { userId: options.userId, courseId: { in: courseIds }, leftAt: null } });
  if (enrolled !== courseIds.length) throw new DomainError("FORBIDDEN", "Enroll in this course to save your progress.");
  for (const report of reports) {
    if (report.complete && sections.get(report.sectionId)!.type === "quiz") {
      throw new DomainError("BAD_REQUEST", "A quiz section is done when you pass its quiz.");
    }
  }

  const now = new Date();
  return db.$transaction(async (tx) => {
    // Progress and the XP it earns are written under the learner's lock, the same one every XP
    // award takes, so a lesson's last two sections finished at once still award the lesson once.
    await lockLearner(options.userId, tx);
    const states: SectionState[] = [];
    const awards: CompletionAwards = { xp: 0, lessonCompleted: false, courseCompleted: false };
    for (const report of reports) {
      const section = sections.get(report.sectionId)!;
      const percent = clampPercent(report.percent);
      const complete = reportCompletes(section.type as SectionType, { percent, complete: report.complete });
      const result = await writeProgress(tx, {
        userId: options.userId,
        section,
        // A text section read is read in full; an audio section keeps the share actually heard.
        percent: complete && completionRule(section.type as SectionType) === "read" ? 100 : percent,
        position: report.position ?? null,
        at: reportTime(report.at, now),
        complete,
      });
      states.push(result.state);
      if (result.newlyCompleted) {
        const award = await awardCompletion(options.userId, section, tx);
        awards.xp += award.xp;
        awards.lessonCompleted ||= award.lessonCompleted;
        awards.courseCompleted ||= award.courseCompleted;
      }
    }
    return { sections: states, ...awards };
  });
}

/**
 * Marks a section done for a learner, with the lesson and course completion and XP that follow.
 * For other domains: the quiz domain calls it when a learner passes a lesson's quiz, inside the
 * transaction that records the pass. Idempotent.
 */
export async function completeSection(input: { userId: string; lessonId: string; sectionId: string }, tx?: DbClient): Promise<CompletionAwards> {
  if (!tx) return db.$transaction((client) => completeSection(input, client));
  await lockLearner(input.userId, tx);
  const section = (await publishedSections({ sectionIds: [input.sectionId] }, tx)).get(input.sectionId);
  if (!section || section.lessonId !== input.lessonId) throw new DomainError("NOT_FOUND", "That part of the lesson no longer exists.");
  const result = await writeProgress(tx, { userId: input.userId, section, percent: 100, position: null, at: new Date(), complete: true });
  if (!result.newlyCompleted) return { xp: 0, lessonCompleted: false, courseCompleted: false };
  return awardCompletion(input.userId, section, tx);
}

type LessonState = { lessonId: string; sections: number; done: number; completed: boolean };

/** Each live lesson of a course with how many of its live sections the learner has finished. */
async function lessonStates(options: { userId: string; courseId: string }, client: DbClient): Promise<LessonState[]> {
  const [lessons, finished] = await Promise.all([
    courseLessons({ courseId: options.courseId }, client),
    client.sectionProgress.findMany({ where: { userId: options.userId, courseId: options.courseId, completedAt: { not: null } }, select: { sectionId: true } }),
  ]);
  const done = new Set(finished.map((row) => row.sectionId));
  // A lesson without sections has nothing to finish and does not count toward the course.
  return lessons
    .filter((lesson) => lesson.sectionIds.length > 0)
    .map((lesson) => {
      const count = lesson.sectionIds.filter((id) => done.has(id)).length;
      return { lessonId: lesson.id, sections: lesson.sectionIds.length, done: count, completed: count === lesson.sectionIds.length };
    });
}

export type CourseProgress = { percent: number; lessonsDone: number; lessonCount: number; completedLessonIds: string[] };

/**
 * A course's completion is the average of its lessons' completion (each lesson: the share of its
 * sections done), so it rises with every finished section and reaches 100 only when every lesson is done.
 */
function coursePercent(lessonShares: number[]): number {
  if (!lessonShares.length) return 0;
  const average = lessonShares.reduce((sum, share) => sum + share, 0) / lessonShares.length;
  return average >= 1 ? 100 : Math.min(99, Math.floor(average * 100));
}

function courseProgressOf(lessons: LessonState[]): CourseProgress {
  const completed = lessons.filter((lesson) => lesson.completed);
  return {
    percent: coursePercent(lessons.map((lesson) => lesson.done / lesson.sections)),
    lessonsDone: completed.length,
    lessonCount: lessons.length,
    completedLessonIds: completed.map((lesson) => lesson.lessonId),
  };
}

/** Course completion for one learner: the share of the course's lessons they have finished. */
export async function courseProgress(options: { userId: string; courseId: string }): Promise<CourseProgress> {
  return courseProgressOf(await lessonStates(options, db));
}

/** Completion of several courses for one learner (My courses, the dashboard), by course id. */
export async function coursesProgress(options: { userId: string; courseIds: string[] }): Promise<Map<string, CourseProgress>> {
  const entries = await Promise.all(options.courseIds.map(async (courseId) => [courseId, await courseProgress({ userId: options.userId, courseId })] as const));
  return new Map(entries);
}

/**
 * Completion across a class (the studio's class view): each learner's course completion (as for
 * the learner), and percent of learners who finished each lesson.
 */
export async function classCompletion(options: { courseId: string; lessonIds: string[]; learnerIds: string[] }) {
  const sections = await liveSectionsOf({ lessonIds: options.lessonIds });
  const done = options.learnerIds.length
    ? await db.sectionProgress.findMany({
        where: { courseId: options.courseId, userId: { in: options.learnerIds }, completedAt: { not: null }, sectionId: { in: sections.map((section) => section.id) } },
        select: { userId: true, sectionId: true },
      })
    : [];
  const sectionsByLesson = new Map<string, number>();
  for (const section of sections) sectionsByLesson.set(section.lessonId, (sectionsByLesson.get(section.lessonId) ?? 0) + 1);
  const lessonOfSection = new Map(sections.map((section) => [section.id, section.lessonId]));
  const doneCount = new Map<string, number>();
  for (const row of done) {
    const key = `${row.userId}\u0000${lessonOfSection.get(row.sectionId)}`;
    doneCount.set(key, (doneCount.get(key) ?? 0) + 1);
  }
  const countedLessons = options.lessonIds.filter((id) => (sectionsByLesson.get(id) ?? 0) > 0);
  const share = (userId: string, lessonId: string) => (doneCount.get(`${userId}\u0000${lessonId}`) ?? 0) / sectionsByLesson.get(lessonId)!;
  const finished = (userId: string, lessonId: string) => share(userId, lessonId) >= 1;
  return {
    byLearner: new Map(options.learnerIds.map((userId) => [userId, coursePercent(countedLessons.map((lessonId) => share(userId, lessonId)))])),
    byLesson: new Map(
      options.lessonIds.map((lessonId) => [
        lessonId,
        countedLessons.includes(lessonId) ? percentOf(options.learnerIds.filter((userId) => finished(userId, lessonId)).length, options.learnerIds.length) : 0,
      ]),
    ),
  };
}

/** When each learner last moved forward in the course (their latest section progress), by user id. */
export async function lastProgressAt(options: { courseId: string; learnerIds: string[] }): Promise<Map<string, Date>> {
  if (options.learnerIds.length === 0) return new Map();
  const rows = await db.sectionProgress.groupBy({
    by: ["userId"],
    where: { courseId: options.courseId, userId: { in: options.learnerIds } },
    _max: { positionAt: true },
  });
  return new Map(rows.flatMap((row) => (row._max.positionAt ? [[row.userId, row._max.positionAt] as const] : [])));
}

/**
 * The lesson page's view of the learner's progress: each section's state, where to resume, the
 * remembered summary depth and whether they are enrolled (progress is saved only for enrolled
 * learners; the page offers enrollment otherwise). Only the caller's own rows are read.
 */
export async function lessonProgress(options: { userId: string; lessonId: string }) {
  const lesson = await publishedLesson({ lessonId: options.lessonId });
  if (!lesson) throw new DomainError("NOT_FOUND", "That lesson does not exist.");
  const [rows, enrollment, preference, course] = await Promise.all([
    db.sectionProgress.findMany({
      where: { userId: options.userId, sectionId: { in: lesson.sectionIds } },
      select: { sectionId: true, percent: true, position: true, positionAt: true, completedAt: true },
    }),
    db.enrollment.findUnique({ where: { userId_courseId: { userId: options.userId, courseId: lesson.courseId } }, select: { leftAt: true } }),
    db.lessonPreference.findUnique({ where: { userId: options.userId }, select: { summaryLevel: true } }),
    courseProgress({ userId: options.userId, courseId: lesson.courseId }),
  ]);
  const bySection = new Map(rows.map((row) => [row.sectionId, row]));
  let resume: { sectionId: string; at: Date } | null = null;
  const sections: SectionState[] = lesson.sectionIds.map((sectionId) => {
    const row = bySection.get(sectionId);
    if (row && (!resume || row.positionAt > resume.at)) resume = { sectionId, at: row.positionAt };
    return { sectionId, percent: row?.percent ?? 0, completed: Boolean(row?.completedAt), position: (row?.position as SectionPosition | null) ?? null };
  });
  return {
    enrolled: Boolean(enrollment && !enrollment.leftAt),
    sections,
    resumeSectionId: (resume as { sectionId: string } | null)?.sectionId ?? null,
    summaryLevel: (SUMMARY_LEVELS as readonly string[]).includes(preference?.summaryLevel ?? "") ? (preference!.summaryLevel as SummaryLevel) : "basic",
    course,
  };
}

/**
 * Where the learner left off: the section they last made progress in, among the courses they are
 * enrolled in (one course when `courseId` is given), with the link that opens it at that section.
 */
export async function continueWhereLeftOff(options: { userId: string; courseId?: string }) {
  const row = await db.sectionProgress.findFirst({
    where: {
      userId: options.userId,
      ...(options.courseId ? { courseId: options.courseId } : {}),
      section: { ...liveSectionWhere, lesson: { archivedAt: null, course: { status: "PUBLISHED", archivedAt: null, enrollments: { some: { userId: options.userId, leftAt: null } } } } },
    },
    orderBy: { positionAt: "desc" },
    select: {
      courseId: true,
      percent: true,
      completedAt: true,
      positionAt: true,
      section: { select: { id: true, type: true, lesson: { select: { id: true, slug: true, title: true, course: { select: { slug: true, title: true } } } } } },
    },
  });
  if (!row) return null;
  const { lesson } = row.section;
  const course = await courseProgress({ userId: options.userId, courseId: row.courseId });
  return {
    course: { slug: lesson.course.slug, title: lesson.course.title, percent: course.percent },
    lesson: { slug: lesson.slug, title: lesson.title },
    section: { id: row.section.id, type: row.section.type as SectionType, percent: row.percent, completed: Boolean(row.completedAt) },
    at: row.positionAt,
    href: `/courses/${lesson.course.slug}/lessons/${lesson.slug}#section-${row.section.type}`,
  };
}

/** Remembers the learner's summary depth, for every lesson and every device. */
export async function setSummaryLevel(options: { userId: string; level: SummaryLevel }) {
  return db.lessonPreference.upsert({
    where: { userId: options.userId },
    create: { userId: options.userId, summaryLevel: options.level },
    update: { summaryLevel: options.level },
    select: { summaryLevel: true },
  });
}

/** The course page's progress: completion and where to resume, for the signed-in learner. */
export async function courseProgressBySlug(options: { userId: string; courseSlug: string }) {
  const course = await findCourse({ slug: options.courseSlug });
  if (!course) throw new DomainError("NOT_FOUND", "That course does not exist.");
  const [progress, resume] = await Promise.all([
    courseProgress({ userId: options.userId, courseId: course.id }),
    continueWhereLeftOff({ userId: options.userId, courseId: course.id }),
  ]);
  return { ...progress, resume };
}
