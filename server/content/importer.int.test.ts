import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/scripts/db/migrations";
import { db } from "../db";
import { createPrismaClient, type Db } from "../db-client";
import { createTestUser } from "../test/factories";
import { exportCourse } from "./exporter";
import { ContentValidationError, importCatalogIfEmpty, importContent, type ImportReport } from "./importer";
import { checkContent } from "./snapshot";

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "lib", "content", "fixtures", "valid");
const FIXTURE_SLUG = "fixture-course";
const tempDirs: string[] = [];

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "learnloop-content-"));
  tempDirs.push(dir);
  return dir;
}

/** A copy of the valid fixture whose course has a slug of its own, so tests never share a course. */
async function fixtureCopy(): Promise<{ root: string; slug: string; courseDir: string }> {
  const root = await tempDir();
  const slug = `fixture-${randomUUID().slice(0, 8)}`;
  await fs.cp(fixture, root, { recursive: true });
  const courseDir = path.join(root, "courses", slug);
  await fs.rename(path.join(root, "courses", FIXTURE_SLUG), courseDir);
  await edit(path.join(courseDir, "course.yaml"), `slug: ${FIXTURE_SLUG}`, `slug: ${slug}`);
  return { root, slug, courseDir };
}

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await fs.readFile(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  await fs.writeFile(file, text.replace(from, to));
}

const zero = { created: 0, updated: 0, archived: 0, unchanged: 0 };
const FIXTURE_COUNTS = { lessons: 2, sections: 12, items: 22 };

/** Everything imported for a course, by slug, type and key: no ids, no timestamps. */
async function courseContent(client: Db, slug: string) {
  const course = await client.course.findUniqueOrThrow({
    where: { slug },
    include: {
      lessons: {
        orderBy: { slug: "asc" },
        include: { sections: { orderBy: { type: "asc" }, include: { items: { orderBy: { key: "asc" } } } } },
      },
    },
  });
  const { id: _id, createdAt: _c, updatedAt: _u, publishedAt, archivedAt, lessons, ...courseFields } = course;
  return {
    ...courseFields,
    published: publishedAt !== null,
    archived: archivedAt !== null,
    lessons: lessons.map(
      ({ id: _lid, courseId: _cid, createdAt: _lc, updatedAt: _lu, archivedAt: lessonArchivedAt, sections, ...lesson }) => ({
        ...lesson,
        archived: lessonArchivedAt !== null,
        sections: sections.map((section) => ({
          type: section.type,
          position: section.position,
          data: section.data,
          archived: section.archivedAt !== null,
          items: section.items.map((item) => ({
            key: item.key,
            kind: item.kind,
            position: item.position,
            data: item.data,
            archived: item.archivedAt !== null,
          })),
        })),
      }),
    ),
  };
}

async function itemIds(slug: string): Promise<Map<string, { id: string; archivedAt: Date | null; data: unknown }>> {
  const items = await db.contentItem.findMany({
    where: { section: { lesson: { course: { slug } } } },
    // Ids survive re-imports, so ordering by them compares the same items in the same order.
    orderBy: { id: "asc" },
    select: {
      id: true,
      key: true,
      archivedAt: true,
      data: true,
      section: { select: { type: true, lesson: { select: { slug: true } } } },
    },
  });
  return new Map(items.map((item) => [`${item.section.lesson.slug}/${item.section.type}/${item.key}`, item]));
}

function expectOnlyUnchanged(report: ImportReport): void {
  for (const kind of ["courses", "lessons", "sections", "items"] as const) {
    expect(report[kind], kind).toMatchObject({ created: 0, updated: 0, archived: 0 });
  }
  expect(report.categories).toMatchObject({ created: 0, updated: 0, archived: 0 });
}

