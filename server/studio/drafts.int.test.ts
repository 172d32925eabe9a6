import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoAccounts, seedDemoClass, seedDemoStaff, DEMO_CLASS } from "../../scripts/seed";
import { authUserSelect, type AuthUser } from "../auth/service";
import { db } from "../db";
import { completeSection } from "../progress/service";
import { createCaller } from "../router";
import { codeOf } from "../test/error-code";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";

// Drafts of published courses, course staff, media uploads and the demo seed, through the studio's
// procedures against a real database; learners read the catalog through their own procedures.

// Uploads go to STORAGE_DIR; each run of this file gets its own.
const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), "learnloop-media-"));
process.env.STORAGE_DIR = storageDir;

const CATEGORY = "studio-draft-tests";
const fixtureLesson = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../lib/content/fixtures/valid/courses/fixture-course/lessons/basics.yaml",
);

type LessonFile = { slug: string; title: string; sections: { type: string; items?: Record<string, unknown>[] }[] };

function everySectionLesson(slug = "basics"): LessonFile {
  const lesson = parse(fs.readFileSync(fixtureLesson, "utf8")) as LessonFile;
  const audio = lesson.sections.find((section) => section.type === "audio-lesson") as { scenes?: { audio?: string }[] } | undefined;
  for (const scene of audio?.scenes ?? []) delete scene.audio;
  return { ...lesson, slug };
}

const caller = (user: AuthUser) => createCaller(createContextFor(user));
const studio = (user: AuthUser) => caller(user).studio;
const newSlug = () => `drafts-${randomUUID().slice(0, 8)}`;

/** A published course owned by `owner` with one complete lesson ("basics"). */
async function publishedCourse(owner: AuthUser, slug = newSlug()) {
  const s = studio(owner);
  await s.create({ title: "Draft course", slug, category: CATEGORY, level: "beginner" });
  const course = await s.get({ slug });
  await s.update({ slug, fields: { ...course.fields, summary: "Published once.", description: "The published description.", estimatedMinutes: 30 } });
  const added = await s.addLesson({ slug, title: "The basics" });
  if (!added.ok) throw new Error(JSON.stringify(added.problems));
  expect((await s.saveLesson({ slug, lessonId: added.lessonId, lesson: everySectionLesson() })).ok).toBe(true);
  expect(await s.publish({ slug })).toEqual({ status: "PUBLISHED" });
  return { slug, lessonId: added.lessonId };
}

async function storedLesson(owner: AuthUser, slug: string, index = 0): Promise<LessonFile> {
  return structuredClone((await studio(owner).get({ slug })).lessons[index]!.file) as unknown as LessonFile;
}

async function learnerText(learner: AuthUser, courseSlug: string, lessonSlug: string): Promise<string> {
  return JSON.stringify((await caller(learner).catalog.lesson({ courseSlug, lessonSlug })).lesson);
}

beforeAll(async () => {
  await db.category.upsert({
    where: { slug: CATEGORY },
    create: { slug: CATEGORY, title: "Draft tests", description: "Courses made by the draft tests.", position: 98 },
    update: {},
  });
});

