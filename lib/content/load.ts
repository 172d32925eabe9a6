import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { LAB_PRESETS } from "../ml/presets";
import { findKeyProblems, resolveKey } from "./keys";
import { findUnsafeMarkdown } from "./markdown";
import { measureTokenIssues, sourcesFile, type MeasurementsByBase } from "./measure-tokens";
import {
  categoriesFile,
  courseFile,
  lessonFile,
  SECTION_TYPES,
  type CategoriesFile,
  type CourseFile,
  type LessonFile,
} from "./schema";
import { lessonRecord, SECTION_ITEM_LISTS, type CourseRecord } from "./sections";

// Parses and checks content files without touching the disk: callers pass file paths and texts
// (a ContentSnapshot). Every problem names the file, the line and the field, using the YAML
// parser's source ranges, so `content:check` prints `file.yaml:LINE: field: sentence`.

export type ContentProblem = { file: string; line: number; field: string; message: string };
export type PathSegment = string | number;
export type ContentIssue = { path: PathSegment[]; message: string };

/** `file:LINE: field: sentence`, the file prefixed with `root` when given. */
export function formatProblem(problem: ContentProblem, root = ""): string {
  const file = root ? `${root.replace(/\/+$/, "")}/${problem.file}` : problem.file;
  return `${file}:${problem.line}: ${problem.field}: ${problem.message}`;
}

/** `sections[2].items[0].term`; `(file)` for the document itself. */
export function formatFieldPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return "(file)";
  return path.map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join("");
}

export type ParsedFile<T> = {
  /** The validated content; null when the file has any problem. */
  data: T | null;
  problems: ContentProblem[];
  /** The line of a field (or of its nearest existing parent) in the file. */
  lineOf(path: readonly PathSegment[]): number;
};

/** Parses YAML text and validates it with a schema of lib/content/schema.ts. */
export function parseYamlFile<T>(file: string, text: string, schema: z.ZodType<T>): ParsedFile<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;

  const lineOf = (path: readonly PathSegment[]): number => {
    let node: unknown = doc.contents;
    let line = isNode(node) && node.range ? lineAt(node.range[0]) : 1;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === segment);
        if (!pair) return line;
        if (isNode(pair.key) && pair.key.range) line = lineAt(pair.key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item: unknown = node.items[segment];
        if (!isNode(item)) return line;
        if (item.range) line = lineAt(item.range[0]);
        node = item;
      } else {
        return line;
      }
    }
    return line;
  };

  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      file,
      line: lineAt(error.pos[0]),
      field: "(yaml)",
      message: `is not valid YAML: ${error.message.split("\n")[0]!.replace(/\s+at line \d+, column \d+:?$/, "")}${YAML_HINTS[error.code] ?? ""}`,
    }));
    return { data: null, problems, lineOf };
  }

  const result = schema.safeParse(doc.toJS({ maxAliasCount: 100 }), { error: describeIssue });
  if (result.success) return { data: result.data, problems: [], lineOf };
  const problems = result.error.issues.flatMap((issue): ContentProblem[] => {
    const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== "symbol");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        file,
        line: lineOf([...path, key]),
        field: formatFieldPath([...path, key]),
        message: "is not a known field (misspelled?)",
      }));
    }
    return [{ file, line: lineOf(path), field: formatFieldPath(path), message: issue.message }];
  });
  return { data: null, problems, lineOf };
}

const YAML_HINTS: Partial<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY: ' (put text that contains ": " in quotes)',
  TAB_AS_INDENT: " (indent with spaces)",
};

