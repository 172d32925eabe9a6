import "server-only";
import { randomUUID } from "node:crypto";
import { diffCourse, type CourseDocument } from "@/lib/content/diff";
import { slugifyKey } from "@/lib/content/keys";
import type { LessonFile, Section } from "@/lib/content/schema";
import { joinSection, lessonRecord, splitSection, type JsonObject } from "@/lib/content/sections";
import type { AuthUser } from "../auth/service";
import { COURSE_TRANSACTION, writeCourse } from "../content/service";
import { db } from "../db";
import type { DbClient } from "../db-client";
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
  type CourseFields,
  lessonFromRows,
  problemCount,
  type FieldProblems,
} from "./check";

// Authoring. Every query that reads or writes a course carries `editableBy(actor)` in its `where`:
// an instructor reaches only the courses they are staff of (CourseOwner), an admin every course,
// and anyone else gets NOT_FOUND, so a course's existence is not revealed to those who may not
// edit it. Edits are checked with content:check's rules and made to the course as a document in
// the file format (lib/content/diff.ts's CourseDocument). A draft course's document is written at
// once; a published course's is kept as its draft (CourseDraft) and learners keep the published
// rows until an instructor publishes. Either way the rows are written by the content importer's
// writeCourse, the catalog's one write path: items keep their keys (and the learner data pointing
// at them), and what an edit removes is archived, not deleted.

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

// ── The course as a document ────────────────────────────────────────────────────────────────────

type EditableCourse = { id: string; slug: string; status: "DRAFT" | "PUBLISHED"; publishedAt: Date | null };

/** The actor's course, its row locked until the transaction ends, so two saves of one course queue up. */
async function lockEditableCourse(options: { actor: Actor; slug: string }, tx: DbClient): Promise<EditableCourse> {
  const { actor, slug } = options;
  const course = await tx.course.findFirst({ where: { slug, ...editableBy(actor) }, select: { id: true, slug: true, status: true, publishedAt: true } });
  if (!course) throw new DomainError("NOT_FOUND", NOT_IN_STUDIO);
  await tx.$queryRaw`SELECT 1 FROM "Course" WHERE "id" = ${course.id} FOR UPDATE`;
  return course;
}

