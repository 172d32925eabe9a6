"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { AttemptResult, lessonHref } from "./attempt-result";
import { Countdown } from "./countdown";
import { QuestionFeedback, QuestionInput } from "./question-input";
import { initialAnswer, isComplete, type AnswerInput, type AttemptQuestion, type AttemptView } from "./types";
import { SaveStatusText, useAnswerSaver } from "./use-answer-saver";

const MODE_TITLE = { PRACTICE: "Practice", GRADED: "Graded quiz", TIMED: "Timed challenge" } as const;

/** Plays an attempt in its mode, from wherever it stands (a reload resumes it here). */
export function AttemptPlayer({ initial, onAgain, onFinished }: { initial: AttemptView; onAgain?: () => void; onFinished?: () => void }) {
  const [{ attempt, offsetMs }, setState] = useState(() => ({ attempt: initial, offsetMs: clockOffset(initial) }));
  // Replies can arrive out of order with other actions: keep the most advanced state.
  const update = (next: AttemptView) => {
    const offset = clockOffset(next);
    setState((current) => (next.sequence >= current.attempt.sequence || next.state !== current.attempt.state ? { attempt: next, offsetMs: offset } : current));
  };
  const headingRef = useRef<HTMLHeadingElement>(null);
  const finished = attempt.state !== "IN_PROGRESS";
  useEffect(() => {
    if (!finished) return;
    document.getElementById("result-heading")?.focus();
    onFinished?.();
  }, [finished]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <a href={lessonHref(attempt)} className="underline">
            {attempt.quiz.lesson.title}
          </a>{" "}
          · {attempt.quiz.course.title}
        </p>
        <h1 ref={headingRef} className="text-3xl font-bold tracking-tight">
          {MODE_TITLE[attempt.mode]}: {attempt.quiz.title ?? "Quiz"}
        </h1>
      </header>
      {finished ? (
        <AttemptResult attempt={attempt} onAgain={onAgain} />
      ) : attempt.mode === "GRADED" ? (
        <GradedQuiz attempt={attempt} onUpdate={update} />
      ) : attempt.mode === "PRACTICE" ? (
        <PracticeQuiz attempt={attempt} onUpdate={update} />
      ) : (
        <TimedQuiz attempt={attempt} onUpdate={update} offsetMs={offsetMs} />
      )}
    </div>
  );
}

type PlayProps = { attempt: AttemptView; onUpdate: (attempt: AttemptView) => void };

/** The server's clock minus this browser's, measured as a state arrives (good to within its latency). */
function clockOffset(attempt: AttemptView): number {
  return attempt.timing ? new Date(attempt.timing.serverNow).getTime() - Date.now() : 0;
}

function useFinish(attempt: AttemptView, onUpdate: (attempt: AttemptView) => void, beforeFinish: () => Promise<void>) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const finish = useMutation(
    trpc.quiz.finish.mutationOptions({
      onSuccess: (result) => {
        onUpdate(result);
        void queryClient.invalidateQueries({ queryKey: trpc.quiz.overview.queryKey() });
      },
    }),
  );
  const [waiting, setWaiting] = useState(false);
  const run = async () => {
    setWaiting(true);
    try {
      await beforeFinish();
      finish.mutate({ attemptId: attempt.id });
    } finally {
      setWaiting(false);
    }
  };
  return { run, pending: waiting || finish.isPending, error: finish.error };
}

function QuestionCard({ item, children }: { item: AttemptQuestion; children: React.ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-labelledby={`q-${item.id}-prompt`}>
      <legend className="sr-only">Question {item.index + 1}</legend>
      <p id={`q-${item.id}-prompt`} className="mb-3 font-medium">
        <span className="text-slate-600 dark:text-slate-400">{item.index + 1}.</span> {item.view?.prompt}
        {item.view && item.view.points > 1 ? <span className="ml-2 text-sm text-slate-600 dark:text-slate-400">({item.view.points} points)</span> : null}
      </p>
      {children}
    </fieldset>
  );
}

function useDrafts(attempt: AttemptView) {
  const [drafts, setDrafts] = useState<Record<string, AnswerInput | null>>(() =>
    Object.fromEntries(attempt.questions.map((item) => [item.id, item.answer ?? (item.view ? initialAnswer(item.view) : null)])),
  );
  const setDraft = (id: string, answer: AnswerInput) => setDrafts((current) => ({ ...current, [id]: answer }));
  return { drafts, setDraft };
}

