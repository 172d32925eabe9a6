"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import type { RouterOutputs } from "./types";

export type FinishResult = RouterOutputs["game"]["finish"];

/**
 * The server's verdict on a game. The heading takes focus when the result arrives, and the status
 * region announces the score, so screen-reader users hear it without hunting.
 */
export function ResultPanel({
  result,
  pending,
  error,
  stats,
  onAgain,
}: {
  result: FinishResult | null;
  pending: boolean;
  error: string | null;
  stats: (result: FinishResult) => { label: string; value: string; testId?: string }[];
  onAgain: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result || error) heading.current?.focus();
  }, [result, error]);
  return (
    <section aria-labelledby="game-result-heading" className="space-y-4 rounded-lg border border-slate-200 p-6 dark:border-slate-700">
      <h2 id="game-result-heading" ref={heading} tabIndex={-1} className="text-xl font-semibold">
        {pending ? "Scoring your game…" : error ? "Not counted" : "Your result"}
      </h2>
      {error ? <Alert>{error}</Alert> : null}
      <div role="status" aria-live="polite" data-testid="game-result">
        {result ? (
          <div className="space-y-3">
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {stats(result).map((stat) => (
                <div key={stat.label} className="rounded-md bg-slate-50 p-3 dark:bg-slate-800">
                  <dt className="text-sm text-slate-600 dark:text-slate-300">{stat.label}</dt>
                  <dd className="text-2xl font-bold" data-testid={stat.testId}>
                    {stat.value}
                  </dd>
                </div>
              ))}
            </dl>
            <p data-testid="best-message">
              {result.newBest ? (result.previousBest === null ? "Your first score here: a personal best." : `New personal best! (previous: ${result.previousBest})`) : `Your personal best is ${result.previousBest}.`}{" "}
              {result.xpAwarded > 0 ? `+${result.xpAwarded} XP.` : "No XP this time (today's game XP is used up, or the score was zero)."}
            </p>
          </div>
        ) : null}
      </div>
      {result && result.missed.length > 0 ? (
        <div>
          <h3 className="font-semibold">To practise</h3>
          <ul className="mt-2 list-disc space-y-1 pl-6" aria-label="Missed items">
            {result.missed.slice(0, 20).map((item) => (
              <li key={item.front}>
                <span className="font-medium">{item.front}</span> — {item.back}
              </li>
            ))}
          </ul>
          <MissedToReview key={result.sessionId} sessionId={result.sessionId} count={result.missed.length} />
        </div>
      ) : null}
      <Button type="button" onClick={onAgain} disabled={pending}>
        Play again
      </Button>
    </section>
  );
}

/** Sends the game's missed items to the learner's flashcards (once; a second press adds nothing). */
function MissedToReview({ sessionId, count }: { sessionId: string; count: number }) {
  const trpc = useTRPC();
  const add = useMutation(trpc.game.addMissedToReview.mutationOptions());
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      <Button type="button" variant="secondary" disabled={add.isPending || add.isSuccess} onClick={() => add.mutate({ sessionId })}>
        {add.isPending ? "Adding…" : `Add ${count === 1 ? "it" : `these ${count}`} to my flashcards`}
      </Button>
      <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {add.data ? (add.data.added > 0 ? `Added ${add.data.added} to your flashcards.` : "They are already in your flashcards.") : ""}
      </p>
      {add.error ? <Alert>{errorMessage(add.error)}</Alert> : null}
    </div>
  );
}
