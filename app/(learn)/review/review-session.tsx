"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { RATING_LABEL, RATINGS, type Rating } from "@/lib/srs/scheduler";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { Markdown } from "@/app/_components/markdown";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { newReviewId } from "./review-id";

type Rated = { reviewId: string; cardId: string; rating: Rating; durationMs: number };

const ratingStyle: Record<Rating, string> = {
  1: "border-red-300 bg-red-50 text-red-900 hover:bg-red-100 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  2: "border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  3: "border-green-300 bg-green-50 text-green-900 hover:bg-green-100 dark:border-green-800 dark:bg-green-950 dark:text-green-100",
  4: "border-sky-300 bg-sky-50 text-sky-900 hover:bg-sky-100 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
};

function isTyping(target: EventTarget | null) {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function formatDuration(ms: number) {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * One review session: the front, then the answer, then a rating that schedules the card. Keys:
 * Space shows the answer, 1–4 rate, U undoes the last rating. Ratings are sent with a review id
 * made here, so a retried request is recorded once; a card already rated in another tab is skipped.
 */
export function ReviewSession({ courseSlug, timeZone }: { courseSlug?: string; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queueOptions = trpc.review.queue.queryOptions({ courseSlug }, { staleTime: 0, refetchOnWindowFocus: false });
  const queue = useQuery(queueOptions);
  // Card id → the lowest version of it that may be shown: past the version rated (or set aside), or
  // the version an undo produced, so a stale copy from an earlier fetch is never shown or rated.
  const [minVersion, setMinVersion] = useState<Record<string, number>>({});
  const [history, setHistory] = useState<Rated[]>([]);
  // The card (id and version) whose answer is showing: a new card, or the same one back, starts hidden.
  const [revealedKey, setRevealedKey] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const shownAt = useRef(0);
  const cardRef = useRef<HTMLDivElement>(null);
  // The rating in flight, so an undo pressed right after a rating waits for it instead of being lost.
  const inflight = useRef<Promise<unknown>>(Promise.resolve());

  const cards = (queue.data?.cards ?? []).filter((card) => card.version >= (minVersion[card.id] ?? 0));
  const current = cards.find((card) => card.id === priority) ?? cards[0] ?? null;
  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: queueOptions.queryKey }), [queryClient, queueOptions.queryKey]);

  const currentKey = current ? `${current.id}:${current.version}` : null;
  const revealed = currentKey !== null && revealedKey === currentKey;
  useEffect(() => {
    shownAt.current = Date.now();
    if (currentKey) cardRef.current?.focus({ preventScroll: true });
  }, [currentKey]);

  const rate = useMutation(
    trpc.review.rate.mutationOptions({
      retry: 2,
      onSuccess: (result) => {
        if (result.outcome === "stale") {
          setHistory((items) => items.filter((item) => item.reviewId !== result.reviewId));
          setAnnouncement("That card was already reviewed in another tab; moving on.");
        }
      },
      onError: (failure, input) => {
        setHistory((items) => items.filter((item) => item.reviewId !== input.reviewId));
        setMinVersion((map) => ({ ...map, [input.cardId]: input.version }));
        setError(`Your rating was not saved: ${errorMessage(failure)}`);
      },
      onSettled: refresh,
    }),
  );
  const undo = useMutation(
    trpc.review.undo.mutationOptions({
      onSuccess: (result, input) => {
        setHistory((items) => items.filter((item) => item.reviewId !== input.reviewId));
        setMinVersion((map) => ({ ...map, [result.cardId]: result.version }));
        setPriority(result.cardId);
        setAnnouncement("Rating undone. The card is back.");
      },
      onError: (failure) => setError(errorMessage(failure)),
      onSettled: refresh,
    }),
  );
  const setAside = useMutation(
    trpc.review.bury.mutationOptions({
      onSuccess: () => setAnnouncement("Card buried until tomorrow."),
      onError: (failure) => setError(errorMessage(failure)),
      onSettled: refresh,
    }),
  );
  const suspend = useMutation(
    trpc.review.suspend.mutationOptions({
      onSuccess: () => setAnnouncement("Card suspended. It stays out of your reviews until you unsuspend it."),
      onError: (failure) => setError(errorMessage(failure)),
      onSettled: refresh,
    }),
  );

  const reveal = useCallback(() => {
    if (!current || revealed) return;
    setRevealedKey(currentKey);
    setAnnouncement("Answer shown. Rate how well you remembered it: 1 Again, 2 Hard, 3 Good, 4 Easy.");
    cardRef.current?.focus({ preventScroll: true });
  }, [current, currentKey, revealed]);

  const submitRating = useCallback(
    (rating: Rating) => {
      if (!current || !revealed) return;
      const reviewId = newReviewId();
      const durationMs = Math.min(3_600_000, Date.now() - shownAt.current);
      setError(null);
      setPriority(null);
      setMinVersion((map) => ({ ...map, [current.id]: current.version + 1 }));
      setHistory((items) => [...items, { reviewId, cardId: current.id, rating, durationMs }]);
      setAnnouncement(`Rated ${RATING_LABEL[rating]}. Next review in ${current.intervals[rating].description}.`);
      inflight.current = rate.mutateAsync({ reviewId, cardId: current.id, version: current.version, rating, durationMs }).catch(() => undefined);
    },
    [current, revealed, rate],
  );

  const undoLast = useCallback(() => {
    const last = history.at(-1);
    if (!last || undo.isPending) return;
    setError(null);
    void inflight.current.then(() => undo.mutate({ reviewId: last.reviewId }));
  }, [history, undo]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (event.key === " " && current && !revealed) {
        event.preventDefault();
        reveal();
      } else if (revealed && ["1", "2", "3", "4"].includes(event.key)) {
        event.preventDefault();
        submitRating(Number(event.key) as Rating);
      } else if (event.key === "u" || event.key === "U") {
        event.preventDefault();
        undoLast();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [current, revealed, reveal, submitRating, undoLast]);

  const live = (
    <p role="status" aria-live="polite" className="sr-only">
      {announcement}
    </p>
  );

  if (queue.isPending) return <p role="status">Loading your cards…</p>;
  if (queue.isError) return <Alert>{errorMessage(queue.error)}</Alert>;
  const data = queue.data;
  const undoButton = history.length ? (
    <Button type="button" variant="secondary" onClick={undoLast} disabled={undo.isPending} aria-keyshortcuts="U">
      Undo last rating <kbd className="ml-2 text-xs opacity-70">U</kbd>
    </Button>
  ) : null;

  if (!current) {
    const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone });
    const loading = queue.isFetching || rate.isPending;
    if (history.length) {
      const passed = history.filter((item) => item.rating > 1).length;
      return (
        <section aria-labelledby="summary-heading" className="space-y-4 rounded-lg border border-slate-200 p-6 dark:border-slate-800">
          {live}
          {error ? <Alert>{error}</Alert> : null}
          <h2 id="summary-heading" className="text-2xl font-semibold">{loading ? "Checking for more cards…" : "Session complete"}</h2>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <div><dt className="text-sm text-slate-600 dark:text-slate-400">Reviewed</dt><dd className="text-2xl font-bold">{history.length}</dd></div>
            <div><dt className="text-sm text-slate-600 dark:text-slate-400">Accuracy</dt><dd className="text-2xl font-bold">{Math.round((passed / history.length) * 100)}%</dd></div>
            <div><dt className="text-sm text-slate-600 dark:text-slate-400">Time</dt><dd className="text-2xl font-bold">{formatDuration(history.reduce((sum, item) => sum + item.durationMs, 0))}</dd></div>
            <div><dt className="text-sm text-slate-600 dark:text-slate-400">Next due</dt><dd className="text-lg font-semibold">{data.nextDueAt ? dateTime.format(data.nextDueAt) : "—"}</dd></div>
          </dl>
          {data.newLimitReached && data.newCount === 0 ? <p className="text-sm">You have met today&apos;s new-card limit; more new cards come tomorrow.</p> : null}
          <div className="flex flex-wrap gap-3">
            {undoButton}
            <Link href="/review/stats" className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">See your statistics</Link>
          </div>
        </section>
      );
    }
    return (
      <div className="space-y-3">
        {live}
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700 dark:border-slate-700 dark:text-slate-300">
          {data.nextDueAt
            ? `Nothing to review right now. Your next card is due ${dateTime.format(data.nextDueAt)}.`
            : data.newLimitReached
              ? "Nothing to review right now: you have met today's new-card limit."
              : "You have no cards to review. Cards join your collection when you study a lesson."}
        </p>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {live}
      {error ? <Alert>{error}</Alert> : null}
      <p className="text-sm text-slate-700 dark:text-slate-300" aria-label="Cards left">
        <span className="font-semibold">{data.dueCount}{data.dueCountCapped ? "+" : ""}</span> due · <span className="font-semibold">{data.newCount}</span> new
        {history.length ? <> · {history.length} reviewed this session</> : null}
      </p>
      <div
        ref={cardRef}
        tabIndex={-1}
        role="region"
        aria-roledescription="flashcard"
        aria-label={revealed ? "Flashcard, answer shown" : "Flashcard"}
        className="space-y-4 rounded-xl border border-slate-200 p-6 shadow-sm dark:border-slate-800"
      >
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          {current.kindLabel}
          {current.isNew ? " · new" : null}
        </p>
        <div className="text-xl font-semibold" data-testid="card-front">
          {current.markdown ? <Markdown>{current.front}</Markdown> : <p className="whitespace-pre-line">{current.front}</p>}
        </div>
        {revealed ? (
          <div className="border-t border-slate-200 pt-4 dark:border-slate-800" data-testid="card-back">
            <h2 className="sr-only">Answer</h2>
            {current.markdown ? <Markdown>{current.back}</Markdown> : <p className="whitespace-pre-line">{current.back}</p>}
          </div>
        ) : null}
        {current.source ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            From{" "}
            {current.source.href ? <Link href={current.source.href} className="underline underline-offset-2">{current.source.label}</Link> : current.source.label}
          </p>
        ) : null}
      </div>

      {revealed ? (
        <div role="group" aria-label="How well did you remember it?" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {RATINGS.map((rating) => (
            <button
              key={rating}
              type="button"
              onClick={() => submitRating(rating)}
              aria-keyshortcuts={String(rating)}
              aria-label={`${RATING_LABEL[rating]}: next review in ${current.intervals[rating].description} (key ${rating})`}
              className={`flex flex-col items-center rounded-md border px-3 py-2 text-sm font-semibold ${ratingStyle[rating]}`}
            >
              <span>{RATING_LABEL[rating]}</span>
              <span className="text-xs font-normal" data-testid={`interval-${rating}`}>{current.intervals[rating].label}</span>
              <kbd className="text-xs font-normal opacity-70">{rating}</kbd>
            </button>
          ))}
        </div>
      ) : (
        <Button type="button" onClick={reveal} aria-keyshortcuts="Space" className="w-full sm:w-auto">
          Show answer <kbd className="ml-2 text-xs opacity-80">Space</kbd>
        </Button>
      )}

      <div className="flex flex-wrap gap-3 text-sm">
        {undoButton}
        <Button type="button" variant="secondary" disabled={setAside.isPending} onClick={() => { setMinVersion((map) => ({ ...map, [current.id]: current.version + 1 })); setAside.mutate({ cardId: current.id }); }}>
          Bury until tomorrow
        </Button>
        <Button type="button" variant="secondary" disabled={suspend.isPending} onClick={() => { setMinVersion((map) => ({ ...map, [current.id]: current.version + 1 })); suspend.mutate({ cardId: current.id, suspended: true }); }}>
          Suspend card
        </Button>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">Keys: Space shows the answer, 1–4 rate, U undoes the last rating.</p>
    </div>
  );
}