/** Every question on one page; each answer saves as it is given; nothing is marked until the end. */
function GradedQuiz({ attempt, onUpdate }: PlayProps) {
  const { drafts, setDraft } = useDrafts(attempt);
  const saver = useAnswerSaver(attempt, onUpdate);
  const finish = useFinish(attempt, onUpdate, () => {
    for (const [id, timer] of pauses.current) {
      clearTimeout(timer);
      const draft = drafts[id];
      if (draft) saver.enqueue(id, draft);
    }
    pauses.current.clear();
    return saver.idle();
  });
  const typed = (type: string) => type === "short-text" || type === "numeric" || type === "cloze";
  // Typed answers save when the learner pauses, leaves the field or presses Enter.
  const pauses = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const saveSoon = (id: string, answer: AnswerInput) => {
    clearTimeout(pauses.current.get(id));
    pauses.current.set(id, setTimeout(() => saver.enqueue(id, answer), 800));
  };
  // Answered: saved, or typed in full and waiting for its pause to save (choices save at once; an
  // ordering left as shown is not an answer).
  const open = attempt.questions.filter((item) => {
    const draft = drafts[item.id];
    return item.answer === null && !(item.view && draft && typed(draft.type) && isComplete(item.view, draft));
  });
  const unanswered = open.length;
  const [confirming, setConfirming] = useState(false);
  const asking = confirming && unanswered > 0;
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        // Finishing with questions left blank asks first: a graded attempt cannot be reopened.
        if (unanswered > 0 && !asking) setConfirming(true);
        else void finish.run();
      }}
    >
      <p className="text-slate-700 dark:text-slate-300">
        {attempt.questions.length} questions. Your answers are saved as you give them; you see the marks and explanations when you finish. {attempt.quiz.passPercent}% passes.
      </p>
      <div className="sticky top-0 z-10 -mx-4 bg-white/95 px-4 py-2 dark:bg-slate-950/95">
        <SaveStatusText status={saver.status} pending={saver.pending} error={saver.error} />
      </div>
      {attempt.questions.map((item) =>
        item.view ? (
          <QuestionCard key={item.id} item={item}>
            <QuestionInput
              id={`q-${item.id}`}
              view={item.view}
              value={drafts[item.id] ?? null}
              onChange={(answer) => {
                setDraft(item.id, answer);
                if (typed(answer.type)) saveSoon(item.id, answer);
                else saver.enqueue(item.id, answer);
              }}
              onCommit={() => {
                const draft = drafts[item.id];
                clearTimeout(pauses.current.get(item.id));
                if (draft) saver.enqueue(item.id, draft);
              }}
            />
          </QuestionCard>
        ) : null,
      )}
      {finish.error ? <Alert>{errorMessage(finish.error)}</Alert> : null}
      {asking ? (
        <div
          ref={confirmRef}
          tabIndex={-1}
          role="alertdialog"
          aria-labelledby="confirm-finish-heading"
          aria-describedby="confirm-finish-text"
          className="space-y-3 rounded-lg border border-amber-400 bg-amber-50 p-4 dark:border-amber-600 dark:bg-slate-900"
        >
          <h2 id="confirm-finish-heading" className="font-semibold">
            Finish with {unanswered} {unanswered === 1 ? "question" : "questions"} unanswered?
          </h2>
          <p id="confirm-finish-text" className="text-sm text-slate-700 dark:text-slate-300">
            Unanswered questions score 0 and a graded attempt cannot be reopened. Not answered yet:{" "}
            {open.map((item, i) => (
              <span key={item.id}>
                {i > 0 ? ", " : ""}
                <a href={`#q-${item.id}-prompt`} className="underline" onClick={() => setConfirming(false)}>
                  question {item.index + 1}
                </a>
              </span>
            ))}
            .
          </p>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" disabled={finish.pending}>
              {finish.pending ? "Finishing…" : "Finish anyway"}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setConfirming(false);
                document.getElementById(`q-${open[0]!.id}-prompt`)?.scrollIntoView({ block: "center" });
                (document.querySelector(`fieldset[aria-labelledby="q-${open[0]!.id}-prompt"] input, fieldset[aria-labelledby="q-${open[0]!.id}-prompt"] select`) as HTMLElement | null)?.focus();
              }}
            >
              Keep answering
            </Button>
          </div>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={finish.pending || asking}>
          {finish.pending ? "Finishing…" : "Finish quiz"}
        </Button>
        <p className="text-sm text-slate-600 dark:text-slate-400">{unanswered > 0 ? `${unanswered} of ${attempt.questions.length} not answered yet.` : "Every question is answered."}</p>
      </div>
    </form>
  );
}

/** One question at a time, with its feedback and explanation as soon as it is checked. */
function PracticeQuiz({ attempt, onUpdate }: PlayProps) {
  const { drafts, setDraft } = useDrafts(attempt);
  const saver = useAnswerSaver(attempt, onUpdate);
  const finish = useFinish(attempt, onUpdate, () => saver.idle());
  const firstOpen = attempt.questions.findIndex((item) => item.revealed === null);
  const [index, setIndex] = useState(firstOpen < 0 ? attempt.questions.length - 1 : firstOpen);
  const item = attempt.questions[index]!;
  const draft = drafts[item.id] ?? null;
  const checking = saver.status === "saving" || saver.status === "retrying";
  const last = index === attempt.questions.length - 1;
  const feedbackRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (item.revealed) feedbackRef.current?.focus();
  }, [item.revealed]);
  if (!item.view) return null;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Question {index + 1} of {attempt.questions.length} · practice: nothing here counts against you.
      </p>
      <QuestionCard item={item}>
        <QuestionInput id={`q-${item.id}`} view={item.view} value={draft} onChange={(answer) => setDraft(item.id, answer)} disabled={Boolean(item.revealed) || checking} />
        {item.revealed ? (
          <div ref={feedbackRef} tabIndex={-1} aria-live="polite">
            <QuestionFeedback view={item.view} revealed={item.revealed} lessonHref={lessonHref(attempt)} />
          </div>
        ) : null}
      </QuestionCard>
      <SaveStatusText status={saver.status} pending={saver.pending} error={saver.error} />
      {finish.error ? <Alert>{errorMessage(finish.error)}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        {!item.revealed ? (
          <Button disabled={!isComplete(item.view, draft) || checking} onClick={() => draft && saver.enqueue(item.id, draft)}>
            {checking ? "Checking…" : "Check answer"}
          </Button>
        ) : last ? (
          <Button disabled={finish.pending} onClick={() => void finish.run()}>
            {finish.pending ? "Finishing…" : "Finish practice"}
          </Button>
        ) : (
          <Button onClick={() => setIndex(index + 1)}>Next question</Button>
        )}
      </div>
    </div>
  );
}

