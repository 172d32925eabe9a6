import { SECTION_ITEM_LISTS } from "../content/sections";
import type { SectionType } from "../content/schema";

// Which lesson items become flashcards, and what each side shows. The text is read from the item
// on every request (never copied into the card), so a re-import that fixes a definition updates the
// card and keeps its schedule.

export const CARD_ITEM_KINDS = ["flashcard", "glossary", "key-concept", "memory-aid"] as const;
export type CardItemKind = (typeof CARD_ITEM_KINDS)[number];

export type CardFace = { front: string; back: string; kindLabel: string };

const KIND_LABEL: Record<CardItemKind, string> = { flashcard: "Flashcard", glossary: "Glossary", "key-concept": "Key concept", "memory-aid": "Memory aid" };

export function isCardItemKind(kind: string): kind is CardItemKind {
  return (CARD_ITEM_KINDS as readonly string[]).includes(kind);
}

/** The section type that holds items of a card kind, for links back to the lesson (#section-<type>). */
export function sectionTypeOf(kind: CardItemKind): SectionType {
  const entry = Object.entries(SECTION_ITEM_LISTS).find(([, list]) => list?.kind === kind);
  return entry![0] as SectionType;
}

const str = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * The card an item makes, or null when it makes none (not a card kind, or an author turned it off
 * with `card: false`). Fronts and backs are plain text or Markdown as the item holds them.
 */
export function cardFaceOf(kind: string, data: unknown): CardFace | null {
  if (!isCardItemKind(kind) || typeof data !== "object" || data === null) return null;
  const item = data as Record<string, unknown>;
  if (item.card === false) return null;
  const label = KIND_LABEL[kind];
  switch (kind) {
    case "flashcard":
      return { front: str(item.front), back: str(item.back), kindLabel: label };
    case "glossary":
      return { front: str(item.term), back: str(item.definition), kindLabel: label };
    case "key-concept":
      return { front: str(item.term), back: str(item.explanation), kindLabel: label };
    case "memory-aid": {
      const explanation = str(item.explanation);
      return { front: str(item.title), back: explanation ? `${str(item.text)}\n\n${explanation}` : str(item.text), kindLabel: `${label} (${str(item.kind)})` };
    }
  }
}
