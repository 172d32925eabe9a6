import "server-only";
import { slugifyKey } from "@/lib/content/keys";
import { lessonRecord } from "@/lib/content/sections";
import type { AuthUser } from "../auth/service";
import { importCourse, importCourseFields, importLesson } from "../content/service";
import { db } from "../db";
import { DomainError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import {
  addProblem,
  checkCourseFields,
  checkLesson,
  checkNewCourse,
  checkNewLesson,
  courseBlocker,
  courseFieldsFromRow,
  duplicateLessonMessage,
  lessonFromRows,
  problemCount,
  type FieldProblems,
} from "./check";

// Authoring. Every query that reads or writes a course carries `editableBy(actor)` in its `where`:
// an instructor reaches only the courses they own (CourseOwner), an admin every course, and anyone
// else gets NOT_FOUND, so a course's existence is not revealed to those who may not edit it.
// Edits are checked with content:check's rules and written through the content importer, so a
// saved edit is exactly what importing the same files would store: items keep their keys (and the
// learner data pointing at them), and what an edit removes is archived, not deleted.

export type Actor = Pick<AuthUser, "id" | "role" | "name">;

export type SaveResult<T = object> = ({ ok: true } & T) | { ok: false; problems: FieldProblems };

/** The condition, in every studio query, that limits courses to the ones the actor may edit. */
export function editableBy(actor: Pick<Actor, "id" | "role">): Prisma.CourseWhereInput {
  return actor.role === "ADMIN" ? { archivedAt: null } : { archivedAt: null, owners: { some: { userId: actor.id } } };
}

const NOT_IN_STUDIO = "That course does not exist in your studio.";
const LESSON_NOT_FOUND = "That lesson does not exist in this course.";

async function categorySlugs(): Promise<string[]> {
  const categories = await db.category.findMany({ orderBy: { position: "asc" }, select: { slug: true } });
  return categories.map((category) => category.slug);
}

async function findEditableCourse(actor: Actor, slug: string) {
  const course = await db.course.findFirst({
    where: { slug, ...editableBy(actor) },
    select: { id: true, slug: true, status: true, publishedAt: true },
  });
  if (!course) throw new DomainError("NOT_FOUND", NOT_IN_STUDIO);
  return course;
}

// ── Courses ─────────────────────────────────────────────────────────────────────────────────────

export async function listCourses(options: { actor: Actor }) {
  const courses = await db.course.findMany({
    where: editableBy(options.actor),
    orderBy: [{ updatedAt: "desc" }, { slug: "asc" }],
    select: {
      slug: true,
      title: true,
      status: true,
      updatedAt: true,
      category: { select: { title: true } },
      _count: { select: { lessons: { where: { archivedAt: null } }, enrollments: { where: { leftAt: null } } } },
    },
  });
  return courses.map(({ _count, ...course }) => ({ ...course, lessonCount: _count.lessons, learnerCount: _count.enrollments }));
}

/** Creates a draft course owned by its creator. The editor fills in the rest. */
export async function createCourse(options: { actor: Actor; input: unknown }): Promise<SaveResult<{ slug: string }>> {
  const checked = checkNewCourse(options.input, await categorySlugs());
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const fields = checked.data;
  const taken: SaveResult<{ slug: string }> = { ok: false, problems: { slug: ["is already used by another course; choose another"] } };
  if (await db.course.findUnique({ where: { slug: fields.slug }, select: { id: true } })) return taken;
  try {
    await db.$transaction(async (tx) => {
      const courseId = await importCourse(tx, {
        ...fields,
        summary: "",
        description: "",
        estimatedMinutes: 60,
        authors: [options.actor.name],
        tags: [],
        addAllCardsOnEnroll: false,
        status: "draft",
        lessons: [],
      });
      await tx.courseOwner.create({ data: { courseId, userId: options.actor.id } });
    });
  } catch (error) {
    // Another request took the slug between the check and the write.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return taken;
    throw error;
  }
  return { ok: true, slug: fields.slug };
}

const editorSelect = {
  id: true,
  slug: true,
  title: true,
  categorySlug: true,
  level: true,
  summary: true,
  description: true,
  estimatedMinutes: true,
  coverImage: true,
  authors: true,
  tags: true,
  addAllCardsOnEnroll: true,
  status: true,
  publishedAt: true,
  updatedAt: true,
  _count: { select: { enrollments: { where: { leftAt: null } } } },
  lessons: {
    where: { archivedAt: null },
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      objectives: true,
      estimatedMinutes: true,
      sections: {
        where: { archivedAt: null },
        orderBy: { position: "asc" },
        select: {
          type: true,
          data: true,
          items: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { key: true, kind: true, data: true } },
        },
      },
    },
  },
} satisfies Prisma.CourseSelect;

/**
 * A course for editing, in the file format: its fields and every lesson with its sections, keys
 * written out, each with its current problems (a new lesson is incomplete until it is edited).
 */
