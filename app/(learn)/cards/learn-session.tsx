"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { plainAnswer } from "@/lib/srs/answer-compare";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { Markdown } from "@/app/_components/markdown";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { newReviewId } from "../review/review-id";

type Question = { submissionId: string; id: string; cardId: string; mode: "choice" | "typed"; prompt: string; isNew: boolean; options: string[] | null };
type Result = {
  correct: boolean;
  mode: "choice" | "typed";
  ratingLabel: string;
  answer: string;
  correctIndex: number | null;
  chosenIndex: number | null;
  typed: string | null;
  exact: boolean;
  diff: { kind: "same" | "missing" | "extra"; text: string }[] | null;
  recorded: "applied" | "duplicate" | "stale";
  due: string;
  xp: number;
};

function isTyping(target: EventTarget | null) {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function untilLabel(due: string) {
  const minutes = Math.max(1, Math.round((new Date(due).getTime() - Date.now()) / 60_000));
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `in ${hours} hour${hours === 1 ? "" : "s"}`;
  const days = Math.round(minutes / 1440);
  return `in ${days} day${days === 1 ? "" : "s"}`;
}

/**
 * Learn mode over one deck: a question at a time, multiple choice (keys 1–4) or typed (Enter), then
 * the verdict and when the card comes back. The server asks and grades; the answer arrives only
 * with the verdict. Each answer carries a submission id made here, so a retried send counts once.
 */
export function LearnSession({ deckId }: { deckId: string }) {
  const trpc = useTRPC();
  const ids = useId();
  const [question, setQuestion] = useState<Question | null>(null);
  const [deckName, setDeckName] = useState("");
  const [counts, setCounts] = useState<{ due: number; new: number } | null>(null);
  const [done, setDone] = useState<{ nextDueAt: Date | null } | null>(null);
  const [typed, setTyped] = useState("");
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answeredCount, setAnsweredCount] = useState({ total: 0, correct: 0, xp: 0 });
  const nextButton = useRef<HTMLButtonElement>(null);
  const typedInput = useRef<HTMLInputElement>(null);
  const firstOption = useRef<HTMLButtonElement>(null);

  const next = useMutation(
    trpc.review.learn.next.mutationOptions({
      onSuccess: (data) => {
        setDeckName(data.deck.name);
        setCounts({ due: data.dueCount, new: data.newCount });
        setResult(null);
        setTyped("");
        if (data.done) {
          setQuestion(null);
          setDone({ nextDueAt: data.nextDueAt });
          return;
        }
        setQuestion({ ...data.question, submissionId: newReviewId() });
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );
  const answer = useMutation(
    trpc.review.learn.answer.mutationOptions({
      onSuccess: (data) => {
        setResult(data);
        if (!data.duplicate) setAnsweredCount((count) => ({ total: count.total + 1, correct: count.correct + (data.correct ? 1 : 0), xp: count.xp + data.xp }));
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );
  const { mutate: askNext } = next;
  const { mutate: send, isPending: sending } = answer;

  useEffect(() => {
    askNext({ deckId });
  }, [askNext, deckId]);
  useEffect(() => {
    if (result) nextButton.current?.focus();
    else if (question?.mode === "typed") typedInput.current?.focus();
    else if (question?.mode === "choice") firstOption.current?.focus();
  }, [question, result]);

  const choose = useCallback(
    (index: number) => {
      if (!question || result || sending) return;
      setError(null);
      send({ questionId: question.id, submissionId: question.submissionId, choice: index });
    },
    [question, result, sending, send],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (question?.mode === "choice" && !result && /^[1-4]$/.test(event.key)) {
        const index = Number(event.key) - 1;
        if (question.options && index < question.options.length) {
          event.preventDefault();
          choose(index);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [question, result, choose]);

  if (error && !question && !done) return <Alert>{error}</Alert>;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4 text-sm text-slate-700 dark:text-slate-300">
        {deckName ? <span>Deck: <strong>{deckName}</strong></span> : null}
        {counts ? <span aria-label="Cards left">{counts.due} due · {counts.new} new</span> : null}
        <span>Answered {answeredCount.total} ({answeredCount.correct} right) · {answeredCount.xp} XP</span>
        <Link href={`/cards?deck=${deckId}`} className="text-brand-600 underline underline-offset-2 dark:text-brand-100">Browse this deck</Link>
      </div>

      {done ? (
        <Alert tone="success">
          Nothing left to learn in this deck right now.
          {done.nextDueAt ? ` The next card is due ${new Date(done.nextDueAt).toLocaleString()}.` : " Add cards to the deck to learn them."}
        </Alert>
      ) : null}

      {question ? (
        <section aria-labelledby={`${ids}-prompt`} className="space-y-4 rounded-lg border border-slate-200 p-6 dark:border-slate-700">
          <h2 id={`${ids}-prompt`} className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
            {question.mode === "choice" ? "Choose the answer" : "Type the answer"}
          </h2>
          <div data-testid="learn-prompt" className="text-lg">
            <Markdown>{question.prompt}</Markdown>
          </div>

          {question.mode === "choice" && question.options ? (
            <ol aria-label="Options" className="grid gap-2 sm:grid-cols-2">
              {question.options.map((option, index) => {
                const isRight = result?.correctIndex === index;
                const isChosen = result?.chosenIndex === index;
                const tone = result ? (isRight ? "border-green-600 bg-green-50 dark:bg-green-950" : isChosen ? "border-red-600 bg-red-50 dark:bg-red-950" : "opacity-70") : "hover:bg-slate-50 dark:hover:bg-slate-800";
                return (
                  <li key={index}>
                    <button
                      ref={index === 0 ? firstOption : undefined}
                      type="button"
                      disabled={Boolean(result) || sending}
                      onClick={() => choose(index)}
                      aria-keyshortcuts={String(index + 1)}
                      className={`flex w-full items-start gap-3 rounded-md border border-slate-300 px-3 py-3 text-left dark:border-slate-600 ${tone}`}
                    >
                      <kbd aria-hidden="true" className="rounded border border-slate-400 px-1.5 text-xs">{index + 1}</kbd>
                      <span>
                        {plainAnswer(option)}
                        {result && isRight ? <span className="sr-only"> (right answer)</span> : null}
                        {result && isChosen && !isRight ? <span className="sr-only"> (your choice)</span> : null}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          ) : null}

          {question.mode === "typed" ? (
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                if (result || sending || !typed.trim()) return;
                setError(null);
                send({ questionId: question.id, submissionId: question.submissionId, typed });
              }}
            >
              <div className="min-w-64 flex-1 space-y-1">
                <label htmlFor={`${ids}-typed`} className="block text-sm font-medium">Your answer</label>
                <input
                  ref={typedInput}
                  id={`${ids}-typed`}
                  value={typed}
                  maxLength={500}
                  autoComplete="off"
                  readOnly={Boolean(result)}
                  onChange={(event) => setTyped(event.target.value)}
                  className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-600 dark:bg-slate-900"
                />
              </div>
              <Button type="submit" disabled={Boolean(result) || sending || !typed.trim()}>Check</Button>
            </form>
          ) : null}

          {error ? <Alert>{error}</Alert> : null}

          <div aria-live="polite" role="status">
            {result ? (
              <div className="space-y-3" data-testid="learn-result">
                <p className={`text-lg font-semibold ${result.correct ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300"}`}>
                  {result.correct ? (result.mode === "typed" && !result.exact ? "Right (spelling aside)." : "Right!") : "Not quite."}
                </p>
                {result.mode === "typed" && result.diff && !result.exact ? (
                  <p className="font-mono text-base" aria-label="Difference between your answer and the answer">
                    {result.diff.map((part, index) =>
                      part.kind === "same" ? (
                        <span key={index}>{part.text}</span>
                      ) : part.kind === "missing" ? (
                        <ins key={index} className="bg-green-100 text-green-900 no-underline dark:bg-green-900 dark:text-green-100" title="missing from your answer">
                          <span className="sr-only">[missing: </span>{part.text}<span className="sr-only">]</span>
                        </ins>
                      ) : (
                        <del key={index} className="bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100" title="not in the answer">
                          <span className="sr-only">[extra: </span>{part.text}<span className="sr-only">]</span>
                        </del>
                      ),
                    )}
                  </p>
                ) : null}
                <div>
                  <p className="text-sm font-medium text-slate-600 dark:text-slate-400">Answer</p>
                  <Markdown>{result.answer}</Markdown>
                </div>
                <p className="text-sm" data-testid="learn-scheduled">
                  {result.recorded === "stale"
                    ? "This card changed since the question was asked, so the answer was not recorded."
                    : `Recorded as ${result.ratingLabel}; the card comes back ${untilLabel(result.due)}.${result.xp ? ` +${result.xp} XP` : ""}`}
                </p>
                <button
                  ref={nextButton}
                  type="button"
                  onClick={() => askNext({ deckId })}
                  disabled={next.isPending}
                  className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:bg-slate-400"
                >
                  Next question
                </button>
              </div>
            ) : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}