describe("drafts of a published course", () => {
  it("keeps edits in a draft that learners do not see, shows them as a diff, and publishes them in place keeping learners' data", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const learner = await createTestUser();
    const { slug, lessonId } = await publishedCourse(owner);
    const s = studio(owner);

    // The learner is enrolled, finished the glossary and has a card for its first term.
    await caller(learner).enrollment.enroll({ courseSlug: slug });
    const glossaryRow = await db.lessonSection.findFirstOrThrow({ where: { lessonId, type: "glossary" }, include: { items: { orderBy: { position: "asc" } } } });
    await completeSection({ userId: learner.id, lessonId, sectionId: glossaryRow.id });
    const [kept, dropped] = glossaryRow.items;
    await db.card.create({ data: { userId: learner.id, contentItemId: kept!.id, courseId: (await db.course.findUniqueOrThrow({ where: { slug } })).id } });
    const before = await learnerText(learner, slug, "basics");

    // Edit the term's definition, remove the second term, change the course summary.
    const lesson = await storedLesson(owner, slug);
    const glossary = lesson.sections.find((section) => section.type === "glossary")!;
    glossary.items![0] = { ...glossary.items![0], definition: "A typed part of a lesson, edited in the draft." };
    glossary.items!.splice(1, 1);
    expect((await s.saveLesson({ slug, lessonId, lesson })).ok).toBe(true);
    const fields = (await s.get({ slug })).fields;
    expect(await s.update({ slug, fields: { ...fields, summary: "Edited in the draft." } })).toEqual({ ok: true });

    // Learners and the catalog rows are untouched; the studio shows the draft.
    expect(await learnerText(learner, slug, "basics")).toBe(before);
    expect(before).not.toContain("edited in the draft");
    expect((await db.contentItem.findUniqueOrThrow({ where: { id: dropped!.id } })).archivedAt).toBeNull();
    expect((await db.course.findUniqueOrThrow({ where: { slug } })).summary).toBe("Published once.");
    const editing = await s.get({ slug });
    expect(editing).toMatchObject({ status: "PUBLISHED", hasDraft: true, fields: { summary: "Edited in the draft." } });
    expect(JSON.stringify(editing.lessons[0]!.file)).toContain("edited in the draft");
    expect((await s.list()).find((course) => course.slug === slug)?.hasDraft).toBe(true);

    const { hasDraft, diff } = await s.changes({ slug });
    expect(hasDraft).toBe(true);
    expect(diff.fields).toEqual([{ field: "summary", before: "Published once.", after: "Edited in the draft." }]);
    expect(diff.reordered).toBe(false);
    expect(diff.lessons).toHaveLength(1);
    expect(diff.lessons[0]).toMatchObject({ id: lessonId, change: "changed", fields: [] });
    expect(diff.lessons[0]!.sections).toEqual([
      {
        type: "glossary",
        change: "changed",
        fields: [],
        items: [
          { key: String(kept!.key), label: expect.any(String), change: "changed", fields: [{ field: "definition", before: expect.any(String), after: "A typed part of a lesson, edited in the draft." }] },
          { key: String(dropped!.key), label: expect.any(String), change: "removed", fields: [] },
        ],
      },
    ]);
    expect(diff.count).toBe(3);

    expect(await s.publish({ slug })).toEqual({ status: "PUBLISHED" });
    expect(await learnerText(learner, slug, "basics")).toContain("edited in the draft");
    expect((await db.course.findUniqueOrThrow({ where: { slug } })).summary).toBe("Edited in the draft.");
    const after = await db.lessonSection.findFirstOrThrow({ where: { lessonId, type: "glossary" }, include: { items: true } });
    expect(after.id).toBe(glossaryRow.id);
    expect(after.items.find((item) => item.id === kept!.id)).toMatchObject({ archivedAt: null, data: expect.objectContaining({ definition: "A typed part of a lesson, edited in the draft." }) });
    expect(after.items.find((item) => item.id === dropped!.id)?.archivedAt).toBeInstanceOf(Date);
    // The learner's progress and card still point at the same, live rows.
    expect(await db.sectionProgress.findUniqueOrThrow({ where: { userId_sectionId: { userId: learner.id, sectionId: glossaryRow.id } } })).toMatchObject({ percent: 100, completedAt: expect.any(Date) });
    expect(await db.card.count({ where: { userId: learner.id, contentItemId: kept!.id } })).toBe(1);
    expect(await db.courseDraft.count({ where: { course: { slug } } })).toBe(0);
    expect((await s.changes({ slug })).hasDraft).toBe(false);
  });

  it("publishes new, renamed, swapped and removed lessons with their ids kept, and creates a new lesson with the id the studio gave it", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const { slug, lessonId: firstId } = await publishedCourse(owner);
    const s = studio(owner);
    const second = await s.addLesson({ slug, title: "Second" });
    if (!second.ok) throw new Error("not added");
    // Not in the catalog until published, and it already has the id it will keep.
    expect(await db.lesson.findUnique({ where: { id: second.lessonId } })).toBeNull();
    expect((await s.saveLesson({ slug, lessonId: second.lessonId, lesson: { ...everySectionLesson("second"), title: "Second" } })).ok).toBe(true);
    await s.publish({ slug });
    expect((await db.lesson.findUniqueOrThrow({ where: { id: second.lessonId } })).slug).toBe("second");

    // Swap the two slugs through a third one, as an author would, then publish once.
    const rename = async (lessonId: string, index: number, to: string) => {
      const file = await storedLesson(owner, slug, index);
      expect((await s.saveLesson({ slug, lessonId, lesson: { ...file, slug: to } })).ok).toBe(true);
    };
    await rename(firstId, 0, "swap");
    await rename(second.lessonId, 1, "basics");
    await rename(firstId, 0, "second");
    await s.publish({ slug });
    const swapped = await db.lesson.findMany({ where: { course: { slug }, archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, slug: true } });
    expect(swapped).toEqual([
      { id: firstId, slug: "second" },
      { id: second.lessonId, slug: "basics" },
    ]);

    const third = await s.addLesson({ slug, title: "Third" });
    if (!third.ok) throw new Error("not added");
    await s.saveLesson({ slug, lessonId: third.lessonId, lesson: { ...everySectionLesson("third"), title: "Third" } });
    await s.reorderLessons({ slug, lessonIds: [third.lessonId, second.lessonId, firstId] });
    await s.deleteLesson({ slug, lessonId: second.lessonId });
    const { diff } = await s.changes({ slug });
    expect(diff.lessons.map((lesson) => [lesson.change, lesson.title])).toEqual([
      ["added", "Third"],
      ["removed", "Second"],
    ]);
    expect(diff.reordered).toBe(false);

    await s.publish({ slug });
    const rows = await db.lesson.findMany({ where: { course: { slug } }, orderBy: { position: "asc" }, select: { id: true, slug: true, archivedAt: true } });
    expect(rows.filter((row) => !row.archivedAt).map((row) => [row.id, row.slug])).toEqual([
      [third.lessonId, "third"],
      [firstId, "second"],
    ]);
    expect(rows.find((row) => row.id === second.lessonId)).toMatchObject({ slug: "basics", archivedAt: expect.any(Date) });

    // A lesson removed in the same draft that gives its slug to another keeps a slug of its own.
    await rename(firstId, 1, "moving-out");
    await rename(third.lessonId, 0, "second");
    await s.deleteLesson({ slug, lessonId: firstId });
    await s.publish({ slug });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: third.lessonId }, select: { slug: true } })).toEqual({ slug: "second" });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: firstId }, select: { slug: true, archivedAt: true } })).toEqual({
      slug: `second-removed-${firstId.slice(0, 8).toLowerCase()}`,
      archivedAt: expect.any(Date),
    });
  });

  it("discards a draft, refuses to import a zip over one, and never lets a learner see a draft lesson", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const learner = await createTestUser();
    const { slug, lessonId } = await publishedCourse(owner);
    const s = studio(owner);
    const lesson = await storedLesson(owner, slug);
    await s.saveLesson({ slug, lessonId, lesson: { ...lesson, title: "Renamed in the draft" } });
    const added = await s.addLesson({ slug, title: "Only in the draft" });
    if (!added.ok) throw new Error("not added");
    expect((await caller(learner).catalog.get({ slug })).lessons.map((l: { title: string }) => l.title)).toEqual(["The basics"]);
    await expect(caller(learner).catalog.lesson({ courseSlug: slug, lessonSlug: "only-in-the-draft" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const zip = zipSync({
      "course.yaml": strToU8(`slug: ${slug}\ntitle: From a zip\ncategory: ${CATEGORY}\nlevel: beginner\nsummary: s\ndescription: d\nestimatedMinutes: 5\nauthors: [x]\nlessons: [basics]\n`),
      "lessons/basics.yaml": strToU8(JSON.stringify(everySectionLesson())),
    });
    await expect(s.importZip({ zipBase64: Buffer.from(zip).toString("base64") })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This course has unpublished edits in the studio; publish or discard them before importing a zip over it.",
    });

    expect(await s.discardDraft({ slug })).toEqual({ ok: true });
    const back = await s.get({ slug });
    expect(back.hasDraft).toBe(false);
    expect(back.lessons.map((l) => l.title)).toEqual(["The basics"]);
    expect((await s.changes({ slug })).diff.count).toBe(0);
  });

  it("applies a draft course's edits at once: there is nothing to publish separately", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const slug = newSlug();
    const s = studio(owner);
    await s.create({ title: "Never published", slug, category: CATEGORY, level: "beginner" });
    const added = await s.addLesson({ slug, title: "Straight to the rows" });
    if (!added.ok) throw new Error("not added");
    expect(await db.lesson.findUniqueOrThrow({ where: { id: added.lessonId } })).toMatchObject({ title: "Straight to the rows", archivedAt: null });
    expect((await s.get({ slug })).hasDraft).toBe(false);
  });
});