// Zod's default messages ("Invalid input: expected string, received undefined") rewritten as
// sentences for authors. Messages written in the schema take precedence over these.
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}`;
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "array") return `must have at least ${minimum} ${minimum === 1 ? "item" : "items"}`;
      if (issue.origin === "string") return `must be at least ${minimum} characters`;
      if (minimum === 0) return "must not be negative";
      return issue.inclusive ? `must be at least ${minimum}` : `must be more than ${minimum}`;
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin === "array") return `must have at most ${maximum} ${maximum === 1 ? "item" : "items"}`;
      if (issue.origin === "string") return `must be at most ${maximum} characters`;
      return issue.inclusive ? `must be at most ${maximum}` : `must be less than ${maximum}`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of: ${issue.values.join(", ")}`;
    case "invalid_union": {
      if (!("discriminator" in issue) || !Array.isArray(issue.options)) return undefined;
      const options = issue.options as string[];
      const what = options.includes("summaries") ? "section type" : options.includes("cloze") ? "question type" : "type";
      const value = (issue.input as Record<string, unknown> | undefined)?.[String(issue.discriminator)];
      if (value === undefined) return `is required; the ${what} is one of: ${options.join(", ")}`;
      return `unknown ${what} ${JSON.stringify(value)}; allowed: ${options.join(", ")}`;
    }
    default:
      return undefined;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping of fields",
};

function describeValue(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "text";
  if (typeof value === "number") return Number.isInteger(value) ? "a whole number" : "a number";
  return typeof value === "boolean" ? "true or false" : typeof value;
}

// ── Single files ────────────────────────────────────────────────────────────────────────────────

export function parseCategoriesFile(file: string, text: string): ParsedFile<CategoriesFile> {
  const parsed = parseYamlFile(file, text, categoriesFile);
  if (!parsed.data) return parsed;
  const seen = new Map<string, number>();
  const issues: ContentIssue[] = [];
  parsed.data.categories.forEach((category, index) => {
    const first = seen.get(category.slug);
    if (first === undefined) seen.set(category.slug, index);
    else
      issues.push({
        path: ["categories", index, "slug"],
        message: `category "${category.slug}" is already defined by categories[${first}]`,
      });
  });
  return withIssues(file, parsed, issues);
}

export type CourseContext = {
  /** The course's folder name under courses/; the slug must equal it. */
  folder?: string;
  /** Category slugs of categories.yaml; unchecked when omitted. */
  categories?: readonly string[];
};

export function parseCourseFile(file: string, text: string, context: CourseContext = {}): ParsedFile<CourseFile> {
  const parsed = parseYamlFile(file, text, courseFile);
  return parsed.data ? withIssues(file, parsed, courseIssues(parsed.data, context)) : parsed;
}

/** Rules a valid course file must also follow, beyond its schema. */
export function courseIssues(course: CourseFile, context: CourseContext = {}): ContentIssue[] {
  const issues: ContentIssue[] = [];
  if (context.folder !== undefined && course.slug !== context.folder) {
    issues.push({ path: ["slug"], message: `must match the folder name "${context.folder}"` });
  }
  if (context.categories && !context.categories.includes(course.category)) {
    issues.push({
      path: ["category"],
      message: `unknown category "${course.category}"; categories.yaml defines: ${context.categories.join(", ")}`,
    });
  }
  const seen = new Map<string, number>();
  course.lessons.forEach((lesson, index) => {
    const first = seen.get(lesson);
    if (first === undefined) seen.set(lesson, index);
    else issues.push({ path: ["lessons", index], message: `lesson "${lesson}" is already listed at lessons[${first}]` });
  });
  issues.push(...markdownIssues(course, []));
  return issues;
}

export type LessonContext = {
  /** The lesson's file name without .yaml; the slug must equal it. */
  fileSlug?: string;
  /** Whether a file exists at a path relative to the course folder (for scene audio); unchecked when omitted. */
  courseFileExists?: (relativePath: string) => boolean;
  /** The lab's measurements, to check `{measure: …}` tokens against; unchecked when omitted. */
  measurements?: MeasurementsByBase;
  /** The keys of content/sources.yaml, to check `{cite: …}` tokens against; unchecked when omitted. */
  sourceKeys?: readonly string[];
};

export function parseLessonFile(file: string, text: string, context: LessonContext = {}): ParsedFile<LessonFile> {
  const parsed = parseYamlFile(file, text, lessonFile);
  return parsed.data ? withIssues(file, parsed, lessonIssues(parsed.data, context)) : parsed;
}

