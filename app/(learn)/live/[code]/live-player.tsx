"use client";

import { useMutation } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { AnswerTiles } from "@/app/(learn)/_quiz/answer-tiles";
import { Countdown } from "@/app/(learn)/_quiz/countdown";
import { Podium, Scoreboard } from "@/app/(learn)/_quiz/live-boards";
import { QuestionFeedback, QuestionInput } from "@/app/(learn)/_quiz/question-input";
import { initialAnswer, isComplete, type AnswerInput } from "@/app/(learn)/_quiz/types";

function clockOffset(serverNow: Date | string): number {
  return new Date(serverNow).getTime() - Date.now();
}

/**
 * A player's screen, made for a 360 px phone: big answer tiles with the big screen's colours and
 * shapes, then "correct / +points / your rank". A signed-in learner (re)joins here; a guest
 * arrives with the room's cookie from /join. A reload, a second tab or a dropped connection
 * follows the same player again, score and streak kept on the server.
 */
export function LivePlayer({ code, signedIn }: { code: string; signedIn: boolean }) {
  const trpc = useTRPC();
  const join = useMutation(trpc.quiz.live.join.mutationOptions());
  const joinRoom = join.mutate;
  useEffect(() => {
    if (signedIn) joinRoom({ code });
  }, [code, joinRoom, signedIn]);
  const ready = !signedIn || join.isSuccess;
  // The server's clock minus this device's, measured as each state arrives.
  const [offsetMs, setOffsetMs] = useState(0);
  const subscription = useSubscription(
    trpc.quiz.live.watch.subscriptionOptions({ code }, { enabled: ready, onData: (data) => setOffsetMs(clockOffset(data.serverNow)) }),
  );
  const room = subscription.data;
  const answer = useMutation(trpc.quiz.live.answer.mutationOptions());
  const [drafts, setDrafts] = useState<Record<number, AnswerInput | null>>({});

  if (join.error) return <Alert>{errorMessage(join.error)}</Alert>;
  if (subscription.error) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <Alert>{subscription.error.message}</Alert>
        <Link href="/join" className="text-brand-700 underline dark:text-brand-300">
          Join a room
        </Link>
      </div>
    );
  }
  if (!room) return <p role="status">Joining room {code}…</p>;
  const draft = room.question ? (drafts[room.current] ?? initialAnswer(room.question)) : null;
  const sent = room.you.answered || (answer.isSuccess && answer.variables?.question === room.current);
  const send = (value: AnswerInput) => answer.mutate({ code, question: room.current, answer: value });
  const question = room.question;
  const tiles = question?.type === "single-choice" || question?.type === "multiple-select" ? question.options : question?.type === "true-false" ? ["True", "False"] : null;
  const chosen = (): number[] => {
    if (!draft) return [];
    if (draft.type === "single-choice") return [draft.choice];
    if (draft.type === "true-false") return [draft.value ? 0 : 1];
    if (draft.type === "multiple-select") return draft.choices;
    return [];
  };
  const pick = (index: number) => {
    if (!question) return;
    if (question.type === "multiple-select") {
      const current = chosen();
      const next = current.includes(index) ? current.filter((c) => c !== index) : [...current, index].sort((a, b) => a - b);
      setDrafts((all) => ({ ...all, [room.current]: { type: "multiple-select", choices: next } }));
      return;
    }
    const value: AnswerInput = question.type === "true-false" ? { type: "true-false", value: index === 0 } : { type: "single-choice", choice: index };
    setDrafts((all) => ({ ...all, [room.current]: value }));
    send(value);
  };
  const instant = question?.type === "single-choice" || question?.type === "true-false";

  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Live quiz · room {room.code} · {room.quiz.lesson}
          </p>
          <h1 className="text-xl font-bold sm:text-2xl">{room.quiz.title ?? "Live quiz"}</h1>
        </div>
        <p className="text-lg font-semibold">
          <span data-testid="live-name">{room.you.name}</span>: <span data-testid="live-score">{room.you.score}</span> points
        </p>
      </header>
      {subscription.status === "connecting" ? (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          Reconnecting…
        </p>
      ) : null}

      {room.state === "LOBBY" ? (
        <p role="status" className="rounded-lg border border-slate-200 p-6 text-lg dark:border-slate-800">
          You are in as <strong>{room.you.name}</strong>. See your name on the big screen? Waiting for the host to start…
        </p>
      ) : null}

      {room.state === "QUESTION" && question && room.openedAt ? (
        <section aria-labelledby="live-q-prompt" className="space-y-4">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Question {room.current + 1} of {room.questionCount}
          </p>
          <Countdown key={room.current} deadline={new Date(room.openedAt).getTime() + room.limitMs} limitMs={room.limitMs} offsetMs={offsetMs} />
          <h2 id="live-q-prompt" className="text-lg font-medium">
            {question.prompt}
          </h2>
          {tiles ? (
            <AnswerTiles options={tiles} multiple={question.type === "multiple-select"} selected={chosen()} disabled={sent || answer.isPending} onPick={pick} />
          ) : (
            <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <QuestionInput
                id="live-q"
                view={question}
                value={draft}
                disabled={sent || answer.isPending}
                onChange={(value) => setDrafts((current) => ({ ...current, [room.current]: value }))}
              />
            </div>
          )}
          {answer.error && answer.variables?.question === room.current ? <Alert>{errorMessage(answer.error)}</Alert> : null}
          {sent ? (
            <p role="status" className="font-semibold">
              Answer received. Wait for the results…
            </p>
          ) : !instant ? (
            <Button className="w-full py-3 text-lg" disabled={!draft || !isComplete(question, draft) || answer.isPending} onClick={() => draft && send(draft)}>
              Submit answer
            </Button>
          ) : null}
        </section>
      ) : null}

      {room.state === "REVEAL" && question && room.revealed ? (
        <section aria-labelledby="live-reveal" className="space-y-4">
          <div role="status" className={`rounded-lg p-4 text-white ${room.you.correct ? "bg-green-800" : "bg-red-800"}`}>
            <p id="live-reveal" className="text-2xl font-bold" data-testid="live-verdict">
              {!room.you.answered ? "No answer this time" : room.you.correct ? "Correct" : room.you.points ? "Partly right" : "Not this time"}
            </p>
            <p className="text-lg">
              <span data-testid="live-points">+{room.you.points ?? 0}</span> points · you are <strong data-testid="live-rank">#{room.you.rank}</strong>
              {room.you.streak > 1 ? ` · answer streak ${room.you.streak}` : ""}
            </p>
          </div>
          <h2 className="text-lg font-semibold">
            Question {room.current + 1}: {question.prompt}
          </h2>
          {room.you.answered ? <QuestionFeedback view={question} revealed={room.revealed} points={room.you.points} /> : null}
          <Scoreboard rows={room.leaderboard} caption="Top five after this question" />
        </section>
      ) : null}

      {room.state === "FINISHED" ? (
        <section className="space-y-4">
          <Podium rows={room.leaderboard} size={room.options.podiumSize} />
          <p className="text-lg" role="status">
            You finished <strong data-testid="live-rank">#{room.you.rank}</strong> with {room.you.score} points.
            {room.you.guest ? " Create an account to keep your progress and earn XP next time." : ""}
          </p>
        </section>
      ) : null}
    </div>
  );
}
