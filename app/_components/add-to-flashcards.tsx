"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../_trpc/client";
import { errorMessage } from "../_trpc/errors";
import { Check } from "lucide-react";

/**
 * "Add to my flashcards" for one card-like lesson item (flashcard, glossary term, key concept,
 * memory aid). `label` names the item for screen readers ("Add Epoch to my flashcards"). Adding is
 * idempotent on the server; once the card is in the collection the control says so.
 */
export function AddToFlashcards({ contentItemId, label }: { contentItemId: string; label: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inCollection = useQuery(trpc.review.inCollection.queryOptions({ contentItemIds: [contentItemId] }));
  const add = useMutation(
    trpc.review.addItem.mutationOptions({
      onSuccess: () => Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.review.inCollection.queryKey({ contentItemIds: [contentItemId] }) }),
        queryClient.invalidateQueries({ queryKey: trpc.review.queue.pathKey() }),
      ]),
    }),
  );
  const added = add.isSuccess || Boolean(inCollection.data?.includes(contentItemId));

  return (
    <span className="inline-flex flex-col gap-1">
      {added ? (
        <span className="inline-flex items-center gap-1 text-sm text-green-800 dark:text-green-300">
          <Check aria-hidden="true" className="h-4 w-4" /> In your flashcards
        </span>
      ) : (
        <button
          type="button"
          onClick={() => add.mutate({ contentItemId })}
          disabled={add.isPending || inCollection.isPending}
          aria-label={`Add ${label} to my flashcards`}
          className="inline-flex items-center rounded-md border border-slate-300 px-2 py-1 text-sm font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          {add.isPending ? "Adding…" : "Add to my flashcards"}
        </button>
      )}
      <span role="status" aria-live="polite" className={add.isError ? "text-sm text-red-700 dark:text-red-400" : "sr-only"}>
        {add.isError ? errorMessage(add.error) : add.isSuccess ? `${label} added to your flashcards.` : ""}
      </span>
    </span>
  );
}