const LAB_PRESET_IDS = LAB_PRESETS.map((preset) => preset.id);

/** Rules a valid lesson must also follow, beyond its schema. The studio runs them on edits too. */
export function lessonIssues(lesson: LessonFile, context: LessonContext = {}): ContentIssue[] {
  const issues: ContentIssue[] = [];
  if (context.fileSlug !== undefined && lesson.slug !== context.fileSlug) {
    issues.push({ path: ["slug"], message: `must match the file name "${context.fileSlug}.yaml"` });
  }

  const sectionTypes = lesson.sections.map((section) => section.type);
  lesson.sections.forEach((section, s) => {
    const sectionPath = ["sections", s];
    const first = sectionTypes.indexOf(section.type);
    if (first !== s) {
      issues.push({
        path: [...sectionPath, "type"],
        message: `section type "${section.type}" already appears at sections[${first}]; each type may appear once per lesson`,
      });
    }

    const list = SECTION_ITEM_LISTS[section.type];
    if (list) {
      const items = (section as unknown as Record<string, ({ key?: string } & Record<string, unknown>)[]>)[list.field]!;
      const keyProblems = findKeyProblems(
        items.map((item, index) => ({ index, resolved: resolveKey(list.kind, item) })),
        (index) => `${list.field}[${index}]`,
      );
      for (const problem of keyProblems)
        issues.push({ path: [...sectionPath, list.field, problem.index, problem.field], message: problem.message });
    }

    if (section.type === "lab" && !LAB_PRESET_IDS.includes(section.preset)) {
      issues.push({
        path: [...sectionPath, "preset"],
        message: `unknown lab preset "${section.preset}"; available: ${LAB_PRESET_IDS.join(", ")}`,
      });
    }

    if (section.type === "audio-lesson" && context.courseFileExists) {
      section.scenes.forEach((scene, index) => {
        if (!scene.audio) return;
        const target = normalizeRelativePath(scene.audio);
        const message =
          target === null
            ? "must be a path inside the course folder"
            : context.courseFileExists!(target)
              ? null
              : `file "${scene.audio}" does not exist in the course folder`;
        if (message) issues.push({ path: [...sectionPath, "scenes", index, "audio"], message });
      });
    }

    if (section.type === "quiz") {
      section.questions.forEach((question, q) => {
        const questionPath = [...sectionPath, "questions", q];
        if (question.type === "single-choice" || question.type === "multiple-select") {
          const keyProblems = findKeyProblems(
            question.options.map((option, index) => ({ index, resolved: resolveKey("choice", option) })),
            (index) => `options[${index}]`,
          );
          for (const problem of keyProblems)
            issues.push({ path: [...questionPath, "options", problem.index, problem.field], message: problem.message });
          const correct = question.options.filter((option) => option.correct).length;
          if (question.type === "single-choice" && correct !== 1) {
            issues.push({
              path: [...questionPath, "options"],
              message: `a single-choice question needs exactly one correct option, not ${correct}`,
            });
          }
          if (question.type === "multiple-select" && correct === 0) {
            issues.push({
              path: [...questionPath, "options"],
              message: "a multiple-select question needs at least one correct option",
            });
          }
        }
        if (question.type === "cloze" && !/\[\[[^\][]*[^\][\s][^\][]*\]\]/.test(question.text)) {
          issues.push({ path: [...questionPath, "text"], message: "must contain at least one blank written as [[answer]]" });
        }
        if (question.teaches !== undefined) {
          const taught = question.teaches;
          if (!(SECTION_TYPES as string[]).includes(taught)) {
            issues.push({
              path: [...questionPath, "teaches"],
              message: `"${taught}" is not a section type; allowed: ${SECTION_TYPES.join(", ")}`,
            });
          } else if (!(sectionTypes as string[]).includes(taught)) {
            issues.push({
              path: [...questionPath, "teaches"],
              message: `names a "${taught}" section, which this lesson does not have; it has: ${sectionTypes.join(", ")}`,
            });
          }
        }
      });
    }
  });

  issues.push(...markdownIssues(lesson, []));
  issues.push(...tokenIssues(lesson, [], context));
  return issues;
}

