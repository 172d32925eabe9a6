import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { appRouter, createCaller } from "../router";
import { completeSection } from "../progress/service";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import { codeOf } from "../test/error-code";

const CATEGORY = "studio-tests";
const fixtureLesson = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../lib/content/fixtures/valid/courses/fixture-course/lessons/basics.yaml",
);

/** The fixture lesson with every section type, as the editor would send it (no scene audio: the studio stores no files). */
function everySectionLesson(slug = "basics"): Record<string, unknown> {
  const lesson = parse(fs.readFileSync(fixtureLesson, "utf8")) as { slug: string; sections: { type: string; scenes?: { audio?: string }[] }[] };
  for (const scene of lesson.sections.find((section) => section.type === "audio-lesson")?.scenes ?? []) delete scene.audio;
  return { ...lesson, slug };
}

const studio = (user: AuthUser) => createCaller(createContextFor(user)).studio;

function newSlug(prefix = "studio"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A course owned by `owner` with complete details and one complete lesson holding every section type. */
async function completeCourse(owner: AuthUser, slug = newSlug()) {
  const caller = studio(owner);
  expect(await caller.create({ title: "Studio course", slug, category: CATEGORY, level: "beginner" })).toEqual({ ok: true, slug });
  const course = await caller.get({ slug });
  expect(
    await caller.update({
      slug,
      fields: { ...course.fields, summary: "A course made in the studio.", description: "Made **in the studio**.", estimatedMinutes: 30 },
    }),
  ).toEqual({ ok: true });
  const added = await caller.addLesson({ slug, title: "The basics" });
  if (!added.ok) throw new Error(JSON.stringify(added.problems));
  const saved = await caller.saveLesson({ slug, lessonId: added.lessonId, lesson: everySectionLesson() });
  expect(saved.ok).toBe(true);
  return { slug, lessonId: added.lessonId };
}

async function liveItems(courseSlug: string) {
  const items = await db.contentItem.findMany({
    where: { archivedAt: null, section: { archivedAt: null, lesson: { archivedAt: null, course: { slug: courseSlug } } } },
    select: { id: true, key: true, data: true, section: { select: { type: true } } },
  });
  return new Map(items.map((item) => [`${item.section.type}/${item.key}`, item]));
}

beforeAll(async () => {
  await db.category.upsert({
    where: { slug: CATEGORY },
    create: { slug: CATEGORY, title: "Studio tests", description: "Courses made by the studio tests.", position: 99 },
    update: {},
  });
});

describe("studio access", () => {
  it("refuses a learner on every studio procedure with FORBIDDEN", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const { slug, lessonId } = await completeCourse(owner);
    const learner = studio(await createTestUser());
    const calls: Record<string, () => Promise<unknown>> = {
      summary: () => learner.summary(),
      list: () => learner.list(),
      create: () => learner.create({ title: "Mine", slug: newSlug(), category: CATEGORY, level: "beginner" }),
      get: () => learner.get({ slug }),
      update: () => learner.update({ slug, fields: {} }),
      publish: () => learner.publish({ slug }),
      unpublish: () => learner.unpublish({ slug }),
      addLesson: () => learner.addLesson({ slug, title: "More" }),
      renameLesson: () => learner.renameLesson({ slug, lessonId, title: "Renamed" }),
      reorderLessons: () => learner.reorderLessons({ slug, lessonIds: [lessonId] }),
      deleteLesson: () => learner.deleteLesson({ slug, lessonId }),
      saveLesson: () => learner.saveLesson({ slug, lessonId, lesson: everySectionLesson() }),
      importZip: () => learner.importZip({ zipBase64: "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==" }),
      exportZip: () => learner.exportZip({ slug }),
      class: () => learner.class({ slug }),
      changes: () => learner.changes({ slug }),
      discardDraft: () => learner.discardDraft({ slug }),
      staff: () => learner.staff({ slug }),
      addStaff: () => learner.addStaff({ slug, email: "someone@test.learnloop", role: "CO_INSTRUCTOR" }),
      removeStaff: () => learner.removeStaff({ slug, userId: "someone" }),
      uploadMedia: () => learner.uploadMedia({ slug, kind: "image", dataBase64: "iVBORw0KGgo=" }),
    };
    // Every procedure of the router is in the list above.
    const procedures = Object.keys(appRouter._def.procedures).filter((name) => name.startsWith("studio."));
    expect(Object.keys(calls).map((name) => `studio.${name}`).sort()).toEqual(procedures.sort());
    for (const [name, call] of Object.entries(calls)) expect(`${name}: ${await codeOf(call())}`).toBe(`${name}: FORBIDDEN`);
    expect((await db.course.findUniqueOrThrow({ where: { slug } })).status).toBe("DRAFT");
  });

  it("keeps another instructor out of a course they do not own, and lets an admin in", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const { slug, lessonId } = await completeCourse(owner);
    const other = studio(await createTestUser({ role: "INSTRUCTOR" }));

    expect((await other.list()).map((course) => course.slug)).not.toContain(slug);
    const refused: Record<string, () => Promise<unknown>> = {
      get: () => other.get({ slug }),
      update: () => other.update({ slug, fields: { title: "Taken over" } }),
      publish: () => other.publish({ slug }),
      unpublish: () => other.unpublish({ slug }),
      addLesson: () => other.addLesson({ slug, title: "Intruder" }),
      renameLesson: () => other.renameLesson({ slug, lessonId, title: "Intruder" }),
      reorderLessons: () => other.reorderLessons({ slug, lessonIds: [lessonId] }),
      deleteLesson: () => other.deleteLesson({ slug, lessonId }),
      saveLesson: () => other.saveLesson({ slug, lessonId, lesson: { ...everySectionLesson(), title: "Intruder" } }),
      exportZip: () => other.exportZip({ slug }),
      class: () => other.class({ slug }),
      changes: () => other.changes({ slug }),
      discardDraft: () => other.discardDraft({ slug }),
      staff: () => other.staff({ slug }),
      addStaff: () => other.addStaff({ slug, email: "someone@test.learnloop", role: "OWNER" }),
      removeStaff: () => other.removeStaff({ slug, userId: owner.id }),
      uploadMedia: () => other.uploadMedia({ slug, kind: "image", dataBase64: "iVBORw0KGgoAAAANSUhEUg==" }),
    };
    for (const [name, call] of Object.entries(refused)) expect(`${name}: ${await codeOf(call())}`).toBe(`${name}: NOT_FOUND`);
    const course = await db.course.findUniqueOrThrow({ where: { slug }, include: { lessons: true } });
    expect(course).toMatchObject({ title: "Studio course", status: "DRAFT" });
    expect(course.lessons.map((lesson) => [lesson.title, lesson.archivedAt])).toEqual([["The basics", null]]);

    // Importing a zip over someone else's course is refused too.
    const zip = zipSync({ "course.yaml": strToU8(`slug: ${slug}\ntitle: Hijack\ncategory: ${CATEGORY}\nlevel: beginner\nsummary: s\ndescription: d\nestimatedMinutes: 5\nauthors: [x]\nlessons: [basics]\n`), "lessons/basics.yaml": strToU8(JSON.stringify(everySectionLesson())) });
    expect(await codeOf(other.importZip({ zipBase64: Buffer.from(zip).toString("base64") }))).toBe("CONFLICT");
    expect((await db.course.findUniqueOrThrow({ where: { slug } })).title).toBe("Studio course");

    const admin = studio(await createTestUser({ role: "ADMIN" }));
    expect((await admin.get({ slug })).title).toBe("Studio course");
    expect(await admin.publish({ slug })).toEqual({ status: "PUBLISHED" });
    expect(await admin.renameLesson({ slug, lessonId, title: "Basics, renamed by an admin" })).toEqual({ ok: true });
  });
});

