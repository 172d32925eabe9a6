"use client";

import { useMutation } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { Countdown } from "@/app/(learn)/_quiz/countdown";
import { Podium, Scoreboard } from "@/app/(learn)/_quiz/live-boards";
import { QuestionFeedback } from "@/app/(learn)/_quiz/question-input";

function clockOffset(serverNow: Date | string): number {
  return new Date(serverNow).getTime() - Date.now();
}

/** The host's screen, for a projector: the code, who joined, live answer counts, results, podium. */
export function LiveHost({ code }: { code: string }) {
  const trpc = useTRPC();
  const [offsetMs, setOffsetMs] = useState(0);
  const subscription = useSubscription(trpc.quiz.live.hostWatch.subscriptionOptions({ code }, { onData: (data) => setOffsetMs(clockOffset(data.serverNow)) }));
  const action = useMutation(trpc.quiz.live.host.mutationOptions());
  const room = subscription.data;
  if (subscription.error) return <Alert>{subscription.error.message}</Alert>;
  if (!room) return <p role="status">Opening room {code}…</p>;
  const act = (name: "start" | "reveal" | "next" | "finish") => action.mutate({ code, action: name, version: room.version });
  const last = room.current + 1 >= room.questionCount;
  const joinUrl = `${typeof window === "undefined" ? "" : window.location.origin}/live`;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Live quiz · {room.quiz.lesson} · {room.quiz.course}
          </p>
          <h1 className="text-3xl font-bold">{room.quiz.title ?? "Live quiz"}</h1>
        </div>
        <div className="text-right">
          <p className="text-sm">
            Join at <strong>{joinUrl}</strong> with code
          </p>
          <p className="font-mono text-5xl font-bold tracking-widest" data-testid="room-code">
            {room.code}
          </p>
        </div>
      </header>
      {action.error ? <Alert>{errorMessage(action.error)}</Alert> : null}
      <p aria-live="polite" className="text-lg">
        <span data-testid="player-count">{room.playerCount}</span> {room.playerCount === 1 ? "player" : "players"}
        {room.state === "QUESTION" ? (
          <>
            {" "}
            · <span data-testid="answer-count">{room.answerCount}</span> answered
          </>
        ) : null}
      </p>

      {room.state === "LOBBY" ? (
        <section aria-labelledby="lobby-heading" className="space-y-4">
          <h2 id="lobby-heading" className="text-xl font-semibold">
            Waiting for players
          </h2>
          <ul className="flex flex-wrap gap-2" aria-label="Players in the room">
            {room.players.map((name, index) => (
              <li key={index} className="rounded-full border border-slate-300 px-3 py-1 dark:border-slate-700">
                {name}
              </li>
            ))}
          </ul>
          <Button disabled={room.playerCount === 0 || action.isPending} onClick={() => act("start")}>
            Start the quiz
          </Button>
        </section>
      ) : null}

      {room.state === "QUESTION" && room.question && room.openedAt ? (
        <section aria-labelledby="host-q" className="space-y-4">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Question {room.current + 1} of {room.questionCount}
          </p>
          <Countdown key={room.current} deadline={new Date(room.openedAt).getTime() + room.limitMs} limitMs={room.limitMs} offsetMs={offsetMs} />
          <h2 id="host-q" className="text-2xl font-semibold">
            {room.question.prompt}
          </h2>
          {"options" in room.question ? (
            <ol className="grid gap-2 sm:grid-cols-2">
              {room.question.options.map((option, index) => (
                <li key={index} className="rounded-md border border-slate-300 p-3 text-lg dark:border-slate-700">
                  {option}
                </li>
              ))}
            </ol>
          ) : null}
          <Button disabled={action.isPending} onClick={() => act("reveal")}>
            {room.answerCount >= room.playerCount ? "Everyone answered: show results" : "Show results"}
          </Button>
        </section>
      ) : null}

      {room.state === "REVEAL" && room.question && room.revealed ? (
        <section aria-labelledby="host-reveal" className="space-y-4">
          <h2 id="host-reveal" className="text-2xl font-semibold">
            {room.question.prompt}
          </h2>
          <QuestionFeedback view={room.question} revealed={room.revealed} verdict={false} />
          <p className="text-lg">
            {room.correctCount} of {room.playerCount} answered correctly.
          </p>
          <Scoreboard rows={room.leaderboard} caption="Leaderboard" />
          <div className="flex flex-wrap gap-3">
            <Button disabled={action.isPending} onClick={() => act(last ? "finish" : "next")}>
              {last ? "Show the podium" : "Next question"}
            </Button>
            {!last ? (
              <Button variant="secondary" disabled={action.isPending} onClick={() => act("finish")}>
                End here with the podium
              </Button>
            ) : null}
          </div>
        </section>
      ) : null}

      {room.state === "FINISHED" ? (
        <section className="space-y-4">
          <Podium rows={room.leaderboard} />
          <Scoreboard rows={room.leaderboard} caption="Final leaderboard" />
        </section>
      ) : null}
    </div>
  );
}
