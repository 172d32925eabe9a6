import path from "node:path";
import { formatProblem, type ContentCatalog, type ContentProblem } from "@/lib/content/load";
import type { CourseRecord, ItemRecord, LessonRecord, SectionRecord } from "@/lib/content/sections";
import type { Db, DbClient } from "../db-client";
import type { Prisma } from "../generated/prisma/client";
import { checkContent } from "./snapshot";

// content/ → database. Everything is validated before anything is written; then each course is
// written in one transaction, matching lessons by slug, sections by type and items by key, so ids
// survive re-imports. Rows that left the files are archived (archivedAt), never deleted, and come
// back with their ids when the files bring them back. Enrollments and learner data are not touched.
// writeCourse is the only code that writes courses, lessons, sections and items: the content import,
// the studio's zip import and every studio edit and publish go through it.
// No `server-only` here: `npm run content:import` and the boot run this under plain Node.

export const IMPORT_KINDS = ["categories", "courses", "lessons", "sections", "items"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type ImportCounts = { created: number; updated: number; archived: number; unchanged: number };
export type ImportReport = Record<ImportKind, ImportCounts>;

/** Thrown when the content has problems; nothing was imported. */
export class ContentValidationError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[], root: string) {
    const shown = displayRoot(root);
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      `The content in ${shown} has ${count}; nothing was imported:\n${problems.map((problem) => `  ${formatProblem(problem, shown)}`).join("\n")}`,
    );
    this.name = "ContentValidationError";
    this.problems = problems;
  }
}

export type ImportContentOptions = { root: string };

/**
 * Validates the content folder at `root`, then imports it through `client`, a whole Prisma client
 * (each course is written in a transaction of its own). Throws ContentValidationError first if invalid.
 */
export async function importContent(options: ImportContentOptions, client: Db): Promise<ImportReport> {
  const loaded = await checkContent({ root: options.root });
  if (!loaded.ok) throw new ContentValidationError(loaded.problems, options.root);
  return importCatalog(loaded.catalog, client);
}

/** The boot's import: only into a database without any course, so edits made since are never overwritten. */
export async function importCatalogIfEmpty(options: ImportContentOptions, client: Db): Promise<ImportReport | null> {
  if ((await client.course.count()) > 0) return null;
  return importContent(options, client);
}

/** "courses: 1 created · lessons: 2 created, 1 archived · …" */
export function describeImportReport(report: ImportReport): string {
  return IMPORT_KINDS.map((kind) => {
    const counts = report[kind];
    const parts = (["created", "updated", "archived", "unchanged"] as const)
      .filter((name) => counts[name] > 0)
      .map((name) => `${counts[name]} ${name}`);
    return `${kind}: ${parts.length ? parts.join(", ") : "none"}`;
  }).join(" · ");
}

export function emptyReport(): ImportReport {
  return Object.fromEntries(
    IMPORT_KINDS.map((kind) => [kind, { created: 0, updated: 0, archived: 0, unchanged: 0 }]),
  ) as ImportReport;
}

async function importCatalog(catalog: ContentCatalog, client: Db): Promise<ImportReport> {
  const report = emptyReport();
  const now = new Date();

  await client.$transaction(async (tx) => {
    const existing = new Map((await tx.category.findMany()).map((category) => [category.slug, category]));
    for (const category of catalog.categories) {
      const data = { title: category.title, description: category.description, position: category.position };
      const current = existing.get(category.slug);
      if (!current) {
        await tx.category.create({ data: { slug: category.slug, ...data } });
        report.categories.created++;
      } else if (differs(current, data)) {
        await tx.category.update({ where: { slug: category.slug }, data });
        report.categories.updated++;
      } else {
        report.categories.unchanged++;
      }
    }
  });

  for (const course of catalog.courses) {
    await client.$transaction((tx) => writeCourse({ course, report, now }, tx), COURSE_TRANSACTION);
  }
  return report;
}

