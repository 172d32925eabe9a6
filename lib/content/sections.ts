import { resolveKey, type KeyedKind } from "./keys";
import type { CourseFile, LessonFile, Section, SectionType } from "./schema";

// How the file format maps to database rows: a section becomes one LessonSection (its fields minus
// `type` and its item list, as `data`) plus one ContentItem per keyed item (the item minus `key`).
// `joinSection` is the inverse, used by the exporter and the studio.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type ItemKind = Exclude<KeyedKind, "choice">;
export const ITEM_KINDS: readonly ItemKind[] = [
  "scene",
  "chapter",
  "key-concept",
  "example",
  "memory-aid",
  "glossary",
  "flashcard",
  "question",
];

type ItemList = { field: "scenes" | "chapters" | "items" | "questions"; kind: ItemKind };

/** Where each section type keeps its keyed items; null for sections without items. */
export const SECTION_ITEM_LISTS: Record<SectionType, ItemList | null> = {
  "audio-lesson": { field: "scenes", kind: "scene" },
  summaries: null,
  audiobook: { field: "chapters", kind: "chapter" },
  "key-concepts": { field: "items", kind: "key-concept" },
  examples: { field: "items", kind: "example" },
  "memory-aids": { field: "items", kind: "memory-aid" },
  glossary: { field: "items", kind: "glossary" },
  flashcards: { field: "items", kind: "flashcard" },
  quiz: { field: "questions", kind: "question" },
  lab: null,
};

export type ItemRecord = { key: string; kind: ItemKind; data: JsonObject };
export type SectionRecord = { type: SectionType; data: JsonObject; items: ItemRecord[] };
export type LessonRecord = Omit<LessonFile, "sections"> & { sections: SectionRecord[] };
export type CourseRecord = Omit<CourseFile, "lessons"> & { lessons: LessonRecord[] };

/** Splits a validated section into its row data and keyed items. Throws on an underivable key. */
export function splitSection(section: Section): SectionRecord {
  const list = SECTION_ITEM_LISTS[section.type];
  const { type, ...rest } = toJson(section) as JsonObject & { type: SectionType };
  if (!list) return { type, data: rest, items: [] };
  const { [list.field]: rawItems, ...data } = rest;
  const items = (rawItems as JsonObject[]).map((raw): ItemRecord => {
    const { key: _key, ...itemData } = raw;
    if (list.kind === "question" && Array.isArray(itemData.options)) {
      itemData.options = (itemData.options as JsonObject[]).map((option) => {
        const { key: _optionKey, ...optionData } = option;
        return { key: requireKey("choice", option), ...optionData };
      });
    }
    return { key: requireKey(list.kind, raw), kind: list.kind, data: itemData };
  });
  return { type, data, items };
}

/** The section as the file writes it (every key explicit), ready for `sectionSchema`. */
export function joinSection(record: SectionRecord): JsonObject {
  const list = SECTION_ITEM_LISTS[record.type];
  if (!list) return { type: record.type, ...record.data };
  return { type: record.type, ...record.data, [list.field]: record.items.map((item) => ({ key: item.key, ...item.data })) };
}

export function lessonRecord(lesson: LessonFile): LessonRecord {
  return { ...lesson, sections: lesson.sections.map(splitSection) };
}

function requireKey(kind: KeyedKind, item: JsonObject): string {
  const resolved = resolveKey(kind, item as { key?: string });
  if (!resolved.ok) throw new Error(`A ${kind} has no usable key: ${resolved.message}.`);
  return resolved.key;
}

/** A deep copy as plain JSON: drops undefined fields, which JSON columns cannot hold. */
export function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** A section row and its item rows, as the database stores them (JSON columns untyped). */
export type SectionRow = { type: string; data: unknown; items: { key: string; kind: string; data: unknown }[] };

/** `joinSection` for rows read from the database. */
export function joinSectionRow(row: SectionRow): JsonObject {
  return joinSection({
    type: row.type as SectionType,
    data: row.data as JsonObject,
    items: row.items.map((item) => ({ key: item.key, kind: item.kind as ItemKind, data: item.data as JsonObject })),
  });
}
