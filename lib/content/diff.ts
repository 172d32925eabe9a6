import { SECTION_ITEM_LISTS, type JsonObject, type JsonValue } from "./sections";
import type { SectionType } from "./schema";

// What publishing a course's draft will change for learners: the published course and the draft,
// both in the file format (keys written out), compared field by field. Lessons are matched by id
// (a renamed slug is a changed field, not a removed and an added lesson), sections by type and
// items by key: the same matching the importer does, so what the diff calls "changed" keeps its
// learners' cards, progress and answers, and what it calls "removed" is archived.

/** A course as the studio edits it: its own fields and its lessons, each with the id of its row. */
export type CourseDocument = { fields: JsonObject; lessons: { id: string; file: JsonObject }[] };

export type FieldChange = { field: string; before: string; after: string };
export type Change = "added" | "removed" | "changed";
export type ItemChange = { key: string; label: string; change: Change; fields: FieldChange[] };
export type SectionChange = { type: string; change: Change; fields: FieldChange[]; items: ItemChange[] };
export type LessonChange = { id: string; title: string; change: Change; fields: FieldChange[]; sections: SectionChange[] };
export type CourseDiff = { fields: FieldChange[]; lessons: LessonChange[]; reordered: boolean; count: number };

/** A value as one line of text for the diff view. */
export function displayValue(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((inner) => displayValue(inner)).join(" · ");
  return Object.entries(value)
    .filter(([field]) => field !== "key")
    .map(([field, inner]) => `${field}: ${displayValue(inner)}`)
    .join("; ");
}

function fieldChanges(before: JsonObject, after: JsonObject, skip: readonly string[] = []): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => !skip.includes(field));
  return fields.flatMap((field) => {
    const was = displayValue(before[field]);
    const now = displayValue(after[field]);
    return canonical(before[field]) === canonical(after[field]) ? [] : [{ field, before: was, after: now }];
  });
}

const LABEL_FIELDS = ["title", "term", "front", "prompt", "name", "concept", "text"] as const;

function itemLabel(item: JsonObject): string {
  for (const field of LABEL_FIELDS) {
    const value = item[field];
    if (typeof value === "string" && value.trim()) return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  }
  return String(item.key ?? "");
}

function itemsOf(section: JsonObject): { field: string | null; items: JsonObject[] } {
  const list = SECTION_ITEM_LISTS[section.type as SectionType];
  if (!list) return { field: null, items: [] };
  const items = section[list.field];
  return { field: list.field, items: Array.isArray(items) ? (items as JsonObject[]) : [] };
}

function diffItems(before: JsonObject[], after: JsonObject[]): ItemChange[] {
  const was = new Map(before.map((item) => [String(item.key), item]));
  const changes: ItemChange[] = [];
  for (const item of after) {
    const key = String(item.key);
    const old = was.get(key);
    was.delete(key);
    if (!old) changes.push({ key, label: itemLabel(item), change: "added", fields: [] });
    else {
      const fields = fieldChanges(old, item, ["key"]);
      if (fields.length > 0) changes.push({ key, label: itemLabel(item), change: "changed", fields });
    }
  }
  for (const [key, item] of was) changes.push({ key, label: itemLabel(item), change: "removed", fields: [] });
  return changes;
}

function diffSections(before: JsonObject[], after: JsonObject[]): SectionChange[] {
  const was = new Map(before.map((section) => [String(section.type), section]));
  const changes: SectionChange[] = [];
  for (const section of after) {
    const type = String(section.type);
    const old = was.get(type);
    was.delete(type);
    if (!old) {
      changes.push({ type, change: "added", fields: [], items: [] });
      continue;
    }
    const { field, items } = itemsOf(section);
    const fields = fieldChanges(old, section, ["type", ...(field ? [field] : [])]);
    const itemChanges = diffItems(itemsOf(old).items, items);
    if (fields.length > 0 || itemChanges.length > 0) changes.push({ type, change: "changed", fields, items: itemChanges });
  }
  for (const type of was.keys()) changes.push({ type, change: "removed", fields: [], items: [] });
  return changes;
}

const sectionsOf = (lesson: JsonObject) => (Array.isArray(lesson.sections) ? (lesson.sections as JsonObject[]) : []);

/** Every change that publishing `draft` over `published` makes, and how many there are. */
export function diffCourse(published: CourseDocument, draft: CourseDocument): CourseDiff {
  const fields = fieldChanges(published.fields, draft.fields);
  const was = new Map(published.lessons.map((lesson) => [lesson.id, lesson.file]));
  const lessons: LessonChange[] = [];
  for (const { id, file } of draft.lessons) {
    const old = was.get(id);
    was.delete(id);
    const title = displayValue(file.title);
    if (!old) {
      lessons.push({ id, title, change: "added", fields: [], sections: [] });
      continue;
    }
    const lessonFields = fieldChanges(old, file, ["sections"]);
    const sections = diffSections(sectionsOf(old), sectionsOf(file));
    if (lessonFields.length > 0 || sections.length > 0) lessons.push({ id, title, change: "changed", fields: lessonFields, sections });
  }
  for (const [id, file] of was) lessons.push({ id, title: displayValue(file.title), change: "removed", fields: [], sections: [] });

  const kept = new Set(draft.lessons.map((lesson) => lesson.id));
  const order = (document: CourseDocument) => document.lessons.map((lesson) => lesson.id).filter((id) => kept.has(id) && published.lessons.some((lesson) => lesson.id === id));
  const reordered = order(published).join() !== order(draft).join();

  const count =
    fields.length +
    (reordered ? 1 : 0) +
    lessons.reduce(
      (sum, lesson) =>
        sum +
        (lesson.change === "changed"
          ? lesson.fields.length + lesson.sections.reduce((inner, section) => inner + (section.change === "changed" ? section.fields.length + section.items.length : 1), 0)
          : 1),
      0,
    );
  return { fields, lessons, reordered, count };
}

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