/** The timed challenge: the server opens each question and owns its countdown. */
function TimedQuiz({ attempt, onUpdate, offsetMs }: PlayProps & { offsetMs: number }) {
  const trpc = useTRPC();
  const { drafts, setDraft } = useDrafts(attempt);
  const saver = useAnswerSaver(attempt, onUpdate);
  const finish = useFinish(attempt, onUpdate, () => saver.idle());
  const trpcClient = useTRPCClient();
  const refresh = useMutation({ mutationFn: () => trpcClient.quiz.attempt.query({ attemptId: attempt.id }), onSuccess: onUpdate });
  const next = useMutation(trpc.quiz.next.mutationOptions({ onSuccess: (result) => onUpdate(result.attempt) }));
  const timing = attempt.timing!;
  const item = attempt.questions[timing.current]!;
  const observe = saver.observe;
  useEffect(() => observe(attempt.sequence), [attempt.sequence, observe]);
  const draft = drafts[item.id] ?? (item.view ? initialAnswer(item.view) : null);
  const answered = item.revealed !== null;
  const [expiredId, setExpiredId] = useState<string | null>(null);
  const expired = expiredId === item.id;
  const deadline = new Date(timing.openedAt).getTime() + timing.limitMs;
  const last = timing.current === attempt.questions.length - 1;
  const instant = (type: string) => type === "single-choice" || type === "true-false";
  const submitting = saver.status === "saving" || saver.status === "retrying";
  const goNext = async () => {
    await saver.idle();
    next.mutate({ attemptId: attempt.id, sequence: saver.claimSequence() });
  };
  const feedbackRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (answered) feedbackRef.current?.focus();
  }, [answered, item.id]);
  if (!item.view) return null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Question {timing.current + 1} of {attempt.questions.length} · {Math.round(timing.limitMs / 1000)} s each · faster correct answers score more
        </p>
        <p className="text-lg font-semibold" aria-live="polite">
          <span data-testid="timed-points">{timing.points}</span> points{timing.streak > 1 ? ` · streak ${timing.streak}` : ""}
        </p>
      </div>
      {!answered ? (
        <Countdown
          key={item.id}
          deadline={deadline}
          limitMs={timing.limitMs}
          offsetMs={offsetMs}
          onExpire={() => {
            setExpiredId(item.id);
            // Past the grace period the server reveals the question as missed.
            setTimeout(() => refresh.mutate(), timing.graceMs + 300);
          }}
        />
      ) : null}
      <QuestionCard item={item}>
        <QuestionInput
          id={`q-${item.id}`}
          view={item.view}
          value={draft}
          disabled={answered || submitting || expired}
          onChange={(answer) => {
            setDraft(item.id, answer);
            if (instant(answer.type)) saver.enqueue(item.id, answer);
          }}
          onCommit={() => {
            if (draft && isComplete(item.view!, draft)) saver.enqueue(item.id, draft);
          }}
        />
        {item.revealed ? (
          <div ref={feedbackRef} tabIndex={-1} aria-live="polite">
            <QuestionFeedback view={item.view} revealed={item.revealed} points={item.points} lessonHref={lessonHref(attempt)} />
          </div>
        ) : expired ? (
          <p className="mt-3 font-semibold" role="status">
            Time is up for this question.
          </p>
        ) : null}
      </QuestionCard>
      <SaveStatusText status={saver.status} pending={saver.pending} error={saver.error} />
      {next.error ?? finish.error ? <Alert>{errorMessage(next.error ?? finish.error)}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        {!answered && !expired && !instant(item.view.type) ? (
          <Button disabled={!isComplete(item.view, draft) || submitting} onClick={() => draft && saver.enqueue(item.id, draft)}>
            Submit answer
          </Button>
        ) : null}
        {answered || expired ? (
          last ? (
            <Button disabled={finish.pending} onClick={() => void finish.run()}>
              {finish.pending ? "Finishing…" : "See your result"}
            </Button>
          ) : (
            <Button disabled={next.isPending} onClick={() => void goNext()}>
              Next question
            </Button>
          )
        ) : null}
      </div>
    </div>
  );
}