describe("editing", () => {
  it("returns content:check's problems for invalid content and changes nothing", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const { slug, lessonId } = await completeCourse(owner);
    const caller = studio(owner);
    const before = await caller.get({ slug });
    const itemsBefore = await liveItems(slug);

    const lesson = everySectionLesson() as { title: string; sections: Record<string, unknown>[] };
    const broken = {
      ...lesson,
      title: "",
      sections: lesson.sections.map((section) => {
        if (section.type === "glossary") return { ...section, items: [{ term: "", definition: "Nothing" }] };
        if (section.type === "lab") return { ...section, preset: "no-such-preset" };
        if (section.type === "summaries") return { ...section, basic: "<script>alert(1)</script>" };
        return section;
      }),
    };
    const result = await caller.saveLesson({ slug, lessonId, lesson: broken });
    expect(result).toEqual({ ok: false, problems: { title: ["must not be empty"], "sections[6].items[0].term": ["must not be empty"] } });

    // Schema-valid but breaking the rules beyond it: the rule sentences of content:check.
    const ruleBroken = { ...broken, title: "The basics", sections: broken.sections.map((s) => (s.type === "glossary" ? lesson.sections[6] : s)) };
    const rules = await caller.saveLesson({ slug, lessonId, lesson: ruleBroken });
    expect(rules.ok).toBe(false);
    if (rules.ok) return;
    expect(rules.problems["sections[8].preset"]?.[0]).toMatch(/^unknown lab preset "no-such-preset"; available: /);
    expect(rules.problems["sections[1].basic"]).toEqual([
      "contains raw HTML (<script>), which is never rendered; write it in Markdown instead",
    ]);

    const fields = await caller.update({ slug, fields: { ...before.fields, category: "no-such-category", summary: "" } });
    expect(fields).toEqual({ ok: false, problems: { summary: ["must not be empty"] } });
    const category = await caller.update({ slug, fields: { ...before.fields, category: "no-such-category" } });
    expect(category.ok).toBe(false);
    if (!category.ok) expect(category.problems.category?.[0]).toMatch(/^unknown category "no-such-category"; categories.yaml defines: /);

    const after = await caller.get({ slug });
    expect(after.fields).toEqual(before.fields);
    expect(after.lessons).toEqual(before.lessons);
    const itemsAfter = await liveItems(slug);
    expect([...itemsAfter.entries()]).toEqual([...itemsBefore.entries()]);
  });

  it("keeps items' ids when their text changes, archives removed items, and refuses a slug in use", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const { slug, lessonId } = await completeCourse(owner);
    const caller = studio(owner);
    const before = await liveItems(slug);
    const stored = (await caller.get({ slug })).lessons[0]!.file as { sections: { type: string; items?: Record<string, unknown>[] }[] };
    // What the editor sends back: the stored lesson, every key written out, with edited text.
    const glossary = stored.sections.find((section) => section.type === "glossary")!;
    expect(glossary.items!.map((item) => item.key)).toEqual(["section", "item", "where-authors-write"]);
    glossary.items![0] = { ...glossary.items![0], term: "Lesson section", definition: "A typed, ordered part of a lesson." };
    glossary.items!.splice(1, 1);
    const saved = await caller.saveLesson({ slug, lessonId, lesson: stored });
    expect(saved.ok).toBe(true);
    if (saved.ok) expect(saved.keys[6]!.map((item) => item.key)).toEqual(["section", "where-authors-write"]);

    const after = await liveItems(slug);
    expect(after.get("glossary/section")?.id).toBe(before.get("glossary/section")?.id);
    expect(after.get("glossary/section")?.data).toMatchObject({ term: "Lesson section", definition: "A typed, ordered part of a lesson." });
    expect(after.has("glossary/item")).toBe(false);
    const removed = await db.contentItem.findUniqueOrThrow({ where: { id: before.get("glossary/item")!.id } });
    expect(removed.archivedAt).toBeInstanceOf(Date);
    for (const [key, item] of before) if (key !== "glossary/item") expect(after.get(key)?.id, key).toBe(item.id);

    // A new item without a key gets one derived from its text, returned for the editor to keep.
    glossary.items!.push({ term: "Brand new term", definition: "Just added." });
    const withNew = await caller.saveLesson({ slug, lessonId, lesson: stored });
    expect(withNew.ok && withNew.keys[6]!.map((item) => item.key)).toEqual(["section", "where-authors-write", "brand-new-term"]);
    const quizKeys = withNew.ok ? withNew.keys[9]![0] : null;
    expect(quizKeys).toEqual({ key: "what-matches-items-across-imports", options: ["their-key", "their-position"] });

    const second = await caller.addLesson({ slug, title: "Second lesson" });
    expect(second).toMatchObject({ ok: true });
    const clash = await caller.saveLesson({ slug, lessonId, lesson: { ...stored, slug: "second-lesson" } });
    expect(clash).toEqual({ ok: false, problems: { slug: ['lesson "second-lesson" is already listed at lessons[1]'] } });
    expect(await caller.addLesson({ slug, title: "Again", lessonSlug: "second-lesson" })).toEqual({
      ok: false,
      problems: { slug: ['lesson "second-lesson" is already listed at lessons[1]'] },
    });
  });

  it("adds, renames, reorders and deletes lessons", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const { slug, lessonId } = await completeCourse(owner);
    const caller = studio(owner);
    const second = await caller.addLesson({ slug, title: "Second lesson" });
    if (!second.ok) throw new Error("not added");
    let course = await caller.get({ slug });
    expect(course.lessons.map((lesson) => [lesson.slug, lesson.problemCount > 0])).toEqual([
      ["basics", false],
      ["second-lesson", true],
    ]);
    expect(course.publishBlocker).toMatch(/^This course cannot be published yet: lesson "Second lesson" has \d+ problems\. Fix them in the editor first\.$/);
    await expect(caller.publish({ slug })).rejects.toMatchObject({ code: "CONFLICT", message: course.publishBlocker });

    expect(await caller.renameLesson({ slug, lessonId: second.lessonId, title: "" })).toEqual({ ok: false, problems: { title: ["must not be empty"] } });
    await caller.renameLesson({ slug, lessonId: second.lessonId, title: "Second, renamed" });
    await caller.reorderLessons({ slug, lessonIds: [second.lessonId, lessonId] });
    await expect(caller.reorderLessons({ slug, lessonIds: [lessonId] })).rejects.toMatchObject({ code: "CONFLICT" });
    course = await caller.get({ slug });
    expect(course.lessons.map((lesson) => lesson.title)).toEqual(["Second, renamed", "The basics"]);

    await caller.deleteLesson({ slug, lessonId: second.lessonId });
    course = await caller.get({ slug });
    expect(course.lessons.map((lesson) => lesson.title)).toEqual(["The basics"]);
    expect(course.publishBlocker).toBeNull();
    expect((await db.lesson.findUniqueOrThrow({ where: { id: second.lessonId } })).archivedAt).toBeInstanceOf(Date);

    // Adding a deleted lesson's slug again brings the lesson back.
    const back = await caller.addLesson({ slug, title: "Second is back", lessonSlug: "second-lesson" });
    expect(back).toEqual({ ok: true, lessonId: second.lessonId });
    await caller.deleteLesson({ slug, lessonId: second.lessonId });

    await caller.publish({ slug });
    await expect(caller.deleteLesson({ slug, lessonId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "A published course needs at least one lesson; unpublish the course first.",
    });
  });
});

