import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "../auth/service";
import { importContent } from "../content/service";
import { db } from "../db";
import { createPrismaClient } from "../db-client";
import { createCaller } from "../router";
import { codeOf } from "../test/error-code";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import { clearPublishedCache } from "./service";

// The published-content cache (server/catalog/published.ts) against a real database: a learner
// sees a re-import or a studio publish on the next request, also when another process (another
// web node, another Prisma client) made the write; a draft never reaches a learner.

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "lib", "content", "fixtures", "valid");
const tempDirs: string[] = [];
const caller = (user: AuthUser) => createCaller(createContextFor(user));
// A second client stands for another web node or `npm run content:import`: nothing in this process hears of its writes.
const otherNode = createPrismaClient({ max: 2 });

afterAll(async () => {
  await otherNode.$disconnect();
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

/** A copy of the valid content fixture whose course has a slug of its own. */
async function fixtureCopy() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "learnloop-cache-"));
  tempDirs.push(root);
  const slug = `cached-${randomUUID().slice(0, 8)}`;
  await fs.cp(fixture, root, { recursive: true });
  const courseDir = path.join(root, "courses", slug);
  await fs.rename(path.join(root, "courses", "fixture-course"), courseDir);
  await replaceIn(path.join(courseDir, "course.yaml"), "slug: fixture-course", `slug: ${slug}`);
  return { root, slug, lessonFile: path.join(courseDir, "lessons", "basics.yaml") };
}

async function replaceIn(file: string, from: string, to: string) {
  const text = await fs.readFile(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  await fs.writeFile(file, text.replace(from, to));
}

describe("published lesson content, cached in the process", () => {
  it("serves a re-import on the next request, whichever process imported it", async () => {
    const { root, slug, lessonFile } = await fixtureCopy();
    await importContent({ root }, db);
    const learner = await createTestUser();
    const read = () => caller(learner).catalog.lesson({ courseSlug: slug, lessonSlug: "basics" });

    expect((await read()).lesson.title).toBe("The basics");
    // A row changed behind the catalog's write path does not move the stamp: the cached copy is what is served.
    const lessonId = (await read()).lesson.id;
    await db.lesson.update({ where: { id: lessonId }, data: { summary: "Changed behind the write path." } });
    expect((await read()).lesson.summary).toBe("Every kind of section once.");

    // A re-import through another client (another node): the stamp moves with the content.
    await replaceIn(lessonFile, "text: Welcome to the fixture course.", "text: Welcome back to the fixture course.");
    await replaceIn(lessonFile, "title: The basics", "title: The basics, revised");
    await importContent({ root }, otherNode);
    const after = await read();
    expect(after.lesson.title).toBe("The basics, revised");
    expect(JSON.stringify(after.lesson.sections)).toContain("Welcome back to the fixture course.");
    expect((await caller(learner).catalog.get({ slug })).lessons[0]!.title).toBe("The basics, revised");

    // An import that changes nothing leaves the stamp, so the cache keeps serving.
    const stamp = (await db.course.findUniqueOrThrow({ where: { slug }, select: { updatedAt: true } })).updatedAt;
    await importContent({ root }, otherNode);
    expect((await db.course.findUniqueOrThrow({ where: { slug }, select: { updatedAt: true } })).updatedAt).toEqual(stamp);
  });

  it("serves the same content as a fresh read, quiz answers withheld", async () => {
    const { root, slug } = await fixtureCopy();
    await importContent({ root }, db);
    const learner = await createTestUser();
    const read = () => caller(learner).catalog.lesson({ courseSlug: slug, lessonSlug: "practice" });
    const cached = (await read(), await read());
    clearPublishedCache();
    expect(cached).toEqual(await read());
    expect(JSON.stringify(cached)).not.toMatch(/"correct"|"answer"/);
  });
});

describe("studio publishing and the cache", () => {
  const CATEGORY = "cache-tests";
  beforeAll(async () => {
    await db.category.upsert({ where: { slug: CATEGORY }, create: { slug: CATEGORY, title: "Cache tests", description: "For tests.", position: 97 }, update: {} });
  });

  async function lessonFile() {
    const text = await fs.readFile(path.join(fixture, "courses", "fixture-course", "lessons", "basics.yaml"), "utf8");
    const lesson = parse(text) as { sections: { type: string; scenes?: { audio?: string }[] }[] } & Record<string, unknown>;
    for (const scene of lesson.sections.find((section) => section.type === "audio-lesson")?.scenes ?? []) delete scene.audio;
    return lesson;
  }

  it("shows learners a published course's draft only once it is published, and nothing once it is unpublished", async () => {
    const owner = await createTestUser({ role: "INSTRUCTOR" });
    const learner = await createTestUser();
    const studio = caller(owner).studio;
    const slug = `cache-${randomUUID().slice(0, 8)}`;
    await studio.create({ title: "Cached course", slug, category: CATEGORY, level: "beginner" });
    const fields = (await studio.get({ slug })).fields;
    await studio.update({ slug, fields: { ...fields, summary: "A summary.", description: "A description.", estimatedMinutes: 30 } });
    const added = await studio.addLesson({ slug, title: "First" });
    if (!added.ok) throw new Error(JSON.stringify(added.problems));
    const lesson = { ...(await lessonFile()), slug: "first", title: "First" };
    expect((await studio.saveLesson({ slug, lessonId: added.lessonId, lesson })).ok).toBe(true);

    // A draft course: its owner previews it (read fresh), a learner cannot see it at all.
    const read = (user: AuthUser) => caller(user).catalog.lesson({ courseSlug: slug, lessonSlug: "first" });
    expect((await read(owner)).course.preview).toBe(true);
    expect(await codeOf(read(learner))).toBe("NOT_FOUND");

    await studio.publish({ slug });
    expect((await read(learner)).lesson.title).toBe("First");

    // An edit of the published course is a draft: learners (and the cache) keep the published lesson.
    expect((await studio.saveLesson({ slug, lessonId: added.lessonId, lesson: { ...lesson, title: "First, edited" } })).ok).toBe(true);
    expect((await read(learner)).lesson.title).toBe("First");
    expect((await caller(learner).catalog.get({ slug })).lessons.map((entry) => entry.title)).toEqual(["First"]);

    await studio.publish({ slug });
    expect((await read(learner)).lesson.title).toBe("First, edited");

    // Unpublished: the cached copy is never served again, to anyone but the course's staff.
    await studio.unpublish({ slug });
    expect(await codeOf(read(learner))).toBe("NOT_FOUND");
    expect(await codeOf(caller(learner).catalog.get({ slug }))).toBe("NOT_FOUND");
    expect((await read(owner)).course.preview).toBe(true);
  });
});