const documentSelect = {
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

type DocumentRow = Prisma.CourseGetPayload<{ select: typeof documentSelect }>;

function documentFromRows(course: DocumentRow): CourseDocument {
  return { fields: courseFieldsFromRow(course), lessons: course.lessons.map((lesson) => ({ id: lesson.id, file: lessonFromRows(lesson) })) };
}

/** The course as learners see it: its catalog rows. */
async function publishedDocument(courseId: string, client: DbClient = db): Promise<CourseDocument> {
  return documentFromRows(await client.course.findUniqueOrThrow({ where: { id: courseId }, select: documentSelect }));
}

/** The course as the studio edits it: its draft where it has one, else its catalog rows. */
async function currentDocument(courseId: string, client: DbClient = db): Promise<{ document: CourseDocument; draftUpdatedAt: Date | null }> {
  const draft = await client.courseDraft.findUnique({ where: { courseId }, select: { content: true, updatedAt: true } });
  if (draft) return { document: draft.content as unknown as CourseDocument, draftUpdatedAt: draft.updatedAt };
  return { document: await publishedDocument(courseId, client), draftUpdatedAt: null };
}

/** The document's lessons as the importer takes them; every file in a document has its keys written out. */
function courseRecordOf(document: CourseDocument, status: "draft" | "published") {
  const lessons = document.lessons.map(({ file }) => lessonRecord(file as unknown as LessonFile));
  return { course: { ...(document.fields as unknown as CourseFields), status, lessons }, lessonIds: document.lessons.map((lesson) => lesson.id) };
}

/** Writes the document to the catalog rows (the one write path) and drops the course's draft. */
async function applyDocument(options: { course: EditableCourse; document: CourseDocument; status: "draft" | "published" }, tx: DbClient): Promise<void> {
  await writeCourse(courseRecordOf(options.document, options.status), tx);
  await tx.courseDraft.deleteMany({ where: { courseId: options.course.id } });
}

type Edit<T> = { ok: true; document: CourseDocument; result: T } | { ok: false; problems: FieldProblems };

/**
 * One studio edit: the change is made to the course's document; a draft course's is written to the
 * catalog at once, a published course's is kept as its draft for learners to see once published.
 */
async function editCourse<T extends object>(
  actor: Actor,
  slug: string,
  change: (context: { tx: DbClient; course: EditableCourse; document: CourseDocument }) => Promise<Edit<T>> | Edit<T>,
): Promise<SaveResult<T>> {
  return db.$transaction(async (tx) => {
    const course = await lockEditableCourse({ actor, slug }, tx);
    const { document } = await currentDocument(course.id, tx);
    const edit = await change({ tx, course, document });
    if (!edit.ok) return { ok: false as const, problems: edit.problems };
    if (course.status === "PUBLISHED") {
      const content = edit.document as unknown as Prisma.InputJsonValue;
      await tx.courseDraft.upsert({
        where: { courseId: course.id },
        create: { courseId: course.id, content, updatedById: actor.id },
        update: { content, updatedById: actor.id },
      });
    } else {
      await applyDocument({ course, document: edit.document, status: "draft" }, tx);
    }
    return { ok: true as const, ...edit.result };
  }, COURSE_TRANSACTION);
}

function lessonProblems(document: CourseDocument) {
  return document.lessons.map(({ id, file }) => {
    const problems = checkLesson(file).problems;
    return { id, slug: String(file.slug), title: String(file.title), file, problems, problemCount: problemCount(problems) };
  });
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
      draft: { select: { updatedAt: true } },
      category: { select: { title: true } },
      _count: { select: { lessons: { where: { archivedAt: null } }, enrollments: { where: { leftAt: null } } } },
    },
  });
  return courses.map(({ _count, draft, ...course }) => ({
    ...course,
    hasDraft: draft !== null,
    lessonCount: _count.lessons,
    learnerCount: _count.enrollments,
  }));
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
      const courseId = await writeCourse({ course: {
        ...fields,
        summary: "",
        description: "",
        estimatedMinutes: 60,
        authors: [options.actor.name],
        tags: [],
        addAllCardsOnEnroll: false,
        status: "draft",
        lessons: [],
      } }, tx);
      await tx.courseOwner.create({ data: { courseId, userId: options.actor.id, role: "OWNER" } });
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
  status: true,
  publishedAt: true,
  updatedAt: true,
  _count: { select: { enrollments: { where: { leftAt: null } } } },
  owners: { where: {}, select: { userId: true, role: true } },
} satisfies Prisma.CourseSelect;

/**
 * A course for editing, in the file format: its fields and every lesson with its sections, keys
 * written out, each with its current problems (a new lesson is incomplete until it is edited). A
 * published course with unpublished edits shows its draft.
 */
export async function getCourse(options: { actor: Actor; slug: string }) {
  const [course, categories] = await Promise.all([
    db.course.findFirst({ where: { slug: options.slug, ...editableBy(options.actor) }, select: editorSelect }),
    categorySlugs(),
  ]);
  if (!course) throw new DomainError("NOT_FOUND", NOT_IN_STUDIO);
  const { document, draftUpdatedAt } = await currentDocument(course.id);
  const fieldProblems = checkCourseFields(document.fields, categories).problems;
  const lessons = lessonProblems(document);
  const blocker = courseBlocker("published", { problemCount: problemCount(fieldProblems), lessons });
  const staffRole = course.owners.find((owner) => owner.userId === options.actor.id)?.role ?? null;
  return {
    slug: course.slug,
    title: String(document.fields.title),
    status: course.status,
    publishedAt: course.publishedAt,
    updatedAt: draftUpdatedAt ?? course.updatedAt,
    hasDraft: draftUpdatedAt !== null,
    learnerCount: course._count.enrollments,
    /** Whether the viewer may change the course's staff: its owners and admins. */
    canManageStaff: options.actor.role === "ADMIN" || staffRole === "OWNER",
    fields: document.fields,
    problems: fieldProblems,
    lessons,
    publishBlocker: blocker,
  };
}

/** What publishing the course's draft will change for learners; empty when there is no draft. */
export async function getDraftChanges(options: { actor: Actor; slug: string }) {
  const course = await findEditableCourse(options.actor, options.slug);
  const draft = await db.courseDraft.findUnique({ where: { courseId: course.id }, select: { content: true, updatedAt: true } });
  if (!draft) return { hasDraft: false, updatedAt: null, diff: diffCourse({ fields: {}, lessons: [] }, { fields: {}, lessons: [] }) };
  const published = await publishedDocument(course.id);
  return { hasDraft: true, updatedAt: draft.updatedAt, diff: diffCourse(published, draft.content as unknown as CourseDocument) };
}

