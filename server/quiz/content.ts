import "server-only";
import { questionSchema, type Question } from "@/lib/content/schema";
import type { AuthUser } from "../auth/service";
import { getLesson, questionItems, quizSection, sectionHeading, sectionPlace } from "../catalog/service";
import { db } from "../db";
import { DomainError } from "../errors";
import type { DbClient } from "../db-client";

// The quiz domain reads a lesson's quiz through the catalog (which decides who may see the lesson:
// published courses for everyone, drafts for their owners) and then its own question rows, with
// their answer keys, which never leave the server except through lib/quiz/present.ts.

export type QuizInfo = {
  sectionId: string;
  courseId: string;
  title: string | null;
  passPercent: number;
  questionIds: string[];
  course: { slug: string; title: string };
  lesson: { id: string; slug: string; title: string };
};

type SectionData = { title?: string; passPercent?: number };

/** The quiz of a lesson the viewer may see, or NOT_FOUND. */
export async function findLessonQuiz(options: { courseSlug: string; lessonSlug: string; viewer: AuthUser }): Promise<QuizInfo> {
  const { course, lesson } = await getLesson({ courseSlug: options.courseSlug, lessonSlug: options.lessonSlug, viewer: options.viewer });
  const section = lesson.sections.find((entry) => entry.type === "quiz");
  if (!section) throw new DomainError("NOT_FOUND", "This lesson has no quiz.");
  return quizOfSection(section.id, { course, lesson });
}

/** The quiz of a section, checking through the catalog that the viewer may see its lesson. */
export async function findSectionQuiz(options: { sectionId: string; viewer: AuthUser }): Promise<QuizInfo> {
  const section = await sectionPlace({ sectionId: options.sectionId });
  if (!section || section.type !== "quiz") throw new DomainError("NOT_FOUND", "That quiz does not exist.");
  return findLessonQuiz({ courseSlug: section.courseSlug, lessonSlug: section.lessonSlug, viewer: options.viewer });
}

async function quizOfSection(sectionId: string, context: { course: { slug: string; title: string }; lesson: { id: string; slug: string; title: string } }): Promise<QuizInfo> {
  const section = await quizSection({ sectionId });
  if (section.questionIds.length === 0) throw new DomainError("NOT_FOUND", "This quiz has no questions yet.");
  const data = section.data as SectionData;
  return {
    sectionId,
    courseId: section.courseId,
    title: data.title ?? null,
    passPercent: data.passPercent ?? 70,
    questionIds: section.questionIds,
    course: { slug: context.course.slug, title: context.course.title },
    lesson: { id: context.lesson.id, slug: context.lesson.slug, title: context.lesson.title },
  };
}

/**
 * The questions behind ids fixed when an attempt, challenge or room began, in that order. Archived
 * questions still load (an attempt in flight keeps its questions when the content is re-imported).
 */
export async function loadQuestions(questionIds: string[], client: Pick<DbClient, "contentItem"> = db): Promise<Map<string, Question>> {
  const rows = await questionItems({ itemIds: questionIds }, client);
  const questions = new Map<string, Question>();
  for (const row of rows) {
    const parsed = questionSchema.safeParse({ key: row.key, ...(row.data as Record<string, unknown>) });
    if (parsed.success) questions.set(row.id, parsed.data);
  }
  if (questions.size !== questionIds.length) throw new DomainError("CONFLICT", "Some questions of this quiz are no longer available. Start a new attempt.");
  return questions;
}

export type QuizHeader = Pick<QuizInfo, "title" | "passPercent" | "courseId" | "course" | "lesson">;

/** The names and pass mark of a quiz an attempt already belongs to (its access was checked at the start). */
export async function quizHeader(sectionId: string, client: Pick<DbClient, "lessonSection"> = db): Promise<QuizHeader> {
  const section = await sectionHeading({ sectionId }, client);
  const data = section.data as SectionData;
  return {
    title: data.title ?? null,
    passPercent: data.passPercent ?? 70,
    courseId: section.lesson.courseId,
    course: section.course,
    lesson: { id: section.lesson.id, slug: section.lesson.slug, title: section.lesson.title },
  };
}
