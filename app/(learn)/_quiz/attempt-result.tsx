"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { QuestionFeedback } from "./question-input";
import type { AttemptView } from "./types";

export function lessonHref(attempt: Pick<AttemptView, "quiz">): string {
  return `/courses/${attempt.quiz.course.slug}/lessons/${attempt.quiz.lesson.slug}`;
}

/** A finished (or timed-out) attempt: the score, then every question with its feedback. */
export function AttemptResult({ attempt, onAgain }: { attempt: AttemptView; onAgain?: () => void }) {
  const result = attempt.result;
  const timed = attempt.mode === "TIMED";
  return (
    <section aria-labelledby="result-heading" className="space-y-6">
      <div className="rounded-lg border border-slate-200 p-6 dark:border-slate-800">
        <h2 id="result-heading" className="text-2xl font-bold" tabIndex={-1}>
          {attempt.state === "ABANDONED" ? "This attempt ran out of time" : "Your result"}
        </h2>
        {result ? (
          <dl className="mt-4 grid gap-4 sm:grid-cols-4">
            {timed ? (
              <Figure label="Points" value={String(result.points)} testId="result-points" />
            ) : (
              <Figure label="Score" value={`${result.percent}%`} testId="result-score" />
            )}
            <Figure label="Correct" value={`${result.correctCount} of ${attempt.questions.length}`} />
            {!timed ? <Figure label="Passed" value={result.passed ? `Yes (${attempt.quiz.passPercent}% needed)` : `No (${attempt.quiz.passPercent}% needed)`} /> : null}
            <Figure label="XP earned" value={`+${result.xp}`} />
          </dl>
        ) : (
          <p className="mt-2">The time for this attempt ended before it was finished, so it was not scored.</p>
        )}
        <div className="mt-6 flex flex-wrap gap-3">
          {onAgain ? <Button onClick={onAgain}>Try again</Button> : null}
          <Link href={lessonHref(attempt)} className="inline-flex items-center rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold dark:border-slate-600">
            Back to the lesson
          </Link>
        </div>
        {timed && attempt.state === "FINISHED" ? <ChallengeFriend attempt={attempt} /> : null}
        {attempt.state === "FINISHED" && result && result.correctCount < attempt.questions.length ? <MistakesToCards attemptId={attempt.id} /> : null}
      </div>
      <ol className="space-y-4">
        {attempt.questions.map((item) =>
          item.view && item.revealed ? (
            <li key={item.id} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <p className="font-medium">
                {item.index + 1}. {item.view.prompt}
              </p>
              <QuestionFeedback view={item.view} revealed={item.revealed} points={timed ? item.points : undefined} lessonHref={lessonHref(attempt)} />
            </li>
          ) : null,
        )}
      </ol>
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="text-2xl font-semibold" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function ChallengeFriend({ attempt }: { attempt: AttemptView }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.quiz.challenge.create.mutationOptions());
  const [copied, setCopied] = useState(false);
  const challengeId = attempt.challengeId ?? create.data?.challengeId ?? null;
  const url = challengeId ? `${typeof window === "undefined" ? "" : window.location.origin}/challenge/${challengeId}` : null;
  return (
    <div className="mt-6 space-y-2 border-t border-slate-200 pt-4 dark:border-slate-800">
      <h3 className="font-semibold">Challenge a friend</h3>
      {create.error ? <Alert>{errorMessage(create.error)}</Alert> : null}
      {url ? (
        <div className="space-y-2">
          <label htmlFor="challenge-link" className="block text-sm">
            Send this link: whoever opens it plays the same questions, and you compare results.
          </label>
          <div className="flex flex-wrap gap-2">
            <input id="challenge-link" readOnly value={url} className="w-full max-w-md rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900" />
            <Button
              variant="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false));
              }}
            >
              Copy link
            </Button>
            <Link href={`/challenge/${challengeId}`} className="inline-flex items-center px-2 text-sm text-brand-700 underline dark:text-brand-100">
              Open the challenge page
            </Link>
          </div>
          <p role="status" className="text-sm">
            {copied ? "Link copied." : ""}
          </p>
        </div>
      ) : (
        <Button variant="secondary" disabled={create.isPending} onClick={() => create.mutate({ attemptId: attempt.id })}>
          {create.isPending ? "Making a link…" : "Make a challenge link"}
        </Button>
      )}
    </div>
  );
}

/** The questions the learner missed become their own flashcards, with the right answer on the back. */
function MistakesToCards({ attemptId }: { attemptId: string }) {
  const trpc = useTRPC();
  const add = useMutation(trpc.quiz.mistakesToCards.mutationOptions());
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3">
      <Button variant="secondary" disabled={add.isPending || add.isSuccess} onClick={() => add.mutate({ attemptId })}>
        {add.isPending ? "Adding…" : "Add the questions I missed to my flashcards"}
      </Button>
      <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {add.data ? (add.data.added > 0 ? `Added ${add.data.added} ${add.data.added === 1 ? "card" : "cards"} to your flashcards.` : "They are already in your flashcards.") : ""}
      </p>
      {add.error ? <Alert>{errorMessage(add.error)}</Alert> : null}
    </div>
  );
}
