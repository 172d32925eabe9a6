"use client";

import { useMutation } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { Countdown } from "@/app/(learn)/_quiz/countdown";
import { Podium, Scoreboard } from "@/app/(learn)/_quiz/live-boards";
import { QuestionFeedback, QuestionInput } from "@/app/(learn)/_quiz/question-input";
import { initialAnswer, isComplete, type AnswerInput } from "@/app/(learn)/_quiz/types";

function clockOffset(serverNow: Date | string): number {
  return new Date(serverNow).getTime() - Date.now();
}

/** A player's screen: joins the room, then follows it over a subscription (a reload re-joins and resumes). */
export function LivePlayer({ code, name }: { code: string; name: string }) {
  const trpc = useTRPC();
  const join = useMutation(trpc.quiz.live.join.mutationOptions());
  const joinRoom = join.mutate;
  useEffect(() => joinRoom({ code }), [code, joinRoom]);
  const joined = join.isSuccess;
  // The server's clock minus this device's, measured as each state arrives.
  const [offsetMs, setOffsetMs] = useState(0);
  const subscription = useSubscription(
    trpc.quiz.live.watch.subscriptionOptions({ code }, { enabled: joined, onData: (data) => setOffsetMs(clockOffset(data.serverNow)) }),
  );
  const room = subscription.data;
  const answer = useMutation(trpc.quiz.live.answer.mutationOptions());
  const [drafts, setDrafts] = useState<Record<number, AnswerInput | null>>({});

  if (join.error) return <Alert>{errorMessage(join.error)}</Alert>;
  if (!room) return <p role="status">Joining room {code}…</p>;
  const draft = room.question ? (drafts[room.current] ?? initialAnswer(room.question)) : null;
  const sent = room.you.answered || (answer.isSuccess && answer.variables?.question === room.current);
  const send = (value: AnswerInput) => answer.mutate({ code, question: room.current, answer: value });
  const instant = room.question?.type === "single-choice" || room.question?.type === "true-false";

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Live quiz · room {room.code} · {room.quiz.lesson}
          </p>
          <h1 className="text-2xl font-bold">{room.quiz.title ?? "Live quiz"}</h1>
        </div>
        <p className="text-lg font-semibold" aria-live="polite">
          {name}: <span data-testid="live-score">{room.you.score}</span> points
        </p>
      </header>
      {subscription.status === "connecting" ? (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          Reconnecting…
        </p>
      ) : null}

      {room.state === "LOBBY" ? (
        <p role="status" className="rounded-lg border border-slate-200 p-6 text-lg dark:border-slate-800">
          You are in. Waiting for the host to start…
        </p>
      ) : null}

      {room.state === "QUESTION" && room.question && room.openedAt ? (
        <section aria-labelledby="live-q-prompt" className="space-y-4">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Question {room.current + 1} of {room.questionCount}
          </p>
          <Countdown key={room.current} deadline={new Date(room.openedAt).getTime() + room.limitMs} limitMs={room.limitMs} offsetMs={offsetMs} />
          <fieldset className="rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-labelledby="live-q-prompt">
            <p id="live-q-prompt" className="mb-3 text-lg font-medium">
              {room.question.prompt}
            </p>
            <QuestionInput
              id="live-q"
              view={room.question}
              value={draft}
              disabled={sent || answer.isPending}
              onChange={(value) => {
                setDrafts((current) => ({ ...current, [room.current]: value }));
                if (instant) send(value);
              }}
            />
          </fieldset>
          {answer.error && answer.variables?.question === room.current ? <Alert>{errorMessage(answer.error)}</Alert> : null}
          {sent ? (
            <p role="status" className="font-semibold">
              Answer received. Wait for the results…
            </p>
          ) : !instant ? (
            <Button disabled={!draft || !isComplete(room.question, draft) || answer.isPending} onClick={() => draft && send(draft)}>
              Submit answer
            </Button>
          ) : null}
        </section>
      ) : null}

      {room.state === "REVEAL" && room.question && room.revealed ? (
        <section aria-labelledby="live-reveal" className="space-y-4">
          <h2 id="live-reveal" className="text-xl font-semibold">
            Question {room.current + 1}: {room.question.prompt}
          </h2>
          {room.you.answered ? (
            <QuestionFeedback view={room.question} revealed={room.revealed} points={room.you.points} />
          ) : (
            <p className="font-semibold">No answer this time.</p>
          )}
          <p>
            You are <strong>#{room.you.rank}</strong> with {room.you.score} points{room.you.streak > 1 ? ` and a streak of ${room.you.streak}` : ""}.
          </p>
          <Scoreboard rows={room.leaderboard} caption="Top five after this question" />
        </section>
      ) : null}

      {room.state === "FINISHED" ? (
        <section className="space-y-4">
          <Podium rows={room.leaderboard} />
          <p className="text-lg">
            You finished <strong>#{room.you.rank}</strong> with {room.you.score} points.
          </p>
        </section>
      ) : null}
    </div>
  );
}
