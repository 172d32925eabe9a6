import type { ReactNode } from "react";
import { AddToFlashcards } from "@/app/_components/add-to-flashcards";

/**
 * One card-like item of a lesson (a key concept, example, memory aid, glossary entry or flashcard),
 * carrying its content item id and stable key: per-item controls (such as adding the item to the
 * learner's flashcards) attach here, beside the item, without each section knowing about them.
 */
export function ContentCard({
  itemId,
  itemKey,
  as: Tag = "div",
  className,
  flashcard,
  children,
}: {
  itemId: string;
  itemKey: string;
  as?: "div" | "li";
  className?: string;
  /** The item's name, when it can become one of the learner's flashcards (enrolled learners only). */
  flashcard?: string | null;
  children: ReactNode;
}) {
  return (
    <Tag data-item-id={itemId} data-item-key={itemKey} className={className}>
      {children}
      {flashcard ? (
        <div className="mt-2">
          <AddToFlashcards contentItemId={itemId} label={flashcard} />
        </div>
      ) : null}
    </Tag>
  );
}
