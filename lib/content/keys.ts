// Stable keys for content items. An item without an explicit `key` gets one derived from the field
// that identifies it, so re-imports find it again; editing that field therefore changes the key
// unless the author pins it with an explicit `key` (the exporter always writes keys out).

export const MAX_KEY_LENGTH = 80;

/** Lowercase ASCII words joined by hyphens, at most 80 characters; "" when nothing is left. */
export function slugifyKey(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return words.slice(0, MAX_KEY_LENGTH).replace(/-+$/, "");
}

/** The field each kind of item derives its key from. */
export const KEY_SOURCE_FIELD = {
  scene: "title",
  chapter: "title",
  "key-concept": "term",
  example: "title",
  "memory-aid": "title",
  glossary: "term",
  flashcard: "front",
  question: "prompt",
  choice: "text",
} as const;

export type KeyedKind = keyof typeof KEY_SOURCE_FIELD;

export type ResolvedKey =
  | { ok: true; key: string; explicit: boolean; field: "key" | (typeof KEY_SOURCE_FIELD)[KeyedKind] }
  | { ok: false; field: (typeof KEY_SOURCE_FIELD)[KeyedKind]; message: string };

/** The item's explicit key, or the one derived from its identifying field. */
export function resolveKey(kind: KeyedKind, item: { key?: string } & Record<string, unknown>): ResolvedKey {
  if (item.key) return { ok: true, key: item.key, explicit: true, field: "key" };
  const field = KEY_SOURCE_FIELD[kind];
  const source = item[field];
  const key = typeof source === "string" ? slugifyKey(source) : "";
  if (!key) return { ok: false, field, message: `cannot derive a key from this ${field}; add an explicit key` };
  return { ok: true, key, explicit: false, field };
}

export type KeyedEntry = { index: number; resolved: ResolvedKey };

/**
 * Problems with the keys of one list (a section's items, a question's options): underivable keys
 * and duplicates. A duplicate is an error rather than silently suffixed: a suffix would depend on
 * the order of items, and reordering them would then swap learners' progress between items.
 */
export function findKeyProblems(
  entries: KeyedEntry[],
  label: (index: number) => string,
): { index: number; field: string; message: string }[] {
  const problems: { index: number; field: string; message: string }[] = [];
  const firstByKey = new Map<string, number>();
  for (const { index, resolved } of entries) {
    if (!resolved.ok) {
      problems.push({ index, field: resolved.field, message: resolved.message });
      continue;
    }
    const first = firstByKey.get(resolved.key);
    if (first === undefined) {
      firstByKey.set(resolved.key, index);
    } else if (resolved.explicit) {
      problems.push({ index, field: "key", message: `key "${resolved.key}" is already used by ${label(first)}` });
    } else {
      problems.push({
        index,
        field: resolved.field,
        message: `derived key "${resolved.key}" is already used by ${label(first)}; give one of them an explicit key`,
      });
    }
  }
  return problems;
}
