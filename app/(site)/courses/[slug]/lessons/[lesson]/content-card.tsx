import type { ReactNode } from "react";

/**
 * One card-like item of a lesson (a key concept, example, memory aid, glossary entry or flashcard),
 * carrying its content item id and stable key: per-item controls (such as adding the item to the
 * learner's flashcards) attach here, beside the item, without each section knowing about them.
 */
export function ContentCard({ itemId, itemKey, as: Tag = "div", className, children }: { itemId: string; itemKey: string; as?: "div" | "li"; className?: string; children: ReactNode }) {
  return (
    <Tag data-item-id={itemId} data-item-key={itemKey} className={className}>
      {children}
    </Tag>
  );
}