function tokenIssues(value: unknown, path: PathSegment[], context: LessonContext): ContentIssue[] {
  if (typeof value === "string") return measureTokenIssues(value, context.measurements, context.sourceKeys).map((message) => ({ path, message }));
  if (Array.isArray(value)) return value.flatMap((item, index) => tokenIssues(item, [...path, index], context));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => tokenIssues(item, [...path, key], context));
  return [];
}

// Every text field is checked, not only the ones typed as Markdown: the lesson pages may render
// any of them through the Markdown component.
function markdownIssues(value: unknown, path: PathSegment[]): ContentIssue[] {
  if (typeof value === "string") return findUnsafeMarkdown(value).map((message) => ({ path, message }));
  if (Array.isArray(value)) return value.flatMap((item, index) => markdownIssues(item, [...path, index]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, item]) => markdownIssues(item, [...path, key]));
  return [];
}

function withIssues<T>(file: string, parsed: ParsedFile<T>, issues: ContentIssue[]): ParsedFile<T> {
  if (issues.length === 0) return parsed;
  const problems = issues.map((issue) => ({
    file,
    line: parsed.lineOf(issue.path),
    field: formatFieldPath(issue.path),
    message: issue.message,
  }));
  return { data: null, problems, lineOf: parsed.lineOf };
}

/** `a/./b/../c` → `a/c`; null when the path is absolute or climbs out of its base. */
function normalizeRelativePath(relative: string): string | null {
  if (relative.startsWith("/")) return null;
  const parts: string[] = [];
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join("/");
}

// ── A whole content tree ────────────────────────────────────────────────────────────────────────

/**
 * A content folder as data: `files` maps the path (relative to the content root, with `/`) of every
 * .yaml/.yml file to its text; `paths` lists every file, YAML or not (audio, images).
 */
export type ContentSnapshot = {
  files: ReadonlyMap<string, string>;
  paths: ReadonlySet<string>;
  /** The lab's measurements files by base model, for `{measure: …}` tokens (unchecked when absent). */
  measurements?: MeasurementsByBase;
};

export type ContentCategory = { slug: string; title: string; description: string; position: number };
export type ContentCatalog = { categories: ContentCategory[]; courses: CourseRecord[] };
export type ContentStats = { courses: number; lessons: number; items: number };

export type LoadedContent =
  | { ok: true; catalog: ContentCatalog; stats: ContentStats; problems: [] }
  | { ok: false; catalog: null; stats: null; problems: ContentProblem[] };

const CATEGORIES = "categories.yaml";
/** Sources that lessons cite with {cite: <key>} (optional). */
export const SOURCES = "sources.yaml";

