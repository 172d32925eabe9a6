import "server-only";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync, zipSync } from "fflate";
import { parse, stringify } from "yaml";
import { formatProblem, loadContent } from "@/lib/content/load";
import type { CourseRecord } from "@/lib/content/sections";
import { COURSE_TRANSACTION, describeImportReport, emptyReport, exportCourse, writeCourse } from "../content/service";
import { db } from "../db";
import { DomainError } from "../errors";
import { courseBlocker, problemCount } from "./check";
import { getCourse, type Actor } from "./service";

// A course as a zip of the file format: course.yaml and lessons/<slug>.yaml, at the top of the zip
// or inside one folder (what zipping a course folder gives). An upload is checked exactly as
// `content:check` checks content/, with the site's categories, before anything is written.

export const MAX_ZIP_BYTES = 5 * 1024 * 1024;
const MAX_UNZIPPED_BYTES = 25 * 1024 * 1024;
const MAX_ENTRIES = 1_000;

export type ZipImportResult = { ok: true; slug: string; created: boolean; summary: string } | { ok: false; problems: string[] };

type Categories = { slug: string; title: string; description: string }[];

/** Reads and checks a course zip; the problems are `content:check` lines, with paths inside the zip. */
export function readCourseZip(bytes: Uint8Array, categories: Categories): { ok: true; course: CourseRecord } | { ok: false; problems: string[] } {
  let entries: Record<string, Uint8Array>;
  try {
    let total = 0;
    let count = 0;
    entries = unzipSync(bytes, {
      // The sizes come from the zip's own directory; checking them before inflating keeps a small
      // zip from expanding into gigabytes.
      filter: (file) => {
        total += file.originalSize;
        count++;
        if (total > MAX_UNZIPPED_BYTES || count > MAX_ENTRIES) throw new RangeError("too large");
        return !file.name.endsWith("/");
      },
    });
  } catch (error) {
    if (error instanceof RangeError) {
      return { ok: false, problems: [`The zip unpacks to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB or ${MAX_ENTRIES} files; a course is far smaller.`] };
    }
    return { ok: false, problems: ["The file is not a zip archive that can be read."] };
  }

  const names = Object.keys(entries).filter((name) => !name.split("/").some((part) => part.startsWith(".") || part === "__MACOSX"));
  const unsafe = names.find((name) => name.startsWith("/") || name.split("/").includes(".."));
  if (unsafe) return { ok: false, problems: [`${unsafe}: paths in the zip must stay inside it.`] };
  const base = names.includes("course.yaml") ? "" : folderHolding(names, "course.yaml");
  if (base === null) {
    return {
      ok: false,
      problems: ["course.yaml:1: (file): is missing; the zip must hold course.yaml and lessons/<slug>.yaml, at its top or in one folder"],
    };
  }

  const files = new Map<string, string>();
  const paths = new Set<string>();
  const courseText = strFromU8(entries[`${base}course.yaml`]!);
  const folder = declaredSlug(courseText);
  const prefix = `courses/${folder}/`;
  for (const name of names) {
    if (!name.startsWith(base)) continue;
    const relative = `${prefix}${name.slice(base.length)}`;
    paths.add(relative);
    if (/\.ya?ml$/.test(name)) files.set(relative, strFromU8(entries[name]!));
  }
  files.set("categories.yaml", stringify({ categories }));
  paths.add("categories.yaml");

  const loaded = loadContent({ files, paths });
  if (!loaded.ok) {
    return {
      ok: false,
      problems: loaded.problems.map((problem) =>
        formatProblem({ ...problem, file: problem.file.startsWith(prefix) ? problem.file.slice(prefix.length) : problem.file }),
      ),
    };
  }
  const course = loaded.catalog.courses[0];
  if (!course) return { ok: false, problems: ["course.yaml:1: (file): describes no course"] };
  return { ok: true, course };
}

/** The one top-level folder that holds `file`, as "folder/"; null when none or several do. */
function folderHolding(names: string[], file: string): string | null {
  const folders = names.filter((name) => /^[^/]+\/[^/]+$/.test(name) && name.endsWith(`/${file}`)).map((name) => name.slice(0, -file.length));
  return folders.length === 1 ? folders[0]! : null;
}

// The check wants the course in a folder named after its slug; a slug that cannot be a folder name
// is reported by the slug's own rule.
function declaredSlug(courseText: string): string {
  try {
    const slug = (parse(courseText) as { slug?: unknown } | null)?.slug;
    if (typeof slug === "string" && /^[^/\s]+$/.test(slug)) return slug;
  } catch {
    // A YAML error is reported by the check.
  }
  return "course";
}

/**
 * Imports a course zip. A new course becomes a draft owned by the importer; a course the actor may
 * edit is updated in place, keeping its status; someone else's slug is refused.
 */
export async function importCourseZip(options: { actor: Actor; zipBase64: string }): Promise<ZipImportResult> {
  const bytes = Buffer.from(options.zipBase64, "base64");
  if (bytes.length === 0) throw new DomainError("BAD_REQUEST", "The uploaded file is empty.");
  if (bytes.length > MAX_ZIP_BYTES) throw new DomainError("BAD_REQUEST", `The zip is larger than ${MAX_ZIP_BYTES / 1024 / 1024} MB.`);
  const categories = await db.category.findMany({ orderBy: { position: "asc" }, select: { slug: true, title: true, description: true } });
  const read = readCourseZip(new Uint8Array(bytes), categories);
  if (!read.ok) return read;
  const { course } = read;

  const report = emptyReport();
  const created = await db.$transaction(async (tx) => {
    const existing = await tx.course.findUnique({
      where: { slug: course.slug },
      select: { id: true, status: true, draft: { select: { courseId: true } }, owners: { where: { userId: options.actor.id }, select: { userId: true } } },
    });
    if (existing && options.actor.role !== "ADMIN" && existing.owners.length === 0) {
      throw new DomainError("CONFLICT", `Another course already uses the slug "${course.slug}"; change the slug in course.yaml and import again.`);
    }
    // The zip would go live over edits nobody has published or discarded yet; losing them silently is worse than asking.
    if (existing?.draft) {
      throw new DomainError("CONFLICT", "This course has unpublished edits in the studio; publish or discard them before importing a zip over it.");
    }
    const status = existing?.status === "PUBLISHED" ? "published" : "draft";
    const courseId = await writeCourse({ course: { ...course, status }, report }, tx);
    if (!existing) await tx.courseOwner.create({ data: { courseId, userId: options.actor.id, role: "OWNER" } });
    return !existing;
  }, COURSE_TRANSACTION);
  return { ok: true, slug: course.slug, created, summary: describeImportReport(report) };
}

/** The course as a zip of its folder (`<slug>/course.yaml`, `<slug>/lessons/*.yaml`), base64. */
export async function exportCourseZip(options: { actor: Actor; slug: string }) {
  const course = await getCourse(options);
  const blocker = courseBlocker("exported", { problemCount: problemCount(course.problems), lessons: course.lessons });
  if (blocker) throw new DomainError("CONFLICT", blocker);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "learnloop-export-"));
  try {
    const { files } = await exportCourse({ slug: course.slug, outDir: dir }, db);
    const entries: Record<string, Uint8Array> = {};
    for (const file of files) entries[`${course.slug}/${path.relative(dir, file).split(path.sep).join("/")}`] = await fs.readFile(file);
    return { filename: `${course.slug}.zip`, zipBase64: Buffer.from(zipSync(entries, { level: 6 })).toString("base64") };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