describe("publishing", () => {
  it("publishes a complete course into the catalog and unpublishes it again", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const learner = createCaller(createContextFor(await createTestUser()));
    const slug = newSlug();
    const caller = studio(owner);
    await caller.create({ title: "Empty for now", slug, category: CATEGORY, level: "advanced" });
    await expect(caller.publish({ slug })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This course cannot be published yet: it has no lesson. Add one first.",
    });
    await completeCourse(owner, newSlug()); // another course of the same owner does not interfere
    const course = await caller.get({ slug });
    await caller.update({ slug, fields: { ...course.fields, summary: "Complete now.", description: "All there." } });
    const lesson = await caller.addLesson({ slug, title: "Only lesson" });
    if (!lesson.ok) throw new Error("not added");
    await caller.saveLesson({ slug, lessonId: lesson.lessonId, lesson: everySectionLesson("only-lesson") });

    expect((await learner.catalog.list({})).map((c) => c.slug)).not.toContain(slug);
    await expect(learner.catalog.get({ slug })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await caller.publish({ slug })).toEqual({ status: "PUBLISHED" });
    const listed = await learner.catalog.list({ category: CATEGORY });
    expect(listed.find((c) => c.slug === slug)).toMatchObject({ title: "Empty for now", lessonCount: 1 });
    expect((await learner.catalog.get({ slug })).preview).toBe(false);

    // Saving a published course's fields keeps it published.
    await caller.update({ slug, fields: { ...course.fields, summary: "Still published.", description: "All there." } });
    expect((await db.course.findUniqueOrThrow({ where: { slug } })).status).toBe("PUBLISHED");

    expect(await caller.unpublish({ slug })).toEqual({ status: "DRAFT" });
    expect((await learner.catalog.list({})).map((c) => c.slug)).not.toContain(slug);
  });
});

