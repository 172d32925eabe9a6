import fs from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import { courseFile, lessonFile } from "@/lib/content/schema";
import { joinSectionRow } from "@/lib/content/sections";
import type { DbClient } from "../db-client";

// Database → content files, in the format the importer reads: course.yaml and lessons/<slug>.yaml.
// Archived rows are left out; every item's key is written out, so a later edit of a title or a
// term keeps the item (and the learner data pointing at it). Fields equal to the format's defaults
// are omitted to keep hand-edited files short. No `server-only`: `npm run content:export` runs this.

export type ExportCourseOptions = { slug: string; outDir: string };

/** Writes the course to `outDir` (course.yaml, lessons/*.yaml) and returns the written paths. */
export async function exportCourse({ slug, outDir }: ExportCourseOptions, client: DbClient): Promise<{ files: string[] }> {
  const course = await client.course.findUnique({
    where: { slug },
    include: {
      lessons: {
        where: { archivedAt: null },
        orderBy: { position: "asc" },
        include: {
          sections: {
            where: { archivedAt: null },
            orderBy: { position: "asc" },
            include: { items: { where: { archivedAt: null }, orderBy: { position: "asc" } } },
          },
        },
      },
    },
  });
  if (!course) throw new Error(`There is no course with the slug "${slug}".`);

  const courseData = courseFile.parse({
    slug: course.slug,
    title: course.title,
    category: course.categorySlug,
    level: course.level,
    summary: course.summary,
    description: course.description,
    estimatedMinutes: course.estimatedMinutes,
    coverImage: course.coverImage ?? undefined,
    authors: course.authors,
    tags: course.tags,
    addAllCardsOnEnroll: course.addAllCardsOnEnroll,
    status: course.status === "DRAFT" ? "draft" : undefined,
    lessons: course.lessons.map((lesson) => lesson.slug),
  });

  const lessons = course.lessons.map((lesson) => {
    const parsed = lessonFile.safeParse({
      slug: lesson.slug,
      title: lesson.title,
      summary: lesson.summary,
      objectives: lesson.objectives,
      estimatedMinutes: lesson.estimatedMinutes,
      sections: lesson.sections.map(joinSectionRow),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(
        `Lesson "${lesson.slug}" of course "${slug}" does not fit the content format: ${issue.path.join(".")}: ${issue.message}.`,
      );
    }
    return parsed.data;
  });

  const lessonsDir = path.join(outDir, "lessons");
  await fs.mkdir(lessonsDir, { recursive: true });
  const files: string[] = [];
  const write = async (file: string, data: unknown) => {
    await fs.writeFile(file, stringify(withoutDefaults(data), { lineWidth: 0 }));
    files.push(file);
  };
  await write(path.join(outDir, "course.yaml"), courseData);
  for (const lesson of lessons) await write(path.join(lessonsDir, `${lesson.slug}.yaml`), lesson);

  // A lesson file left from an earlier export would be reported as "not listed" by the check.
  const exported = new Set(lessons.map((lesson) => `${lesson.slug}.yaml`));
  for (const name of await fs.readdir(lessonsDir)) {
    if (name.endsWith(".yaml") && !exported.has(name)) await fs.rm(path.join(lessonsDir, name));
  }
  return { files };
}

// The defaults of lib/content/schema.ts, by field name; the importer applies them again.
const DEFAULTS: Record<string, unknown> = {
  tags: [],
  addAllCardsOnEnroll: false,
  card: true,
  correct: false,
  points: 1,
  tolerance: 0,
  passPercent: 70,
};

function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([field, inner]) => !(field in DEFAULTS) || JSON.stringify(inner) !== JSON.stringify(DEFAULTS[field]))
      .map(([field, inner]) => [field, withoutDefaults(inner)]),
  );
}
