import "server-only";
import { CARD_ITEM_KINDS } from "@/lib/srs/card-text";
import { db } from "../db";
import type { DbClient } from "../db-client";
import type { Prisma } from "../generated/prisma/client";
import { courseOutline, courseStamp } from "./published";

// The catalog as other domains read it: courses, lessons, sections and items, by the questions
// review, quiz, progress, enrollment and gamification ask. No other domain queries these tables;
// the content importer and the studio (server/content, server/studio) are the write side.
// Functions that may run inside a caller's transaction take it as the trailing `client`; without
// one, published structure comes from this process's published-content cache where it can.

const courseRefSelect = { id: true, slug: true, title: true, status: true, archivedAt: true, addAllCardsOnEnroll: true } satisfies Prisma.CourseSelect;

export type CourseRef = Prisma.CourseGetPayload<{ select: typeof courseRefSelect }>;

/** The course behind a slug, whatever its state (callers decide what a draft or archived course means to them); null when none. */
export async function findCourse(options: { slug: string }): Promise<CourseRef | null> {
  return db.course.findUnique({ where: { slug: options.slug }, select: courseRefSelect });
}

/** The course of a live lesson (the lesson not archived, nor its course); null otherwise. */
export async function liveLessonCourseId(options: { lessonId: string }): Promise<string | null> {
  const lesson = await db.lesson.findFirst({
    where: { id: options.lessonId, archivedAt: null, course: { archivedAt: null } },
    select: { courseId: true },
  });
  return lesson?.courseId ?? null;
}

export type CardItem = { id: string; kind: string; data: unknown; courseId: string };

const cardItemSelect = { id: true, kind: true, data: true, section: { select: { lesson: { select: { courseId: true } } } } } satisfies Prisma.ContentItemSelect;

/**
 * The live card-like items (flashcards, key concepts, glossary entries …: CARD_ITEM_KINDS) of a
 * lesson, of a whole course, or one item by id; an item whose section or lesson is archived is not live.
 */
export async function liveCardItems(options: { lessonId: string } | { courseId: string } | { itemId: string }, client: DbClient = db): Promise<CardItem[]> {
  const where: Prisma.ContentItemWhereInput =
    "lessonId" in options ? { section: { lessonId: options.lessonId } } : "courseId" in options ? { section: { lesson: { courseId: options.courseId } } } : { id: options.itemId };
  const items = await client.contentItem.findMany({
    where: { AND: [where, { archivedAt: null, kind: { in: [...CARD_ITEM_KINDS] }, section: { archivedAt: null, lesson: { archivedAt: null } } }] },
    select: cardItemSelect,
  });
  return items.map((item) => ({ id: item.id, kind: item.kind, data: item.data, courseId: item.section.lesson.courseId }));
}

/** Items by id (archived ones too: statistics name what learners reviewed), with the title of the lesson each belongs to. */
export async function itemsWithLesson(options: { itemIds: string[] }): Promise<{ id: string; kind: string; data: unknown; lessonTitle: string }[]> {
  if (options.itemIds.length === 0) return [];
  const items = await db.contentItem.findMany({
    where: { id: { in: options.itemIds } },
    select: { id: true, kind: true, data: true, section: { select: { lesson: { select: { title: true } } } } },
  });
  return items.map((item) => ({ id: item.id, kind: item.kind, data: item.data, lessonTitle: item.section.lesson.title }));
}

/** Question items by id, with their answer keys (archived ones too: an attempt in flight keeps its questions). Server-only data. */
export async function questionItems(options: { itemIds: string[] }, client: Pick<DbClient, "contentItem"> = db): Promise<{ id: string; key: string; data: unknown }[]> {
  return client.contentItem.findMany({ where: { id: { in: options.itemIds }, kind: "question" }, select: { id: true, key: true, data: true } });
}

export type SectionRef = { id: string; type: string; lessonId: string; courseId: string };

const publishedSectionWhere = {
  archivedAt: null,
  lesson: { archivedAt: null, course: { status: "PUBLISHED", archivedAt: null } },
} satisfies Prisma.LessonSectionWhereInput;

/** Those of the sections that are live in a published course, by id. */
export async function publishedSections(options: { sectionIds: string[] }, client: DbClient = db): Promise<Map<string, SectionRef>> {
  const rows = await client.lessonSection.findMany({
    where: { id: { in: options.sectionIds }, ...publishedSectionWhere },
    select: { id: true, type: true, lessonId: true, lesson: { select: { courseId: true } } },
  });
  return new Map(rows.map((row) => [row.id, { id: row.id, type: row.type, lessonId: row.lessonId, courseId: row.lesson.courseId }]));
}