describe("zip import and export", () => {
  it("exports a course as a zip that imports back to the same content, and imports a new one owned by the importer", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const { slug } = await completeCourse(owner);
    const caller = studio(owner);
    const before = await caller.get({ slug });
    const itemsBefore = await liveItems(slug);

    const exported = await caller.exportZip({ slug });
    expect(exported.filename).toBe(`${slug}.zip`);
    const files = unzipSync(new Uint8Array(Buffer.from(exported.zipBase64, "base64")));
    expect(Object.keys(files).sort()).toEqual([`${slug}/course.yaml`, `${slug}/lessons/basics.yaml`]);
    expect(strFromU8(files[`${slug}/course.yaml`]!)).toContain("status: draft");

    const again = await caller.importZip({ zipBase64: exported.zipBase64 });
    expect(again).toMatchObject({ ok: true, slug, created: false });
    expect(again.ok && again.summary).toMatch(/courses: 1 unchanged · lessons: 1 unchanged · sections: 10 unchanged · items: \d+ unchanged/);
    const after = await caller.get({ slug });
    expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });
    expect([...(await liveItems(slug)).entries()]).toEqual([...itemsBefore.entries()]);

    // The same files under another slug, at the top of the zip: a new draft course owned by the importer.
    const importer = await createTestUser({ role: "INSTRUCTOR" });
    const copySlug = newSlug("imported");
    const courseYaml = strFromU8(files[`${slug}/course.yaml`]!).replace(`slug: ${slug}`, `slug: ${copySlug}`);
    const copy = zipSync({ "course.yaml": strToU8(courseYaml), "lessons/basics.yaml": files[`${slug}/lessons/basics.yaml`]! });
    const imported = await studio(importer).importZip({ zipBase64: Buffer.from(copy).toString("base64") });
    expect(imported).toMatchObject({ ok: true, slug: copySlug, created: true });
    const copied = await studio(importer).get({ slug: copySlug });
    expect(copied.status).toBe("DRAFT");
    expect(copied.lessons.map((lesson) => lesson.file)).toEqual(before.lessons.map((lesson) => lesson.file));
    expect(await codeOf(caller.get({ slug: copySlug }))).toBe("NOT_FOUND");
  });

  it("refuses a zip with problems, listing them as content:check does, and imports nothing", async () => {
    const importer = studio(await createTestUser({ role: "INSTRUCTOR" }));
    const slug = newSlug("broken");
    const zip = zipSync({
      [`${slug}/course.yaml`]: strToU8(
        `slug: ${slug}\ntitle: Broken\ncategory: ${CATEGORY}\nlevel: expert\nsummary: s\ndescription: d\nestimatedMinutes: 5\nauthors: [x]\nlessons: [one, two]\n`,
      ),
      [`${slug}/lessons/one.yaml`]: strToU8("slug: one\ntitle: One\nsummary: s\nobjectives: [o]\nestimatedMinutes: 5\nsections:\n  - type: poems\n"),
    });
    const result = await importer.importZip({ zipBase64: Buffer.from(zip).toString("base64") });
    expect(result).toEqual({
      ok: false,
      problems: [
        "course.yaml:4: level: must be one of: beginner, intermediate, advanced",
        "lessons/one.yaml:7: sections[0].type: unknown section type \"poems\"; allowed: audio-lesson, summaries, audiobook, key-concepts, examples, memory-aids, glossary, flashcards, quiz, lab",
      ],
    });
    expect(await db.course.findUnique({ where: { slug } })).toBeNull();

    const notZip = await importer.importZip({ zipBase64: Buffer.from("not a zip at all").toString("base64") });
    expect(notZip).toEqual({ ok: false, problems: ["The file is not a zip archive that can be read."] });
  });
});

