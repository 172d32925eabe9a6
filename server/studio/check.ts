import { stringify } from "yaml";
import type { z } from "zod";
import { courseIssues, formatFieldPath, lessonIssues, parseYamlFile, type ContentIssue } from "@/lib/content/load";
import { courseFile, lessonFile, type CourseFile, type LessonFile } from "@/lib/content/schema";
import { joinSectionRow, type JsonObject } from "@/lib/content/sections";

// The studio's checks are `content:check`'s, word for word: an edit is written out as the YAML an
// author would have typed and parsed back through lib/content/load.ts, so a field left empty in a
// form gets the same sentence as a field left empty in a file. Problems are keyed by field path
// (`sections[2].items[0].term`), which the editor's fields use to show them inline.

/** Problems by field path, as `formatFieldPath` writes it; `(file)` for the whole document. */
export type FieldProblems = Record<string, string[]>;

export type Checked<T> = { ok: true; data: T; problems: FieldProblems } | { ok: false; data: null; problems: FieldProblems };

/** The course's own fields: everything but its lesson list and status, which the studio manages. */
export const courseFieldsFile = courseFile.omit({ lessons: true, status: true });
export type CourseFields = Omit<CourseFile, "lessons" | "status">;

/** What creating a course asks for; the other fields start empty and are filled in the editor. */
export const newCourseFile = courseFile.pick({ slug: true, title: true, category: true, level: true });
export type NewCourse = Pick<CourseFile, "slug" | "title" | "category" | "level">;

/** What adding a lesson asks for. */
export const newLessonFile = lessonFile.pick({ slug: true, title: true });

export function problemCount(problems: FieldProblems): number {
  return Object.values(problems).reduce((sum, messages) => sum + messages.length, 0);
}

export function addProblem(problems: FieldProblems, field: string, message: string): FieldProblems {
  return { ...problems, [field]: [...(problems[field] ?? []), message] };
}

function collect(entries: { field: string; message: string }[]): FieldProblems {
  return entries.reduce<FieldProblems>((problems, entry) => addProblem(problems, entry.field, entry.message), {});
}

function fromIssues(issues: ContentIssue[]): FieldProblems {
  return collect(issues.map((issue) => ({ field: formatFieldPath(issue.path), message: issue.message })));
}

/** Validates any value with a schema of the content format, with content:check's sentences. */
function checkWith<T>(file: string, value: unknown, schema: z.ZodType<T>): Checked<T> {
  // aliasDuplicateObjects: a value reached twice is written twice, never as a YAML alias.
  const text = stringify(value ?? null, { lineWidth: 0, aliasDuplicateObjects: false });
  const parsed = parseYamlFile(file, text, schema);
  if (!parsed.data) return { ok: false, data: null, problems: collect(parsed.problems) };
  return { ok: true, data: parsed.data, problems: {} };
}

function withRules<T>(checked: Checked<T>, rules: (data: T) => ContentIssue[]): Checked<T> {
  if (!checked.ok) return checked;
  const problems = fromIssues(rules(checked.data));
  return problemCount(problems) > 0 ? { ok: false, data: null, problems } : checked;
}

/** A lesson as the editor sends it (a lessonFile, possibly incomplete). */
export function checkLesson(value: unknown): Checked<LessonFile> {
  return withRules(checkWith("lesson.yaml", value, lessonFile), (lesson) => lessonIssues(lesson));
}

/** The course's own fields, checked against the site's categories. */
export function checkCourseFields(value: unknown, categories: readonly string[]): Checked<CourseFields> {
  return withRules(checkWith("course.yaml", value, courseFieldsFile), (fields) =>
    courseIssues({ ...fields, lessons: [] }, { categories }),
  );
}

export function checkNewCourse(value: unknown, categories: readonly string[]): Checked<NewCourse> {
  return withRules(checkWith("course.yaml", value, newCourseFile), (fields) =>
    courseIssues(
      { ...fields, summary: "", description: "", estimatedMinutes: 1, authors: [], tags: [], addAllCardsOnEnroll: false, lessons: [] },
      { categories },
    ),
  );
}

export function checkNewLesson(value: unknown): Checked<Pick<LessonFile, "slug" | "title">> {
  return checkWith("lesson.yaml", value, newLessonFile);
}

/** The message content:check gives a lesson listed twice, for a lesson slug already in use. */
export function duplicateLessonMessage(slug: string, index: number): string {
  return `lesson "${slug}" is already listed at lessons[${index}]`;
}

// ── Rows → file format ──────────────────────────────────────────────────────────────────────────

type LessonRows = {
  slug: string;
  title: string;
  summary: string;
  objectives: string[];
  estimatedMinutes: number;
  sections: { type: string; data: unknown; items: { key: string; kind: string; data: unknown }[] }[];
};

/** A stored lesson in the file format, every item's key written out, whether or not it is complete yet. */
export function lessonFromRows(lesson: LessonRows): JsonObject {
  return {
    slug: lesson.slug,
    title: lesson.title,
    summary: lesson.summary,
    objectives: lesson.objectives,
    estimatedMinutes: lesson.estimatedMinutes,
    sections: lesson.sections.map(joinSectionRow),
  };
}

type CourseRow = {
  slug: string;
  title: string;
  categorySlug: string;
  level: string;
  summary: string;
  description: string;
  estimatedMinutes: number;
  coverImage: string | null;
  authors: string[];
  tags: string[];
  addAllCardsOnEnroll: boolean;
};

/** A stored course's own fields in the file format. */
export function courseFieldsFromRow(course: CourseRow): JsonObject {
  return {
    slug: course.slug,
    title: course.title,
    category: course.categorySlug,
    level: course.level,
    summary: course.summary,
    description: course.description,
    estimatedMinutes: course.estimatedMinutes,
    ...(course.coverImage ? { coverImage: course.coverImage } : {}),
    authors: course.authors,
    tags: course.tags,
    addAllCardsOnEnroll: course.addAllCardsOnEnroll,
  };
}

/** "1 problem", "3 problems". */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * Why a course cannot be published (or exported) yet, as one sentence; null when it can. A course
 * needs a lesson, complete details and complete lessons.
 */
export function courseBlocker(
  what: "published" | "exported",
  course: { problemCount: number; lessons: { title: string; problemCount: number }[] },
): string | null {
  if (course.lessons.length === 0) return `This course cannot be ${what} yet: it has no lesson. Add one first.`;
  const parts = [
    ...(course.problemCount > 0 ? [`the course details have ${countOf(course.problemCount, "problem")}`] : []),
    ...course.lessons
      .filter((lesson) => lesson.problemCount > 0)
      .map((lesson) => `lesson "${lesson.title}" has ${countOf(lesson.problemCount, "problem")}`),
  ];
  if (parts.length === 0) return null;
  const listed = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `This course cannot be ${what} yet: ${listed}. Fix them in the editor first.`;
}
