import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { toLearnerSection, type LearnerSection } from "./learner-view";

// Published course content, kept in this process between requests. Only what every viewer of a
// published course sees alike is kept (course fields, the lesson outline, lesson bodies with quiz
// answers already withheld): never a learner's data, never a draft. An entry is keyed by the
// course's content stamp, `Course.updatedAt`, which writeCourse (the catalog's one write path:
// content import, studio publish and edits) moves forward in the same transaction as the content.
// Every read first fetches that stamp with one indexed query, so a write on any web node is seen by
// every node on its next request: nothing has to reach the other processes to invalidate them.

export const liveLessons = { archivedAt: null } satisfies Prisma.LessonWhereInput;
export const liveSections = { archivedAt: null } satisfies Prisma.LessonSectionWhereInput;

const stampSelect = { id: true, status: true, archivedAt: true, updatedAt: true } satisfies Prisma.CourseSelect;

/** What every catalog read checks first: which course a slug is, whether it is published or archived, and its content stamp. */
export type CourseStamp = Prisma.CourseGetPayload<{ select: typeof stampSelect }>;

export async function courseStamp(options: { slug: string } | { id: string }): Promise<CourseStamp | null> {
  return db.course.findUnique({ where: "slug" in options ? { slug: options.slug } : { id: options.id }, select: stampSelect });
}

const outlineSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  description: true,
  level: true,
  estimatedMinutes: true,
  tags: true,
  authors: true,
  status: true,
  category: { select: { slug: true, title: true } },
  owners: { select: { user: { select: { name: true } } } },
  lessons: {
    where: liveLessons,
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      estimatedMinutes: true,
      sections: { where: liveSections, orderBy: { position: "asc" }, select: { id: true, type: true } },
    },
  },
} satisfies Prisma.CourseSelect;

type OutlineRow = Prisma.CourseGetPayload<{ select: typeof outlineSelect }>;

/** A course as its page shows it to anyone who may see it: fields, instructors, live lessons with their sections. */
export type CourseOutline = Omit<OutlineRow, "owners"> & { instructors: string[] };

const lessonSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  objectives: true,
  estimatedMinutes: true,
  sections: {
    where: liveSections,
    orderBy: { position: "asc" },
    select: {
      id: true,
      type: true,
      data: true,
      items: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, key: true, kind: true, data: true } },
    },
  },
} satisfies Prisma.LessonSelect;

type LessonRow = Prisma.LessonGetPayload<{ select: typeof lessonSelect }>;

/** A lesson as a learner may see it: quiz sections carry no questions (the quiz serves them one at a time). */
export type LessonBody = Omit<LessonRow, "sections"> & { sections: LearnerSection[] };

export async function loadOutline(courseId: string): Promise<CourseOutline> {
  const { owners, ...course } = await db.course.findUniqueOrThrow({ where: { id: courseId }, select: outlineSelect });
  return { ...course, instructors: owners.map((owner) => owner.user.name) };
}

export async function loadLessonBody(lessonId: string): Promise<LessonBody> {
  const lesson = await db.lesson.findUniqueOrThrow({ where: { id: lessonId }, select: lessonSelect });
  return { ...lesson, sections: lesson.sections.map(toLearnerSection) };
}

type Entry = { stamp: number; outline: Promise<CourseOutline>; lessons: Map<string, Promise<LessonBody>> };

// Bounded: a catalog far larger than this still works, it only reads more often.
const MAX_COURSES = 200;
const entries = new Map<string, Entry>();

function isPublished(stamp: CourseStamp): boolean {
  return stamp.status === "PUBLISHED" && !stamp.archivedAt;
}

/**
 * Loads something of a published course and keeps it only when the course's stamp did not move
 * while it was read (the rows are read in several statements; a write committed in between would
 * otherwise pair new rows with an old stamp, or old rows with a new one).
 */
function keep<T>(stamp: CourseStamp, slot: (entry: Entry) => Map<string, Promise<T>> | null, key: string, load: () => Promise<T>): Promise<T> {
  const loading = load().then(async (value) => {
    const after = await courseStamp({ id: stamp.id });
    if (!after || !isPublished(after) || after.updatedAt.getTime() !== stamp.updatedAt.getTime()) forget(stamp, slot, key, loading);
    return value;
  });
  loading.catch(() => forget(stamp, slot, key, loading));
  return loading;
}

function forget<T>(stamp: CourseStamp, slot: (entry: Entry) => Map<string, Promise<T>> | null, key: string, value: Promise<T>) {
  const entry = entries.get(stamp.id);
  if (!entry || entry.stamp !== stamp.updatedAt.getTime()) return;
  const map = slot(entry);
  if (map) {
    if (map.get(key) === value) map.delete(key);
  } else if (entry.outline === (value as unknown as Promise<CourseOutline>)) {
    entries.delete(stamp.id);
  }
}

function entryFor(stamp: CourseStamp): Entry {
  const current = entries.get(stamp.id);
  if (current && current.stamp === stamp.updatedAt.getTime()) {
    // Most recently used last, so the oldest is the first evicted.
    entries.delete(stamp.id);
    entries.set(stamp.id, current);
    return current;
  }
  const entry: Entry = { stamp: stamp.updatedAt.getTime(), outline: null as unknown as Promise<CourseOutline>, lessons: new Map() };
  entries.set(stamp.id, entry);
  entry.outline = keep(stamp, () => null, "", () => loadOutline(stamp.id));
  while (entries.size > MAX_COURSES) entries.delete(entries.keys().next().value!);
  return entry;
}

/** The course's outline: from this process's cache for a published course, read fresh for a draft (a preview). */
export function courseOutline(stamp: CourseStamp): Promise<CourseOutline> {
  if (!isPublished(stamp)) return loadOutline(stamp.id);
  return entryFor(stamp).outline;
}

/** A lesson of the course (its id from the outline): cached for a published course, read fresh for a draft. */
export function lessonBody(stamp: CourseStamp, lessonId: string): Promise<LessonBody> {
  if (!isPublished(stamp)) return loadLessonBody(lessonId);
  const entry = entryFor(stamp);
  const cached = entry.lessons.get(lessonId);
  if (cached) return cached;
  const loading = keep(stamp, (current) => current.lessons, lessonId, () => loadLessonBody(lessonId));
  entry.lessons.set(lessonId, loading);
  return loading;
}

/** For tests: empties this process's cache, as a freshly started web node has it. */
export function clearPublishedCache(): void {
  entries.clear();
}
