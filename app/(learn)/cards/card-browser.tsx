"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";

const STATES = [
  { value: "", label: "Any state" },
  { value: "NEW", label: "New" },
  { value: "LEARNING", label: "Learning" },
  { value: "REVIEW", label: "Review" },
  { value: "RELEARNING", label: "Relearning" },
] as const;
const SORTS = [
  { value: "due", label: "Due date" },
  { value: "created", label: "Date added" },
  { value: "front", label: "Front text" },
  { value: "lapses", label: "Lapses" },
  { value: "interval", label: "Interval" },
] as const;
const PAGE_SIZE = 50;

type State = "" | "NEW" | "LEARNING" | "REVIEW" | "RELEARNING";
type Sort = (typeof SORTS)[number]["value"];

const selectClass = "block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-600 dark:bg-slate-900";
const stateLabel: Record<Exclude<State, "">, string> = { NEW: "New", LEARNING: "Learning", REVIEW: "Review", RELEARNING: "Relearning" };

/** Plain text of a card side for the table: Markdown marks removed, one line. */
const preview = (text: string) => text.replace(/[*_`#>]/g, "").replace(/\s+/g, " ").trim().slice(0, 140);

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The card browser: a search box over both sides, filters (deck or course, state, due, suspended,
 * own or course cards), a sort and pages of 50; each row can be suspended, edited (own notes) or
 * deleted (own cards). Decks are created and opened in Learn mode from the panel above the table.
 */
export function CardBrowser({ initialDeckId }: { initialDeckId?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const [query, setQuery] = useState("");
  const [source, setSource] = useState(initialDeckId ? `deck:${initialDeckId}` : "");
  const [state, setState] = useState<State>("");
  const [due, setDue] = useState(false);
  const [suspended, setSuspended] = useState<"" | "yes" | "no">("");
  const [origin, setOrigin] = useState<"" | "own" | "course">("");
  const [sort, setSort] = useState<Sort>("due");
  const [direction, setDirection] = useState<"asc" | "desc">("asc");
  const [page, setPage] = useState(1);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [newDeck, setNewDeck] = useState("");
  const search = useDebounced(query, 250);

  const [kind, sourceId] = source.split(":") as [string, string | undefined];
  const input = {
    query: search.trim() || undefined,
    deckId: kind === "deck" ? sourceId : undefined,
    courseId: kind === "course" ? sourceId : undefined,
    state: state || undefined,
    due: due || undefined,
    suspended: suspended === "" ? undefined : suspended === "yes",
    origin: origin || undefined,
    sort,
    direction,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery(trpc.review.browser.list.queryOptions(input, { placeholderData: (previous) => previous }));
  const facets = useQuery(trpc.review.browser.facets.queryOptions());
  const decks = useQuery(trpc.review.decks.list.queryOptions());

  const refresh = async () => {
    // A first load still in flight would be awaited rather than repeated by the invalidation below
    // (and would answer with the list from before the change): cancel it first.
    await queryClient.cancelQueries({ queryKey: trpc.review.decks.pathKey() });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.review.browser.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.review.decks.pathKey() }),
    ]);
  };
  const suspend = useMutation(
    trpc.review.suspend.mutationOptions({
      onSuccess: async (result) => {
        setMessage({ tone: "success", text: result.suspended ? "Card suspended: it stays out of reviews until you unsuspend it." : "Card unsuspended." });
        await refresh();
      },
      onError: (error) => setMessage({ tone: "error", text: errorMessage(error) }),
    }),
  );
  const remove = useMutation(
    trpc.review.browser.deleteCard.mutationOptions({
      onSuccess: async (result) => {
        setMessage({ tone: "success", text: result.deletedCards === 1 ? "Card deleted." : `Note deleted with its ${result.deletedCards} cards.` });
        await refresh();
      },
      onError: (error) => setMessage({ tone: "error", text: errorMessage(error) }),
    }),
  );
  const createDeck = useMutation(
    trpc.review.decks.create.mutationOptions({
      onSuccess: async (deck) => {
        setNewDeck("");
        await queryClient.cancelQueries({ queryKey: trpc.review.decks.pathKey() });
        // Shown at once, whatever the refetch below brings.
        queryClient.setQueryData(trpc.review.decks.list.queryKey(), (decks) =>
          [...(decks ?? []).filter((other) => other.id !== deck.id), { ...deck, cardCount: 0 }].sort((a, b) => a.name.localeCompare(b.name)),
        );
        setMessage({ tone: "success", text: `Deck “${deck.name}” created.` });
        await refresh();
      },
      onError: (error) => setMessage({ tone: "error", text: errorMessage(error) }),
    }),
  );

  const filterChanged = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(1);
  };
  const data = list.data;

  return (
    <div className="space-y-6">
      <section aria-labelledby={`${ids}-decks`} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <h2 id={`${ids}-decks`} className="text-lg font-semibold">Your decks</h2>
        {decks.isPending ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Loading your decks…</p>
        ) : decks.data?.length ? (
          <ul className="flex flex-wrap gap-3">
            {decks.data.map((deck) => (
              <li key={deck.id} className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-700">
                <span className="font-medium">{deck.name}</span>
                <span className="text-slate-600 dark:text-slate-400">{deck.cardCount === 1 ? "1 card" : `${deck.cardCount} cards`}</span>
                <Link className="text-brand-600 underline underline-offset-2 dark:text-brand-100" href={`/cards/new?deck=${deck.id}`} aria-label={`Add a note to ${deck.name}`}>Add</Link>
                <Link className="text-brand-600 underline underline-offset-2 dark:text-brand-100" href={`/cards/learn/${deck.id}`} aria-label={`Learn ${deck.name}`}>Learn</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">You have no decks of your own yet. Create one to write cards.</p>
        )}
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (newDeck.trim()) createDeck.mutate({ name: newDeck });
          }}
        >
          <div className="space-y-1">
            <label htmlFor={`${ids}-new-deck`} className="block text-sm font-medium">New deck name</label>
            <input id={`${ids}-new-deck`} value={newDeck} maxLength={80} onChange={(event) => setNewDeck(event.target.value)} className={selectClass} />
          </div>
          <Button type="submit" variant="secondary" disabled={createDeck.isPending || !newDeck.trim()}>Create deck</Button>
          <Link href="/cards/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">Add a card</Link>
        </form>
      </section>

      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}

      <div role="search" aria-label="Find cards" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor={`${ids}-q`} className="block text-sm font-medium">Search front and back</label>
          <input id={`${ids}-q`} type="search" value={query} maxLength={200} onChange={(event) => filterChanged(setQuery)(event.target.value)} className={selectClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor={`${ids}-source`} className="block text-sm font-medium">Deck or course</label>
          <select id={`${ids}-source`} value={source} onChange={(event) => filterChanged(setSource)(event.target.value)} className={selectClass}>
            <option value="">All decks and courses</option>
            {facets.data?.decks.length ? (
              <optgroup label="Your decks">
                {facets.data.decks.map((deck) => <option key={deck.id} value={`deck:${deck.id}`}>{deck.name}</option>)}
              </optgroup>
            ) : null}
            {facets.data?.courses.length ? (
              <optgroup label="Courses">
                {facets.data.courses.map((course) => <option key={course.id} value={`course:${course.id}`}>{course.title}</option>)}
              </optgroup>
            ) : null}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${ids}-state`} className="block text-sm font-medium">State</label>
          <select id={`${ids}-state`} value={state} onChange={(event) => filterChanged(setState)(event.target.value as State)} className={selectClass}>
            {STATES.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${ids}-origin`} className="block text-sm font-medium">Cards</label>
          <select id={`${ids}-origin`} value={origin} onChange={(event) => filterChanged(setOrigin)(event.target.value as "" | "own" | "course")} className={selectClass}>
            <option value="">Own and course cards</option>
            <option value="own">Own cards only</option>
            <option value="course">Course cards only</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${ids}-suspended`} className="block text-sm font-medium">Suspended</label>
          <select id={`${ids}-suspended`} value={suspended} onChange={(event) => filterChanged(setSuspended)(event.target.value as "" | "yes" | "no")} className={selectClass}>
            <option value="">Suspended or not</option>
            <option value="yes">Suspended only</option>
            <option value="no">Not suspended</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${ids}-sort`} className="block text-sm font-medium">Sort by</label>
          <div className="flex gap-2">
            <select id={`${ids}-sort`} value={sort} onChange={(event) => filterChanged(setSort)(event.target.value as Sort)} className={selectClass}>
              {SORTS.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
            </select>
            <label className="sr-only" htmlFor={`${ids}-direction`}>Sort direction</label>
            <select id={`${ids}-direction`} value={direction} onChange={(event) => filterChanged(setDirection)(event.target.value as "asc" | "desc")} className={selectClass}>
              <option value="asc">Ascending</option>
              <option value="desc">Descending</option>
            </select>
          </div>
        </div>
        <div className="flex items-end">
          <label className="inline-flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" checked={due} onChange={(event) => filterChanged(setDue)(event.target.checked)} className="h-4 w-4" />
            Due today
          </label>
        </div>
      </div>

      <p role="status" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {list.isLoading ? "Loading cards…" : data ? `${data.total} ${data.total === 1 ? "card" : "cards"}${data.pageCount > 1 ? ` · page ${data.page} of ${data.pageCount}` : ""}` : ""}
      </p>
      {list.error ? <Alert>{errorMessage(list.error)}</Alert> : null}

      {data?.cards.length ? (
        <div className="overflow-x-auto" tabIndex={0} aria-label="Cards table, scrollable">
          <table className="min-w-full border-collapse text-sm">
            <caption className="sr-only">Your cards</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left dark:border-slate-600">
                <th scope="col" className="px-2 py-2">Front</th>
                <th scope="col" className="px-2 py-2">Back</th>
                <th scope="col" className="px-2 py-2">Deck or course</th>
                <th scope="col" className="px-2 py-2">State</th>
                <th scope="col" className="px-2 py-2">Due</th>
                <th scope="col" className="px-2 py-2">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.cards.map((card) => {
                const name = preview(card.front) || "card";
                return (
                  <tr key={card.id} className={`border-b border-slate-200 align-top dark:border-slate-700 ${card.suspended ? "bg-amber-50 dark:bg-amber-950" : ""}`}>
                    <th scope="row" className="max-w-xs px-2 py-2 text-left font-medium">{preview(card.front)}</th>
                    <td className="max-w-xs px-2 py-2">{preview(card.back)}</td>
                    <td className="px-2 py-2">{card.source?.label ?? (card.origin === "own" ? "Your card" : "Course")}</td>
                    <td className="px-2 py-2">{stateLabel[card.state]}{card.suspended ? " · suspended" : ""}</td>
                    <td className="px-2 py-2 whitespace-nowrap">{card.state === "NEW" ? "New" : new Date(card.due).toLocaleDateString()}</td>
                    <td className="px-2 py-2">
                      <div className="flex flex-wrap gap-2">
                        <button type="button" className="text-brand-600 underline underline-offset-2 dark:text-brand-100" aria-label={`${card.suspended ? "Unsuspend" : "Suspend"} ${name}`} onClick={() => suspend.mutate({ cardId: card.id, suspended: !card.suspended })}>
                          {card.suspended ? "Unsuspend" : "Suspend"}
                        </button>
                        {card.noteId ? (
                          <Link className="text-brand-600 underline underline-offset-2 dark:text-brand-100" href={`/cards/notes/${card.noteId}`} aria-label={`Edit ${name}`}>Edit</Link>
                        ) : null}
                        {card.origin === "own" ? (
                          <button
                            type="button"
                            className="text-red-700 underline underline-offset-2 dark:text-red-400"
                            aria-label={`Delete ${name}`}
                            onClick={() => {
                              const what = card.noteId ? "Delete this note and every card it makes? Their review history goes too." : "Delete this card and its review history?";
                              if (window.confirm(what)) remove.mutate({ cardId: card.id });
                            }}
                          >
                            Delete
                          </button>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : data && !list.isLoading ? (
        <p className="text-slate-700 dark:text-slate-300">No cards match.</p>
      ) : null}

      {data && data.pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center gap-3">
          <Button variant="secondary" disabled={page <= 1} onClick={() => setPage((value) => value - 1)}>Previous page</Button>
          <span className="text-sm">Page {data.page} of {data.pageCount}</span>
          <Button variant="secondary" disabled={page >= data.pageCount} onClick={() => setPage((value) => value + 1)}>Next page</Button>
        </nav>
      ) : null}
    </div>
  );
}