describe("importContent", () => {
  it("imports a course with its lessons, sections and keyed items, published", async () => {
    const { root, slug } = await fixtureCopy();
    const report = await importContent({ root }, db);

    expect(report.courses).toEqual({ ...zero, created: 1 });
    expect(report.lessons).toEqual({ ...zero, created: FIXTURE_COUNTS.lessons });
    expect(report.sections).toEqual({ ...zero, created: FIXTURE_COUNTS.sections });
    expect(report.items).toEqual({ ...zero, created: FIXTURE_COUNTS.items });
    expect(report.categories.created + report.categories.updated + report.categories.unchanged).toBe(1);

    const course = await db.course.findUniqueOrThrow({ where: { slug }, include: { lessons: { orderBy: { position: "asc" } } } });
    expect(course).toMatchObject({
      status: "PUBLISHED",
      categorySlug: "fixture-science",
      level: "beginner",
      tags: ["testing", "fixtures"],
      addAllCardsOnEnroll: true,
    });
    expect(course.publishedAt).toBeInstanceOf(Date);
    expect(course.lessons.map((lesson) => lesson.slug)).toEqual(["basics", "practice"]);

    const items = await itemIds(slug);
    expect(items.size).toBe(FIXTURE_COUNTS.items);
    expect(items.get("basics/glossary/where-authors-write")?.data).toEqual({
      term: "Café",
      definition: "Where authors write.",
      card: true,
    });
    expect(items.get("basics/quiz/what-matches-items-across-imports")?.data).toMatchObject({
      options: [
        { key: "their-key", text: "Their key", correct: true },
        { key: "their-position", text: "Their position", correct: false },
      ],
    });
    const quiz = await db.lessonSection.findFirstOrThrow({
      where: { type: "quiz", lesson: { slug: "basics", course: { slug } } },
    });
    expect(quiz).toMatchObject({ position: 9, data: { title: "Check yourself", passPercent: 60 } });
  });

  it("reports only unchanged rows when nothing changed", async () => {
    const { root } = await fixtureCopy();
    await importContent({ root }, db);
    const again = await importContent({ root }, db);
    expectOnlyUnchanged(again);
    expect(again.courses.unchanged).toBe(1);
    expect(again.lessons.unchanged).toBe(FIXTURE_COUNTS.lessons);
    expect(again.sections.unchanged).toBe(FIXTURE_COUNTS.sections);
    expect(again.items.unchanged).toBe(FIXTURE_COUNTS.items);
  });

  it("updates edited text in place, keeping ids and the learner data that points at them", async () => {
    const { root, slug, courseDir } = await fixtureCopy();
    await importContent({ root }, db);
    const course = await db.course.findUniqueOrThrow({ where: { slug } });
    const learner = await createTestUser();
    const instructor = await createTestUser({ role: "INSTRUCTOR" });
    const enrollment = await db.enrollment.create({ data: { userId: learner.id, courseId: course.id } });
    await db.courseOwner.create({ data: { userId: instructor.id, courseId: course.id } });
    const lessonBefore = await db.lesson.findUniqueOrThrow({ where: { courseId_slug: { courseId: course.id, slug: "basics" } } });
    const before = await itemIds(slug);

    const lessonFile = path.join(courseDir, "lessons", "basics.yaml");
    await edit(lessonFile, "definition: A typed part of a lesson.", "definition: A typed, ordered part of a lesson.");
    await edit(lessonFile, "summary: Every kind of section once.", "summary: Every kind of section, once each.");
    const report = await importContent({ root }, db);

    expect(report.lessons).toEqual({ ...zero, updated: 1, unchanged: 1 });
    expect(report.items).toEqual({ ...zero, updated: 1, unchanged: FIXTURE_COUNTS.items - 1 });
    expect(report.sections).toEqual({ ...zero, unchanged: FIXTURE_COUNTS.sections });
    expect(report.courses).toEqual({ ...zero, unchanged: 1 });

    const lessonAfter = await db.lesson.findUniqueOrThrow({ where: { courseId_slug: { courseId: course.id, slug: "basics" } } });
    expect(lessonAfter.id).toBe(lessonBefore.id);
    expect(lessonAfter.summary).toBe("Every kind of section, once each.");
    const after = await itemIds(slug);
    expect([...after.entries()].map(([key, item]) => [key, item.id])).toEqual(
      [...before.entries()].map(([key, item]) => [key, item.id]),
    );
    expect(after.get("basics/glossary/section")?.data).toEqual({
      term: "Section",
      definition: "A typed, ordered part of a lesson.",
      card: true,
    });

    expect(await db.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).toEqual(enrollment);
    expect(await db.courseOwner.count({ where: { courseId: course.id, userId: instructor.id } })).toBe(1);
    expect((await db.course.findUniqueOrThrow({ where: { slug } })).id).toBe(course.id);
  });

  it("archives what left the files and brings it back with the same id", async () => {
    const { root, slug, courseDir } = await fixtureCopy();
    await importContent({ root }, db);
    const before = await itemIds(slug);
    const itemKey = "basics/glossary/item";
    const lessonFile = path.join(courseDir, "lessons", "basics.yaml");
    const original = await fs.readFile(lessonFile, "utf8");
    const courseYaml = path.join(courseDir, "course.yaml");
    const originalCourse = await fs.readFile(courseYaml, "utf8");
    const practice = path.join(courseDir, "lessons", "practice.yaml");
    const practiceText = await fs.readFile(practice, "utf8");

    await edit(lessonFile, "      - term: Item\n        definition: A keyed entry of a section.\n", "");
    await edit(courseYaml, "  - practice\n", "");
    await fs.rm(practice);
    const removed = await importContent({ root }, db);
    expect(removed.items).toMatchObject({ archived: 1, created: 0, updated: 1 }); // the next entry moved up one position
    expect(removed.lessons).toMatchObject({ archived: 1, created: 0 });
    const archived = await itemIds(slug);
    expect(archived.get(itemKey)?.archivedAt).toBeInstanceOf(Date);
    expect(archived.get(itemKey)?.id).toBe(before.get(itemKey)?.id);
    const practiceRow = await db.lesson.findFirstOrThrow({ where: { slug: "practice", course: { slug } } });
    expect(practiceRow.archivedAt).toBeInstanceOf(Date);

    await fs.writeFile(lessonFile, original);
    await fs.writeFile(courseYaml, originalCourse);
    await fs.writeFile(practice, practiceText);
    const restored = await importContent({ root }, db);
    expect(restored.items).toMatchObject({ archived: 0, created: 0, updated: 2 });
    expect(restored.lessons).toMatchObject({ archived: 0, created: 0, updated: 1 });
    const after = await itemIds(slug);
    expect(after.get(itemKey)).toMatchObject({ id: before.get(itemKey)?.id, archivedAt: null });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: practiceRow.id } })).toMatchObject({ archivedAt: null, position: 1 });
    expectOnlyUnchanged(await importContent({ root }, db));
  });

  it("imports nothing when any file has a problem", async () => {
    const { root, slug, courseDir } = await fixtureCopy();
    await edit(path.join(courseDir, "lessons", "practice.yaml"), "  - type: glossary", "  - type: vocabulary");
    const error = await importContent({ root }, db).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentValidationError);
    expect((error as ContentValidationError).problems).toEqual([
      expect.objectContaining({ file: `courses/${slug}/lessons/practice.yaml`, line: 8, field: "sections[0].type" }),
    ]);
    expect((error as Error).message).toContain(
      `courses/${slug}/lessons/practice.yaml:8: sections[0].type: unknown section type "vocabulary"`,
    );
    expect(await db.course.count({ where: { slug } })).toBe(0);
  });

  it("imports a course marked draft as DRAFT, unpublished", async () => {
    const { root, slug, courseDir } = await fixtureCopy();
    await edit(path.join(courseDir, "course.yaml"), "lessons:\n", "status: draft\nlessons:\n");
    await importContent({ root }, db);
    expect(await db.course.findUniqueOrThrow({ where: { slug } })).toMatchObject({ status: "DRAFT", publishedAt: null });
    const out = await tempDir();
    await exportCourse({ slug, outDir: out }, db);
    expect(await fs.readFile(path.join(out, "course.yaml"), "utf8")).toContain("status: draft\n");
  });
});