/** For a transaction that writes a whole course: a large one is a few thousand statements, too many for the default 5 s. */
export const COURSE_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

const courseInclude = {
  lessons: { include: { sections: { include: { items: true } } } },
} satisfies Prisma.CourseInclude;
type ExistingCourse = Prisma.CourseGetPayload<{ include: typeof courseInclude }>;
type ExistingLesson = ExistingCourse["lessons"][number];
type ExistingSection = ExistingLesson["sections"][number];

type CourseFields = Omit<CourseRecord, "lessons">;

function courseColumns(course: CourseFields) {
  const status = course.status === "draft" ? "DRAFT" : "PUBLISHED";
  return {
    title: course.title,
    categorySlug: course.category,
    level: course.level,
    summary: course.summary,
    description: course.description,
    estimatedMinutes: course.estimatedMinutes,
    coverImage: course.coverImage ?? null,
    authors: course.authors,
    tags: course.tags,
    addAllCardsOnEnroll: course.addAllCardsOnEnroll,
    status,
  } as const;
}

/**
 * The one write path of the catalog: the content import, the studio's zip import and every studio
 * edit (applied to a draft course, or published from a course's draft) write a course through here.
 * `lessonIds[i]`, where given, is the id of the lesson row that `course.lessons[i]` is (the studio
 * knows it): that row is matched first, so a lesson whose slug changed keeps its id and its
 * learners' data; a new lesson is created with that id. Lessons without an id match by slug.
 */
export async function writeCourse(
  options: { course: CourseRecord; lessonIds?: readonly (string | undefined)[]; report?: ImportReport; now?: Date },
  tx: DbClient,
): Promise<string> {
  const { course, lessonIds = [], report = emptyReport(), now = new Date() } = options;
  const fields = courseColumns(course);
  const existing = await tx.course.findUnique({ where: { slug: course.slug }, include: courseInclude });
  if (!existing) {
    const created = await tx.course.create({
      data: {
        slug: course.slug,
        ...fields,
        publishedAt: fields.status === "PUBLISHED" ? now : null,
        lessons: { create: course.lessons.map((lesson, position) => ({ ...lessonCreate(lesson, position), ...idOf(lessonIds[position]) })) },
      },
      select: { id: true },
    });
    report.courses.created++;
    for (const lesson of course.lessons) count(report, lesson, "created");
    return created.id;
  }

  const changesBefore = changeCount(report);
  await updateCourseRow({ existing, fields, report, now }, tx);
  const matched = matchLessons(existing.lessons, course.lessons, lessonIds);
  const claimed = new Set(matched.flatMap((current) => (current ? [current.id] : [])));
  // A renamed lesson moves out of the way first, so two lessons can swap slugs in one write; a
  // lesson left out (to be archived) whose slug a renamed one takes gets a slug of its own.
  for (const [index, current] of matched.entries()) {
    if (current && current.slug !== course.lessons[index]!.slug) {
      await tx.lesson.update({ where: { id: current.id }, data: { slug: `~${current.id}` } });
    }
  }
  const wanted = new Set(course.lessons.map((lesson) => lesson.slug));
  for (const lesson of existing.lessons) {
    if (!claimed.has(lesson.id) && wanted.has(lesson.slug)) {
      await tx.lesson.update({ where: { id: lesson.id }, data: { slug: `${lesson.slug}-removed-${lesson.id.slice(0, 8).toLowerCase()}` } });
    }
  }
  for (const [position, lesson] of course.lessons.entries()) {
    await upsertLesson({ courseId: existing.id, current: matched[position], lesson, position, report, now, newId: lessonIds[position] }, tx);
  }
  await archive(tx.lesson, existing.lessons.filter((lesson) => !claimed.has(lesson.id)), report.lessons, now);
  if (changeCount(report) !== changesBefore) await moveContentStamp(existing, tx);
  return existing.id;
}