export async function getCourse(options: { actor: Actor; slug: string }) {
  const [course, categories] = await Promise.all([
    db.course.findFirst({ where: { slug: options.slug, ...editableBy(options.actor) }, select: editorSelect }),
    categorySlugs(),
  ]);
  if (!course) throw new DomainError("NOT_FOUND", NOT_IN_STUDIO);
  const fields = courseFieldsFromRow(course);
  const fieldProblems = checkCourseFields(fields, categories).problems;
  const lessons = course.lessons.map((lesson) => {
    const file = lessonFromRows(lesson);
    const problems = checkLesson(file).problems;
    return { id: lesson.id, slug: lesson.slug, title: lesson.title, file, problems, problemCount: problemCount(problems) };
  });
  const blocker = courseBlocker("published", { problemCount: problemCount(fieldProblems), lessons });
  return {
    slug: course.slug,
    title: course.title,
    status: course.status,
    publishedAt: course.publishedAt,
    updatedAt: course.updatedAt,
    learnerCount: course._count.enrollments,
    fields,
    problems: fieldProblems,
    lessons,
    publishBlocker: blocker,
  };
}

/** Saves the course's own fields (the slug is fixed once created). Nothing is written when any is invalid. */
export async function updateCourse(options: { actor: Actor; slug: string; fields: unknown }): Promise<SaveResult> {
  const course = await findEditableCourse(options.actor, options.slug);
  const fields = { ...(options.fields as object), slug: course.slug };
  const checked = checkCourseFields(fields, await categorySlugs());
  if (!checked.ok) return { ok: false, problems: checked.problems };
  await db.$transaction((tx) =>
    importCourseFields(tx, { ...checked.data, status: course.status === "PUBLISHED" ? "published" : "draft" }),
  );
  return { ok: true };
}

/** Publishes the course, refused with a sentence while it has problems or no lesson. */
export async function publishCourse(options: { actor: Actor; slug: string }) {
  const course = await getCourse(options);
  if (course.publishBlocker) throw new DomainError("CONFLICT", course.publishBlocker);
  const updated = await db.course.updateMany({
    where: { slug: options.slug, ...editableBy(options.actor) },
    data: { status: "PUBLISHED", publishedAt: course.publishedAt ?? new Date() },
  });
  if (updated.count === 0) throw new DomainError("NOT_FOUND", NOT_IN_STUDIO);
  return { status: "PUBLISHED" as const };
}

/** Takes the course back to draft: learners no longer see it; enrollments and progress stay. */
export async function unpublishCourse(options: { actor: Actor; slug: string }) {
  const updated = await db.course.updateMany({ where: { slug: options.slug, ...editableBy(options.actor) }, data: { status: "DRAFT" } });
  if (updated.count === 0) throw new DomainError("NOT_FOUND", NOT_IN_STUDIO);
  return { status: "DRAFT" as const };
}

// ── Lessons ─────────────────────────────────────────────────────────────────────────────────────

async function findEditableLesson(actor: Actor, courseSlug: string, lessonId: string) {
  const lesson = await db.lesson.findFirst({
    where: { id: lessonId, archivedAt: null, course: { slug: courseSlug, ...editableBy(actor) } },
    select: { id: true, slug: true, position: true, courseId: true, course: { select: { status: true } } },
  });
  if (!lesson) throw new DomainError("NOT_FOUND", LESSON_NOT_FOUND);
  return lesson;
}

/** Where `slug` is already used by another lesson of the course, as a problem for the slug field; null when free. */
async function slugProblem(courseId: string, slug: string, lessonId: string): Promise<string | null> {
  const lessons = await db.lesson.findMany({ where: { courseId }, orderBy: { position: "asc" }, select: { id: true, slug: true, archivedAt: true } });
  const live = lessons.filter((lesson) => !lesson.archivedAt);
  const index = live.findIndex((lesson) => lesson.slug === slug && lesson.id !== lessonId);
  if (index !== -1) return duplicateLessonMessage(slug, index);
  if (lessons.some((lesson) => lesson.slug === slug && lesson.id !== lessonId)) return "is the slug of a deleted lesson of this course; choose another";
  return null;
}

/**
 * Adds a lesson at the end, incomplete until edited (sections come from the lesson editor). A slug
 * of a deleted lesson brings that lesson back with its content, as a re-import would.
 */