describe("exportCourse", () => {
  it("writes files that import into a fresh database as the same content", async () => {
    const { root, slug } = await fixtureCopy();
    await importContent({ root }, db);

    const exportRoot = await tempDir();
    const courseDir = path.join(exportRoot, "courses", slug);
    const { files } = await exportCourse({ slug, outDir: courseDir }, db);
    expect(files.map((file) => path.relative(exportRoot, file))).toEqual([
      `courses/${slug}/course.yaml`,
      `courses/${slug}/lessons/basics.yaml`,
      `courses/${slug}/lessons/practice.yaml`,
    ]);
    // Media and categories are not in the database; a content tree brings them.
    await fs.cp(path.join(root, "courses", slug, "audio"), path.join(courseDir, "audio"), { recursive: true });
    await fs.cp(path.join(root, "categories.yaml"), path.join(exportRoot, "categories.yaml"));
    expect((await checkContent({ root: exportRoot })).problems).toEqual([]);

    const basics = await fs.readFile(path.join(courseDir, "lessons", "basics.yaml"), "utf8");
    expect(basics).toContain("key: what-matches-items-across-imports");
    expect(basics).not.toContain("correct: false");

    expectOnlyUnchanged(await importContent({ root: exportRoot }, db));

    await withFreshDatabase(async (fresh) => {
      const report = await importCatalogIfEmpty({ root: exportRoot }, fresh);
      expect(report?.items.created).toBe(FIXTURE_COUNTS.items);
      expect(await importCatalogIfEmpty({ root: exportRoot }, fresh)).toBeNull();
      expect(await courseContent(fresh, slug)).toEqual(await courseContent(db, slug));
    });
  });

  it("leaves archived rows out", async () => {
    const { root, slug, courseDir } = await fixtureCopy();
    await importContent({ root }, db);
    await edit(
      path.join(courseDir, "lessons", "practice.yaml"),
      "      - term: Export\n        definition: Writing the database back to content files.\n",
      "",
    );
    await importContent({ root }, db);
    const out = await tempDir();
    await exportCourse({ slug, outDir: out }, db);
    const practice = await fs.readFile(path.join(out, "lessons", "practice.yaml"), "utf8");
    expect(practice).toContain("key: import");
    expect(practice).not.toContain("term: Export");
  });

  it("refuses an unknown course", async () => {
    await expect(exportCourse({ slug: "no-such-course", outDir: await tempDir() }, db)).rejects.toThrow(
      'There is no course with the slug "no-such-course".',
    );
  });
});

describe("importCatalogIfEmpty", () => {
  it("does nothing once the catalog has a course", async () => {
    const { root } = await fixtureCopy();
    await importContent({ root }, db);
    expect(await importCatalogIfEmpty({ root }, db)).toBeNull();
  });
});

/** A new database on the test server with every migration applied, dropped afterwards. */
async function withFreshDatabase(run: (client: Db) => Promise<void>): Promise<void> {
  const baseUrl = process.env.DATABASE_URL!;
  const name = `learnloop_fresh_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const client = createPrismaClient({ databaseUrl: url.toString(), max: 2 });
  try {
    await applyMigrations({ databaseUrl: url.toString() });
    await run(client);
  } finally {
    await client.$disconnect();
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