/** How many rows a write has created, updated or archived so far. */
function changeCount(report: ImportReport): number {
  return IMPORT_KINDS.reduce((sum, kind) => sum + report[kind].created + report[kind].updated + report[kind].archived, 0);
}

/**
 * Moves the course's content stamp (`updatedAt`) forward, strictly, in the transaction that changed
 * its content: every web node's published-content cache is keyed by it (server/catalog/published.ts),
 * so a lesson, section or item written here without the course row changing must still move it.
 */
async function moveContentStamp(course: { id: string; updatedAt: Date }, tx: DbClient): Promise<void> {
  const stamp = new Date(Math.max(Date.now(), course.updatedAt.getTime() + 1));
  await tx.course.update({ where: { id: course.id }, data: { updatedAt: stamp }, select: { id: true } });
}

/** The stored lesson each listed lesson updates: by its id where given, then by slug among the rest. */
function matchLessons(
  existing: ExistingLesson[],
  lessons: readonly LessonRecord[],
  lessonIds: readonly (string | undefined)[],
): (ExistingLesson | undefined)[] {
  const byId = new Map(existing.map((lesson) => [lesson.id, lesson]));
  const taken = new Set<string>();
  const matched = lessons.map((_lesson, index) => {
    const id = lessonIds[index];
    const current = id ? byId.get(id) : undefined;
    if (current) taken.add(current.id);
    return current;
  });
  const bySlug = new Map(existing.filter((lesson) => !taken.has(lesson.id)).map((lesson) => [lesson.slug, lesson]));
  return matched.map((current, index) => {
    if (current) return current;
    const bySlugMatch = bySlug.get(lessons[index]!.slug);
    if (bySlugMatch) bySlug.delete(bySlugMatch.slug);
    return bySlugMatch;
  });
}

function idOf(id: string | undefined): { id?: string } {
  return id ? { id } : {};
}

async function updateCourseRow(
  options: { existing: { id: string; publishedAt: Date | null } & Record<string, unknown>; fields: ReturnType<typeof courseColumns>; report: ImportReport; now: Date },
  tx: DbClient,
): Promise<void> {
  const { existing, fields, report, now } = options;
  if (differs(existing, fields)) {
    await tx.course.update({
      where: { id: existing.id },
      data: { ...fields, publishedAt: fields.status === "PUBLISHED" ? (existing.publishedAt ?? now) : existing.publishedAt },
    });
    report.courses.updated++;
  } else {
    report.courses.unchanged++;
  }
}

async function upsertLesson(
  options: { courseId: string; current: ExistingLesson | undefined; lesson: LessonRecord; position: number; report: ImportReport; now: Date; newId?: string },
  tx: DbClient,
): Promise<void> {
  const { courseId, current, lesson, position, report, now, newId } = options;
  if (!current) {
    await tx.lesson.create({ data: { courseId, ...lessonCreate(lesson, position), ...idOf(newId) } });
    count(report, lesson, "created");
    return;
  }
  const lessonFields = { ...lessonScalars(lesson), position, archivedAt: null };
  if (differs(current, lessonFields)) {
    await tx.lesson.update({ where: { id: current.id }, data: lessonFields });
    report.lessons.updated++;
  } else {
    report.lessons.unchanged++;
  }
  await importSections({ lesson: current, sections: lesson.sections, report, now }, tx);
}