/** Saves the course's own fields (the slug is fixed once created). Nothing is written when any is invalid. */
export async function updateCourse(options: { actor: Actor; slug: string; fields: unknown }): Promise<SaveResult> {
  const categories = await categorySlugs();
  return editCourse(options.actor, options.slug, ({ course, document }) => {
    const checked = checkCourseFields({ ...(options.fields as object), slug: course.slug }, categories);
    if (!checked.ok) return { ok: false, problems: checked.problems };
    return { ok: true, document: { ...document, fields: toJsonObject(checked.data) }, result: {} };
  });
}

/**
 * Publishes the course, refused with a sentence while it has problems or no lesson. A published
 * course's draft goes live: its lessons are written over the catalog rows in one transaction.
 */
export async function publishCourse(options: { actor: Actor; slug: string }) {
  const categories = await categorySlugs();
  await db.$transaction(async (tx) => {
    const course = await lockEditableCourse(options, tx);
    const { document } = await currentDocument(course.id, tx);
    const fieldProblems = checkCourseFields(document.fields, categories).problems;
    const blocker = courseBlocker("published", { problemCount: problemCount(fieldProblems), lessons: lessonProblems(document) });
    if (blocker) throw new DomainError("CONFLICT", blocker);
    await applyDocument({ course, document, status: "published" }, tx);
  }, COURSE_TRANSACTION);
  return { status: "PUBLISHED" as const };
}

/** Takes the course back to draft: learners no longer see it; enrollments and progress stay. Its pending edits are kept. */
export async function unpublishCourse(options: { actor: Actor; slug: string }) {
  await db.$transaction(async (tx) => {
    const course = await lockEditableCourse(options, tx);
    const { document } = await currentDocument(course.id, tx);
    await applyDocument({ course, document, status: "draft" }, tx);
  }, COURSE_TRANSACTION);
  return { status: "DRAFT" as const };
}

/** Drops a published course's unpublished edits: the studio shows the published course again. */
export async function discardDraft(options: { actor: Actor; slug: string }) {
  const course = await findEditableCourse(options.actor, options.slug);
  await db.courseDraft.deleteMany({ where: { courseId: course.id } });
  return { ok: true as const };
}

// ── Lessons ─────────────────────────────────────────────────────────────────────────────────────

/** The course's lesson rows that are not in the document (deleted lessons, and lessons the draft removes). */
async function lessonsOutside(options: { courseId: string; document: CourseDocument }, tx: DbClient) {
  const { courseId, document } = options;
  const inDocument = document.lessons.map((lesson) => lesson.id);
  return tx.lesson.findMany({
    where: { courseId, id: { notIn: inDocument } },
    orderBy: { position: "asc" },
    select: documentSelect.lessons.select,
  });
}

/** Where `slug` is already used by another lesson of the course, as a problem for the slug field; null when free. */
async function slugProblem(options: { courseId: string; document: CourseDocument; slug: string; lessonId: string }, tx: DbClient): Promise<string | null> {
  const { courseId, document, slug, lessonId } = options;
  const index = document.lessons.findIndex((lesson) => lesson.file.slug === slug && lesson.id !== lessonId);
  if (index !== -1) return duplicateLessonMessage(slug, index);
  const outside = await lessonsOutside({ courseId, document }, tx);
  if (outside.some((lesson) => lesson.slug === slug && lesson.id !== lessonId)) return "is the slug of a deleted lesson of this course; choose another";
  return null;
}

function lessonIndex(document: CourseDocument, lessonId: string): number {
  const index = document.lessons.findIndex((lesson) => lesson.id === lessonId);
  if (index === -1) throw new DomainError("NOT_FOUND", LESSON_NOT_FOUND);
  return index;
}

function withLesson(document: CourseDocument, index: number, file: JsonObject): CourseDocument {
  return { ...document, lessons: document.lessons.map((lesson, at) => (at === index ? { id: lesson.id, file } : lesson)) };
}

/**
 * Adds a lesson at the end, incomplete until edited (sections come from the lesson editor). A slug
 * of a deleted lesson brings that lesson back with its content, as a re-import would.
 */