describe("course staff", () => {
  it("lets co-instructors edit and see the class, and only owners and admins change the staff", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const co = await createTestUser({ role: "INSTRUCTOR" });
    const learner = await createTestUser();
    const { slug } = await publishedCourse(owner);
    const email = async (user: AuthUser) => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).email;

    expect(await codeOf(studio(co).get({ slug }))).toBe("NOT_FOUND");
    expect(await studio(owner).addStaff({ slug, email: await email(co), role: "CO_INSTRUCTOR" })).toEqual({ ok: true });
    expect((await studio(co).get({ slug })).canManageStaff).toBe(false);
    expect((await studio(owner).get({ slug })).canManageStaff).toBe(true);
    expect((await studio(co).class({ slug })).course.slug).toBe(slug);
    const fields = (await studio(co).get({ slug })).fields;
    expect(await studio(co).update({ slug, fields: { ...fields, title: "Co-edited" } })).toEqual({ ok: true });
    expect((await studio(co).staff({ slug })).staff.map((member) => [member.userId, member.role])).toEqual([
      [owner.id, "OWNER"],
      [co.id, "CO_INSTRUCTOR"],
    ]);
    await expect(studio(co).addStaff({ slug, email: await email(co), role: "OWNER" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only the course's owners and admins can change its staff.",
    });
    expect(await codeOf(studio(co).removeStaff({ slug, userId: owner.id }))).toBe("FORBIDDEN");

    await expect(studio(owner).addStaff({ slug, email: await email(learner), role: "CO_INSTRUCTOR" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(studio(owner).addStaff({ slug, email: "nobody-here@test.learnloop", role: "CO_INSTRUCTOR" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "There is no account with that email address.",
    });
    const lastOwner = "A course needs at least one owner; make someone else an owner first.";
    await expect(studio(owner).removeStaff({ slug, userId: owner.id })).rejects.toMatchObject({ code: "CONFLICT", message: lastOwner });
    await expect(studio(owner).addStaff({ slug, email: await email(owner), role: "CO_INSTRUCTOR" })).rejects.toMatchObject({ code: "CONFLICT", message: lastOwner });

    expect(await studio(owner).removeStaff({ slug, userId: co.id })).toEqual({ ok: true });
    expect(await codeOf(studio(co).get({ slug }))).toBe("NOT_FOUND");
    expect(await codeOf(studio(co).class({ slug }))).toBe("NOT_FOUND");

    // An admin manages the staff of any course.
    const admin = await createTestUser({ role: "ADMIN" });
    expect(await studio(admin).addStaff({ slug, email: await email(co), role: "OWNER" })).toEqual({ ok: true });
    expect(await studio(owner).removeStaff({ slug, userId: owner.id })).toEqual({ ok: true });
    expect(await codeOf(studio(owner).get({ slug }))).toBe("NOT_FOUND");
  });
});

describe("media uploads", () => {
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

  it("stores an image by the hash of its bytes under STORAGE_DIR, and refuses a file whose bytes are not the kind asked for or too large", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const { slug } = await publishedCourse(owner);
    const s = studio(owner);
    const uploaded = await s.uploadMedia({ slug, kind: "image", dataBase64: png.toString("base64") });
    expect(uploaded).toMatchObject({ kind: "image", mime: "image/png", bytes: png.length, path: expect.stringMatching(/^uploads\/[0-9a-f]{32}\.png$/) });
    expect(uploaded.url).toBe(`/courses/${slug}/media/${uploaded.path}`);
    const stored = path.join(storageDir, "media", slug, uploaded.path.slice("uploads/".length));
    expect(fs.readFileSync(stored).equals(png)).toBe(true);
    expect(await s.uploadMedia({ slug, kind: "image", dataBase64: png.toString("base64") })).toEqual(uploaded);

    await expect(s.uploadMedia({ slug, kind: "image", dataBase64: Buffer.from("<svg onload=alert(1)></svg>").toString("base64") })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "That file is not an image file this site accepts (PNG, JPEG, GIF or WebP); its contents were checked, not its name.",
    });
    await expect(s.uploadMedia({ slug, kind: "audio", dataBase64: png.toString("base64") })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const large = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    await expect(s.uploadMedia({ slug, kind: "image", dataBase64: large.toString("base64") })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The file is 5.0 MB; an image upload can be at most 5.0 MB.",
    });
    expect(fs.readdirSync(path.join(storageDir, "media", slug))).toEqual([path.basename(stored)]);
  });
});

describe("demo seed", () => {
  it("makes the demo instructor an owner of unstaffed courses and gives them a demo class, once", async () => {
    await seedDemoAccounts(db);
    const other = await createTestUser({ role: "INSTRUCTOR" });
    const { slug: staffed } = await publishedCourse(other);
    const unstaffed = await publishedCourse(other);
    await db.courseOwner.deleteMany({ where: { course: { slug: unstaffed.slug } } });
    const onlySlugs = [staffed, unstaffed.slug];

    expect(await seedDemoStaff(db, { onlySlugs })).toEqual({ courses: 1 });
    expect(await seedDemoStaff(db, { onlySlugs })).toEqual({ courses: 0 });
    const demoStudio = studio(await db.user.findUniqueOrThrow({ where: { email: "instructor@learnloop.local" }, select: authUserSelect }));
    expect(await codeOf(demoStudio.get({ slug: staffed }))).toBe("NOT_FOUND");

    expect(await seedDemoClass(db, { onlySlugs })).toEqual({ enrollments: DEMO_CLASS.length });
    expect(await seedDemoClass(db, { onlySlugs })).toEqual({ enrollments: 0 });
    const view = await demoStudio.class({ slug: unstaffed.slug });
    expect(view.learners.map((learner) => [learner.name, learner.completionPercent])).toEqual([
      ["Ada Park", 100],
      ["Ben Okafor", expect.any(Number)],
      ["Chloé Martin", expect.any(Number)],
      ["Dev Sharma", expect.any(Number)],
    ]);
    const percents = view.learners.map((learner) => learner.completionPercent);
    expect([...percents].sort((a, b) => b - a)).toEqual(percents);
    expect(view.lessons[0]!.completionPercent).toBe(25);
    expect(view.mostForgottenCards.length).toBeGreaterThan(0);
    // Demo class members cannot sign in and stay off the leaderboards.
    const members = await db.user.findMany({ where: { email: { in: DEMO_CLASS.map((member) => member.email) } }, select: { passwordHash: true, leaderboardOptOut: true } });
    expect(members).toEqual(DEMO_CLASS.map(() => ({ passwordHash: null, leaderboardOptOut: true })));
  });
});