async function importSections(
  options: { lesson: ExistingLesson; sections: SectionRecord[]; report: ImportReport; now: Date },
  tx: DbClient,
): Promise<void> {
  const { lesson, sections, report, now } = options;
  const sectionsByType = new Map(lesson.sections.map((section) => [section.type, section]));
  for (const [position, section] of sections.entries()) {
    const current = sectionsByType.get(section.type);
    sectionsByType.delete(section.type);
    if (!current) {
      await tx.lessonSection.create({ data: { lessonId: lesson.id, ...sectionCreate(section, position) } });
      report.sections.created++;
      report.items.created += section.items.length;
      continue;
    }
    const sectionFields = { position, data: section.data, archivedAt: null };
    if (differs(current, sectionFields)) {
      await tx.lessonSection.update({ where: { id: current.id }, data: { ...sectionFields, data: json(section.data) } });
      report.sections.updated++;
    } else {
      report.sections.unchanged++;
    }
    await importItems({ section: current, items: section.items, report, now }, tx);
  }
  await archive(tx.lessonSection, [...sectionsByType.values()], report.sections, now);
}

async function importItems(
  options: { section: ExistingSection; items: ItemRecord[]; report: ImportReport; now: Date },
  tx: DbClient,
): Promise<void> {
  const { section, items, report, now } = options;
  const itemsByKey = new Map(section.items.map((item) => [item.key, item]));
  const created: Prisma.ContentItemCreateManyInput[] = [];
  for (const [position, item] of items.entries()) {
    const current = itemsByKey.get(item.key);
    itemsByKey.delete(item.key);
    if (!current) {
      created.push({ sectionId: section.id, ...itemCreate(item, position) });
      continue;
    }
    const itemFields = { kind: item.kind, position, data: item.data, archivedAt: null };
    if (differs(current, itemFields)) {
      await tx.contentItem.update({ where: { id: current.id }, data: { ...itemFields, data: json(item.data) } });
      report.items.updated++;
    } else {
      report.items.unchanged++;
    }
  }
  if (created.length > 0) await tx.contentItem.createMany({ data: created });
  report.items.created += created.length;
  await archive(tx.contentItem, [...itemsByKey.values()], report.items, now);
}

type Archivable = { updateMany(args: { where: { id: { in: string[] } }; data: { archivedAt: Date } }): Promise<unknown> };

async function archive(
  table: Archivable,
  rows: { id: string; archivedAt: Date | null }[],
  counts: ImportCounts,
  now: Date,
): Promise<void> {
  const live = rows.filter((row) => row.archivedAt === null).map((row) => row.id);
  if (live.length === 0) return;
  await table.updateMany({ where: { id: { in: live } }, data: { archivedAt: now } });
  counts.archived += live.length;
}

function lessonScalars(lesson: LessonRecord) {
  return {
    slug: lesson.slug,
    title: lesson.title,
    summary: lesson.summary,
    objectives: lesson.objectives,
    estimatedMinutes: lesson.estimatedMinutes,
  };
}

function lessonCreate(lesson: LessonRecord, position: number) {
  return {
    ...lessonScalars(lesson),
    position,
    sections: { create: lesson.sections.map((section, index) => sectionCreate(section, index)) },
  } satisfies Prisma.LessonCreateWithoutCourseInput;
}

function sectionCreate(section: SectionRecord, position: number) {
  return {
    type: section.type,
    position,
    data: json(section.data),
    items: { create: section.items.map((item, index) => itemCreate(item, index)) },
  } satisfies Prisma.LessonSectionCreateWithoutLessonInput;
}

function itemCreate(item: ItemRecord, position: number) {
  return {
    key: item.key,
    kind: item.kind,
    position,
    data: json(item.data),
  } satisfies Prisma.ContentItemCreateWithoutSectionInput;
}

function count(report: ImportReport, lesson: LessonRecord, as: keyof ImportCounts): void {
  report.lessons[as]++;
  report.sections[as] += lesson.sections.length;
  report.items[as] += lesson.sections.reduce((sum, section) => sum + section.items.length, 0);
}

function json(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

/** Whether any of `wanted`'s fields differs from the row's; JSON compared by value, key order aside. */
function differs(row: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).some(([field, value]) => canonical(row[field]) !== canonical(value));
}

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner) && !(inner instanceof Date)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

function displayRoot(root: string): string {
  const relative = path.relative(process.cwd(), root);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : root;
}