/** Validates a whole content tree: every file, and how the files fit together. */
export function loadContent(snapshot: ContentSnapshot): LoadedContent {
  const problems: ContentProblem[] = [];
  const folders = [
    ...new Set([...snapshot.paths].map((p) => /^courses\/([^/]+)\//.exec(p)?.[1]).filter((f): f is string => !!f)),
  ].sort();

  let categories: ContentCategory[] = [];
  const categoriesText = snapshot.files.get(CATEGORIES);
  if (categoriesText === undefined) {
    if (folders.length > 0)
      problems.push({
        file: CATEGORIES,
        line: 1,
        field: "(file)",
        message: "is missing; it defines the categories courses may use",
      });
  } else {
    const parsed = parseCategoriesFile(CATEGORIES, categoriesText);
    problems.push(...parsed.problems);
    categories = (parsed.data?.categories ?? []).map((category, position) => ({ ...category, position }));
  }
  // Without a valid categories.yaml every course would name an unknown category: one problem is enough.
  const categorySlugs = categories.length > 0 ? categories.map((c) => c.slug) : undefined;

  let sourceKeys: string[] | undefined;
  const sourcesText = snapshot.files.get(SOURCES);
  if (sourcesText !== undefined) {
    const parsed = parseYamlFile(SOURCES, sourcesText, sourcesFile);
    problems.push(...parsed.problems);
    sourceKeys = parsed.data?.sources.map((s) => s.key);
  } else {
    sourceKeys = [];
  }

  const courses: CourseRecord[] = [];
  for (const folder of folders) {
    const base = `courses/${folder}`;
    const coursePath = `${base}/course.yaml`;
    const courseText = snapshot.files.get(coursePath);
    const lessonPaths = [...snapshot.paths]
      .filter((p) => p.startsWith(`${base}/lessons/`) && !p.slice(`${base}/lessons/`.length).includes("/"))
      .sort();
    if (courseText === undefined) {
      problems.push({
        file: coursePath,
        line: 1,
        field: "(file)",
        message: "is missing; every folder under courses/ is a course",
      });
      continue;
    }
    // The schema first, then the rules: a course.yaml that breaks a rule (say, an unknown category)
    // still lists its lessons, which are worth checking in the same run.
    const course = parseYamlFile(coursePath, courseText, courseFile);
    problems.push(...course.problems);
    const courseProblems = course.data
      ? withIssues(coursePath, course, courseIssues(course.data, { folder, categories: categorySlugs })).problems
      : [];
    problems.push(...courseProblems);
    const listed = course.data?.lessons ?? [];

    const lessonContext = (fileSlug: string): LessonContext => ({
      fileSlug,
      courseFileExists: (relative) => snapshot.paths.has(`${base}/${relative}`),
      measurements: snapshot.measurements,
      sourceKeys,
    });
    for (const lessonPath of lessonPaths) {
      const name = lessonPath.slice(`${base}/lessons/`.length);
      if (!name.endsWith(".yaml")) {
        if (name.endsWith(".yml"))
          problems.push({ file: lessonPath, line: 1, field: "(file)", message: "lesson files must end in .yaml" });
        continue;
      }
      const fileSlug = name.slice(0, -".yaml".length);
      if (listed.includes(fileSlug)) continue;
      if (course.data)
        problems.push({ file: lessonPath, line: 1, field: "(file)", message: `is not listed in ${coursePath}'s lessons` });
      else problems.push(...parseLessonFile(lessonPath, snapshot.files.get(lessonPath) ?? "", lessonContext(fileSlug)).problems);
    }

    const lessons = listed.map((slug, index) => {
      const lessonPath = `${base}/lessons/${slug}.yaml`;
      const text = snapshot.files.get(lessonPath);
      if (text === undefined) {
        problems.push({
          file: coursePath,
          line: course.lineOf(["lessons", index]),
          field: `lessons[${index}]`,
          message: `lesson "${slug}" has no file lessons/${slug}.yaml`,
        });
        return null;
      }
      const lesson = parseLessonFile(lessonPath, text, lessonContext(slug));
      problems.push(...lesson.problems);
      return lesson.data;
    });
    if (!course.data || courseProblems.length > 0 || lessons.some((lesson) => lesson === null)) continue;
    const { lessons: _slugs, ...courseFields } = course.data;
    courses.push({ ...courseFields, lessons: (lessons as LessonFile[]).map(lessonRecord) });
  }

  if (problems.length > 0) {
    problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    return { ok: false, catalog: null, stats: null, problems };
  }
  const lessonCount = courses.reduce((sum, course) => sum + course.lessons.length, 0);
  const itemCount = courses.reduce(
    (sum, course) =>
      sum + course.lessons.reduce((n, lesson) => n + lesson.sections.reduce((m, section) => m + section.items.length, 0), 0),
    0,
  );
  return {
    ok: true,
    catalog: { categories, courses },
    stats: { courses: courses.length, lessons: lessonCount, items: itemCount },
    problems: [],
  };
}