export async function addLesson(options: { actor: Actor; slug: string; title: string; lessonSlug?: string }): Promise<SaveResult<{ lessonId: string }>> {
  const course = await findEditableCourse(options.actor, options.slug);
  const lessonSlug = options.lessonSlug?.trim() || slugifyKey(options.title);
  const checked = checkNewLesson({ slug: lessonSlug, title: options.title });
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const { slug, title } = checked.data;
  return db.$transaction(async (tx) => {
    const lessons = await tx.lesson.findMany({
      where: { courseId: course.id },
      orderBy: { position: "asc" },
      select: { id: true, slug: true, archivedAt: true },
    });
    const live = lessons.filter((lesson) => !lesson.archivedAt);
    const index = live.findIndex((lesson) => lesson.slug === slug);
    if (index !== -1) return { ok: false as const, problems: { slug: [duplicateLessonMessage(slug, index)] } };
    const archived = lessons.find((lesson) => lesson.slug === slug);
    if (archived) {
      await tx.lesson.update({ where: { id: archived.id }, data: { title, archivedAt: null, position: live.length } });
      return { ok: true as const, lessonId: archived.id };
    }
    await importLesson(tx, {
      courseId: course.id,
      lesson: { slug, title, summary: "", objectives: [], estimatedMinutes: 10, sections: [] },
      position: live.length,
    });
    const created = await tx.lesson.findUniqueOrThrow({ where: { courseId_slug: { courseId: course.id, slug } }, select: { id: true } });
    return { ok: true as const, lessonId: created.id };
  });
}

export async function renameLesson(options: { actor: Actor; slug: string; lessonId: string; title: string }): Promise<SaveResult> {
  const lesson = await findEditableLesson(options.actor, options.slug, options.lessonId);
  const checked = checkNewLesson({ slug: lesson.slug, title: options.title });
  if (!checked.ok) return { ok: false, problems: checked.problems };
  await db.lesson.update({ where: { id: lesson.id }, data: { title: checked.data.title } });
  return { ok: true };
}

/** Puts the course's lessons in the given order; `lessonIds` must list every lesson once. */
export async function reorderLessons(options: { actor: Actor; slug: string; lessonIds: string[] }) {
  const course = await findEditableCourse(options.actor, options.slug);
  await db.$transaction(async (tx) => {
    const live = await tx.lesson.findMany({ where: { courseId: course.id, archivedAt: null }, select: { id: true } });
    const wanted = new Set(options.lessonIds);
    if (wanted.size !== options.lessonIds.length || live.length !== wanted.size || live.some((lesson) => !wanted.has(lesson.id))) {
      throw new DomainError("CONFLICT", "The lessons changed since this page loaded; reload it and try again.");
    }
    for (const [position, id] of options.lessonIds.entries()) await tx.lesson.update({ where: { id }, data: { position } });
  });
  return { ok: true as const };
}

/** Archives a lesson: it leaves the course, and learners' data about it stays. */
export async function deleteLesson(options: { actor: Actor; slug: string; lessonId: string }) {
  const lesson = await findEditableLesson(options.actor, options.slug, options.lessonId);
  await db.$transaction(async (tx) => {
    const live = await tx.lesson.findMany({
      where: { courseId: lesson.courseId, archivedAt: null },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    if (lesson.course.status === "PUBLISHED" && live.length <= 1) {
      throw new DomainError("CONFLICT", "A published course needs at least one lesson; unpublish the course first.");
    }
    await tx.lesson.update({ where: { id: lesson.id }, data: { archivedAt: new Date() } });
    const rest = live.filter((other) => other.id !== lesson.id);
    for (const [position, other] of rest.entries()) await tx.lesson.update({ where: { id: other.id }, data: { position } });
  });
  return { ok: true as const };
}

/** The key of each item (and of each question's options) as saved, by section, in order. */
export type SavedKeys = { key: string; options?: string[] }[][];

/**
 * Saves a whole lesson (a lessonFile) when it passes content:check's rules; otherwise writes
 * nothing and returns the problems by field. Items are matched by key: the editor sends each
 * stored item's key, so editing a term or a prompt updates the item in place.
 */
export async function saveLesson(options: { actor: Actor; slug: string; lessonId: string; lesson: unknown }): Promise<SaveResult<{ keys: SavedKeys }>> {
  const current = await findEditableLesson(options.actor, options.slug, options.lessonId);
  const checked = checkLesson(options.lesson);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const lesson = checked.data;
  if (lesson.slug !== current.slug) {
    const problem = await slugProblem(current.courseId, lesson.slug, current.id);
    if (problem) return { ok: false, problems: addProblem({}, "slug", problem) };
  }
  const record = lessonRecord(lesson);
  await db.$transaction(async (tx) => {
    if (lesson.slug !== current.slug) await tx.lesson.update({ where: { id: current.id }, data: { slug: lesson.slug } });
    await importLesson(tx, { courseId: current.courseId, lesson: record, position: current.position });
  });
  const keys = record.sections.map((section) =>
    section.items.map((item) => {
      const options = item.data.options;
      return Array.isArray(options)
        ? { key: item.key, options: options.map((option) => String((option as { key: string }).key)) }
        : { key: item.key };
    }),
  );
  return { ok: true, keys };
}

/** The instructor's home figures. */
export async function getStudioSummary() {
  const learners = await db.user.count({ where: { role: "LEARNER" } });
  return { learners };
}