export async function addLesson(options: { actor: Actor; slug: string; title: string; lessonSlug?: string }): Promise<SaveResult<{ lessonId: string }>> {
  const lessonSlug = options.lessonSlug?.trim() || slugifyKey(options.title);
  const checked = checkNewLesson({ slug: lessonSlug, title: options.title });
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const { slug, title } = checked.data;
  return editCourse(options.actor, options.slug, async ({ tx, course, document }) => {
    const index = document.lessons.findIndex((lesson) => lesson.file.slug === slug);
    if (index !== -1) return { ok: false, problems: { slug: [duplicateLessonMessage(slug, index)] } };
    const deleted = (await lessonsOutside({ courseId: course.id, document }, tx)).find((lesson) => lesson.slug === slug);
    const file: JsonObject = deleted
      ? { ...lessonFromRows(deleted), title }
      : { slug, title, summary: "", objectives: [], estimatedMinutes: 10, sections: [] };
    const lesson = { id: deleted?.id ?? randomUUID(), file };
    return { ok: true, document: { ...document, lessons: [...document.lessons, lesson] }, result: { lessonId: lesson.id } };
  });
}

export async function renameLesson(options: { actor: Actor; slug: string; lessonId: string; title: string }): Promise<SaveResult> {
  return editCourse(options.actor, options.slug, ({ document }) => {
    const index = lessonIndex(document, options.lessonId);
    const lesson = document.lessons[index]!;
    const checked = checkNewLesson({ slug: lesson.file.slug, title: options.title });
    if (!checked.ok) return { ok: false, problems: checked.problems };
    return { ok: true, document: withLesson(document, index, { ...lesson.file, title: checked.data.title }), result: {} };
  });
}

/** Puts the course's lessons in the given order; `lessonIds` must list every lesson once. */
export async function reorderLessons(options: { actor: Actor; slug: string; lessonIds: string[] }) {
  const saved = await editCourse(options.actor, options.slug, ({ document }) => {
    const wanted = new Set(options.lessonIds);
    const byId = new Map(document.lessons.map((lesson) => [lesson.id, lesson]));
    if (wanted.size !== options.lessonIds.length || byId.size !== wanted.size || options.lessonIds.some((id) => !byId.has(id))) {
      throw new DomainError("CONFLICT", "The lessons changed since this page loaded; reload it and try again.");
    }
    return { ok: true, document: { ...document, lessons: options.lessonIds.map((id) => byId.get(id)!) }, result: {} };
  });
  if (!saved.ok) throw new DomainError("CONFLICT", "The lessons could not be reordered.");
  return { ok: true as const };
}

/** Removes a lesson: it leaves the course (archived once written), and learners' data about it stays. */
export async function deleteLesson(options: { actor: Actor; slug: string; lessonId: string }) {
  await editCourse(options.actor, options.slug, ({ course, document }) => {
    const index = lessonIndex(document, options.lessonId);
    if (course.status === "PUBLISHED" && document.lessons.length <= 1) {
      throw new DomainError("CONFLICT", "A published course needs at least one lesson; unpublish the course first.");
    }
    return { ok: true, document: { ...document, lessons: document.lessons.filter((_lesson, at) => at !== index) }, result: {} };
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
  const checked = checkLesson(options.lesson);
  if (!checked.ok) {
    // The lesson must still be the actor's to edit before its problems are shown.
    await findEditableCourse(options.actor, options.slug);
    return { ok: false, problems: checked.problems };
  }
  const lesson = checked.data;
  const sections = lesson.sections.map((section: Section) => splitSection(section));
  return editCourse(options.actor, options.slug, async ({ tx, course, document }) => {
    const index = lessonIndex(document, options.lessonId);
    if (lesson.slug !== document.lessons[index]!.file.slug) {
      const problem = await slugProblem({ courseId: course.id, document, slug: lesson.slug, lessonId: options.lessonId }, tx);
      if (problem) return { ok: false, problems: addProblem({}, "slug", problem) };
    }
    const file = toJsonObject({ ...lesson, sections: sections.map(joinSection) });
    const keys = sections.map((section) =>
      section.items.map((item) => {
        const itemOptions = item.data.options;
        return Array.isArray(itemOptions)
          ? { key: item.key, options: itemOptions.map((option) => String((option as { key: string }).key)) }
          : { key: item.key };
      }),
    );
    return { ok: true, document: withLesson(document, index, file), result: { keys } };
  });
}

function toJsonObject(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** The instructor's home figures. */
export async function getStudioSummary() {
  const learners = await db.user.count({ where: { role: "LEARNER" } });
  return { learners };
}