describe("class view", () => {
  it("lists enrolled learners with their last activity", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const { slug } = await completeCourse(owner);
    await studio(owner).publish({ slug });
    const active = await createTestUser({ name: "Active Learner" });
    const quiet = await createTestUser({ name: "Quiet Learner" });
    const course = await db.course.findUniqueOrThrow({ where: { slug } });
    await db.enrollment.create({ data: { userId: quiet.id, courseId: course.id, enrolledAt: new Date("2025-01-01T00:00:00Z") } });
    await db.enrollment.create({ data: { userId: active.id, courseId: course.id, enrolledAt: new Date("2025-01-02T00:00:00Z") } });
    await db.xpEvent.create({ data: { userId: active.id, source: "test", sourceId: randomUUID(), amount: 5, createdAt: new Date("2025-02-01T00:00:00Z") } });

    // Reading a section earns no XP but is activity too; progress in another course is not.
    const section = await db.lessonSection.findFirstOrThrow({ where: { lesson: { courseId: course.id } }, select: { id: true, lessonId: true } });
    const read = new Date("2025-01-15T00:00:00Z");
    await db.sectionProgress.create({ data: { userId: quiet.id, sectionId: section.id, lessonId: section.lessonId, courseId: course.id, percent: 40, positionAt: read } });

    const view = await studio(owner).class({ slug });
    expect(view.progressTracked).toBe(true);
    expect(view.learners).toEqual([
      { name: "Quiet Learner", enrolledAt: new Date("2025-01-01T00:00:00Z"), lastActivityAt: read, completionPercent: 0 },
      { name: "Active Learner", enrolledAt: new Date("2025-01-02T00:00:00Z"), lastActivityAt: new Date("2025-02-01T00:00:00Z"), completionPercent: 0 },
    ]);
    expect(view.lessons).toEqual([{ title: "The basics", completionPercent: 0 }]);
    expect(view.mostMissedQuestions).toBeNull();
    expect(view.mostForgottenCards).toEqual([]);
  });

  it("reports lesson completion from learners' section progress", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const { slug } = await completeCourse(owner);
    await studio(owner).publish({ slug });
    const done = await createTestUser({ name: "Done Learner" });
    const partial = await createTestUser({ name: "Partial Learner" });
    const course = await db.course.findUniqueOrThrow({ where: { slug } });
    await db.enrollment.create({ data: { userId: done.id, courseId: course.id, enrolledAt: new Date("2025-01-01T00:00:00Z") } });
    await db.enrollment.create({ data: { userId: partial.id, courseId: course.id, enrolledAt: new Date("2025-01-02T00:00:00Z") } });
    const sections = await db.lessonSection.findMany({ where: { lesson: { courseId: course.id }, archivedAt: null }, select: { id: true, lessonId: true } });
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) await completeSection({ userId: done.id, lessonId: section.lessonId, sectionId: section.id });
    // One section of several: a lesson counts only when every section is done.
    await completeSection({ userId: partial.id, lessonId: sections[0]!.lessonId, sectionId: sections[0]!.id });

    const view = await studio(owner).class({ slug });
    expect(view.learners.map((learner) => [learner.name, learner.completionPercent])).toEqual([
      ["Done Learner", 100],
      ["Partial Learner", Math.floor(100 / sections.length)],
    ]);
    expect(view.lessons).toEqual([{ title: "The basics", completionPercent: 50 }]);
  });
});