export type LessonSections = { id: string; sectionIds: string[] };

/**
 * A course's live lessons in order, each with its live sections' ids. Without a transaction it
 * comes from the published-content cache when the course is published (one indexed read of the
 * stamp); inside one, or for a draft, it is read through the client.
 */
export async function courseLessons(options: { courseId: string }, client: DbClient = db): Promise<LessonSections[]> {
  if (client === db) {
    const stamp = await courseStamp({ id: options.courseId });
    if (!stamp) return [];
    if (stamp.status === "PUBLISHED" && !stamp.archivedAt) {
      const outline = await courseOutline(stamp);
      return outline.lessons.map((lesson) => ({ id: lesson.id, sectionIds: lesson.sections.map((section) => section.id) }));
    }
  }
  const lessons = await client.lesson.findMany({
    where: { courseId: options.courseId, archivedAt: null },
    orderBy: { position: "asc" },
    select: { id: true, sections: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true } } },
  });
  return lessons.map((lesson) => ({ id: lesson.id, sectionIds: lesson.sections.map((section) => section.id) }));
}

/** A live lesson of a published course: its course and its live sections' ids in order; null otherwise. */
export async function publishedLesson(options: { lessonId: string }): Promise<{ courseId: string; sectionIds: string[] } | null> {
  const lesson = await db.lesson.findFirst({
    where: { id: options.lessonId, archivedAt: null, course: { status: "PUBLISHED", archivedAt: null } },
    select: { courseId: true, course: { select: { id: true, status: true, archivedAt: true, updatedAt: true } } },
  });
  if (!lesson) return null;
  const outline = await courseOutline(lesson.course);
  const found = outline.lessons.find((entry) => entry.id === options.lessonId);
  // Written between the two reads (the stamp has moved): read the lesson's sections directly.
  const sectionIds =
    found?.sections.map((section) => section.id) ??
    (await db.lessonSection.findMany({ where: { lessonId: options.lessonId, archivedAt: null }, orderBy: { position: "asc" }, select: { id: true } })).map((section) => section.id);
  return { courseId: lesson.courseId, sectionIds };
}

/** The live sections of these lessons (the studio's class view counts them per lesson). */
export async function liveSectionsOf(options: { lessonIds: string[] }): Promise<{ id: string; lessonId: string }[]> {
  return db.lessonSection.findMany({ where: { archivedAt: null, lessonId: { in: options.lessonIds } }, select: { id: true, lessonId: true } });
}

/** The live quiz sections of these lessons. */
export async function quizSectionsOf(options: { lessonIds: string[] }): Promise<{ id: string; lessonId: string }[]> {
  return db.lessonSection.findMany({ where: { lessonId: { in: options.lessonIds }, type: "quiz", archivedAt: null }, select: { id: true, lessonId: true } });
}

/** Where a section is: its type and the slugs of its lesson and course (whatever their state); null when none. */
export async function sectionPlace(options: { sectionId: string }): Promise<{ type: string; lessonSlug: string; courseSlug: string } | null> {
  const section = await db.lessonSection.findUnique({
    where: { id: options.sectionId },
    select: { type: true, lesson: { select: { slug: true, course: { select: { slug: true } } } } },
  });
  return section ? { type: section.type, lessonSlug: section.lesson.slug, courseSlug: section.lesson.course.slug } : null;
}

/** A quiz section's settings, its course, and its live questions' ids in order. */
export async function quizSection(options: { sectionId: string }): Promise<{ data: unknown; courseId: string; questionIds: string[] }> {
  const section = await db.lessonSection.findUniqueOrThrow({
    where: { id: options.sectionId },
    select: {
      data: true,
      lesson: { select: { courseId: true } },
      items: { where: { archivedAt: null, kind: "question" }, orderBy: { position: "asc" }, select: { id: true } },
    },
  });
  return { data: section.data, courseId: section.lesson.courseId, questionIds: section.items.map((item) => item.id) };
}

export type SectionHeading = {
  data: unknown;
  lesson: { id: string; slug: string; title: string; courseId: string };
  course: { slug: string; title: string };
};

/** A section's settings with the names of its lesson and course (whatever their state). */
export async function sectionHeading(options: { sectionId: string }, client: Pick<DbClient, "lessonSection"> = db): Promise<SectionHeading> {
  const section = await client.lessonSection.findUniqueOrThrow({
    where: { id: options.sectionId },
    select: { data: true, lesson: { select: { id: true, slug: true, title: true, courseId: true, course: { select: { slug: true, title: true } } } } },
  });
  const { course, ...lesson } = section.lesson;
  return { data: section.data, lesson, course };
}
