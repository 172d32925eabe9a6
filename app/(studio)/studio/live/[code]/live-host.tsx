"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { renderSVG } from "uqr";
import { tileFor } from "@/lib/quiz/tiles";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { TileGrid, TileShapeIcon } from "@/app/(learn)/_quiz/answer-tiles";
import { Countdown } from "@/app/(learn)/_quiz/countdown";
import { Podium, Scoreboard } from "@/app/(learn)/_quiz/live-boards";
import { playChime, playLobbyLoop, playTick, unlockSound } from "@/app/(learn)/_quiz/live-sound";
import { QuestionFeedback } from "@/app/(learn)/_quiz/question-input";
import type { LiveHostView } from "@/server/quiz/live";

const subscribeToNothing = () => () => {};

function clockOffset(serverNow: Date | string): number {
  return new Date(serverNow).getTime() - Date.now();
}

/** A QR code of the join URL, drawn here (uqr, no network): phones scan it to land on /join with the code filled in. */
function JoinQr({ url }: { url: string }) {
  const svg = renderSVG(url, { border: 2, ecc: "M" });
  return (
    <figure className="w-40 rounded bg-white p-1">
      <div role="img" aria-label={`QR code of ${url}`} dangerouslySetInnerHTML={{ __html: svg }} />
    </figure>
  );
}

/** The answer spread after the deadline: one bar per tile (its colour and shape), the correct ones marked. */
function Distribution({ view }: { view: LiveHostView }) {
  const dist = view.distribution;
  if (!dist || !view.question) return null;
  const labels =
    dist.kind === "options" && "options" in view.question
      ? view.question.options
      : dist.kind === "true-false"
        ? ["True", "False"]
        : ["Correct", "Partly right", "Wrong"];
  const key = view.revealed?.key;
  const correct = key?.type === "single-choice" || key?.type === "multiple-select" ? key.correct : key?.type === "true-false" ? [key.answer ? 0 : 1] : dist.kind === "grades" ? [0] : [];
  const max = Math.max(1, ...dist.counts);
  return (
    <figure className="space-y-2">
      <figcaption className="font-semibold">How the room answered</figcaption>
      <ul className="flex h-56 items-end gap-4" data-testid="distribution">
        {dist.counts.map((count, index) => (
          <li key={index} className="flex h-full flex-1 flex-col items-center justify-end gap-1">
            <span className="text-2xl font-bold tabular-nums">{count}</span>
            <div className={`w-full rounded-t ${dist.kind === "grades" ? ["bg-green-800", "bg-amber-800", "bg-red-700"][index] : tileFor(index).className}`} style={{ height: `${(count / max) * 100}%`, minHeight: 4 }} aria-hidden="true" />
            <span className="flex items-center gap-1 text-center text-sm">
              {dist.kind !== "grades" ? (
                <span className={`inline-flex rounded p-0.5 ${tileFor(index).className}`}>
                  <TileShapeIcon index={index} className="h-4 w-4" />
                </span>
              ) : null}
              <span>
                {labels[index]}
                {correct.includes(index) ? " ✓ correct" : ""}
                <span className="sr-only">: {count} {count === 1 ? "answer" : "answers"}</span>
              </span>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/**
 * The host's screen, for a projector: the join URL, code and QR code, who joined (removable), each
 * question with its tiles, a countdown and "answered N / M", the answer spread with the key, the
 * top five, the podium and the full results with a CSV download. The countdown reveals by itself
 * at the deadline, as does everyone having answered.
 */
export function LiveHost({ code }: { code: string }) {
  const trpc = useTRPC();
  const [offsetMs, setOffsetMs] = useState(0);
  const subscription = useSubscription(trpc.quiz.live.hostWatch.subscriptionOptions({ code }, { onData: (data) => setOffsetMs(clockOffset(data.serverNow)) }));
  const action = useMutation(trpc.quiz.live.host.mutationOptions());
  const remove = useMutation(trpc.quiz.live.remove.mutationOptions());
  const room = subscription.data;
  const [soundOn, setSoundOn] = useState<boolean | null>(null);
  const sound = soundOn ?? room?.options.sound ?? false;
  // The site's address as the browser reached it; the server renders without it.
  const origin = useSyncExternalStore(subscribeToNothing, () => window.location.origin, () => "");

  // Sounds: the lobby loop while waiting, ticks in the last five seconds, a chime at the reveal.
  const state = room?.state;
  useEffect(() => {
    if (!sound || state !== "LOBBY") return;
    return playLobbyLoop();
  }, [sound, state]);
  const revealKey = room ? `${room.state}:${room.current}` : "";
  const lastReveal = useRef("");
  useEffect(() => {
    if (sound && revealKey.startsWith("REVEAL") && lastReveal.current !== revealKey) playChime();
    lastReveal.current = revealKey;
  }, [sound, revealKey]);
  const deadline = room?.openedAt ? new Date(room.openedAt).getTime() + room.limitMs : 0;
  useEffect(() => {
    if (!sound || state !== "QUESTION" || !deadline) return;
    const timer = setInterval(() => {
      const left = Math.ceil((deadline - (Date.now() + offsetMs)) / 1000);
      if (left >= 1 && left <= 5) playTick();
      if (left === 0) playTick(true);
    }, 1000);
    return () => clearInterval(timer);
  }, [sound, state, deadline, offsetMs]);

  // Everyone answered: show the results at once, as at the deadline.
  const act = (name: "start" | "reveal" | "next" | "finish") => {
    unlockSound();
    if (room) action.mutate({ code, action: name, version: room.version });
  };
  const everyone = room?.state === "QUESTION" && room.playerCount > 0 && room.answerCount >= room.playerCount;
  const version = room?.version;
  useEffect(() => {
    if (everyone && version !== undefined) action.mutate({ code, action: "reveal", version });
  }, [everyone, version]); // eslint-disable-line react-hooks/exhaustive-deps

  if (subscription.error) return <Alert>{subscription.error.message}</Alert>;
  if (!room) return <p role="status">Opening room {code}…</p>;
  const last = room.current + 1 >= room.questionCount;
  const joinUrl = `${origin}/join?code=${room.code}`;
  const tiles = room.question?.type === "single-choice" || room.question?.type === "multiple-select" ? room.question.options : room.question?.type === "true-false" ? ["True", "False"] : null;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Live quiz · {room.quiz.lesson} · {room.quiz.course}
          </p>
          <h1 className="text-3xl font-bold">{room.quiz.title ?? "Live quiz"}</h1>
          <Button
            variant="secondary"
            className="mt-2"
            aria-pressed={sound}
            onClick={() => {
              unlockSound();
              setSoundOn(!sound);
            }}
          >
            Sound {sound ? "on" : "off"}
          </Button>
        </div>
        <div className="flex items-center gap-4">
          <div className="text-right">
            <p className="text-sm">
              Join at <strong>{origin ? `${origin}/join` : "/join"}</strong> with code
            </p>
            <p className="font-mono text-5xl font-bold tracking-widest" data-testid="room-code">
              {room.code}
            </p>
          </div>
          {origin && room.state !== "FINISHED" ? <JoinQr url={joinUrl} /> : null}
        </div>
      </header>
      {action.error ? <Alert>{errorMessage(action.error)}</Alert> : null}
      {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
      <p aria-live="polite" className="text-xl">
        <span data-testid="player-count">{room.playerCount}</span> {room.playerCount === 1 ? "player" : "players"}
        {room.state === "QUESTION" ? (
          <>
            {" "}
            · answered <span data-testid="answer-count">{room.answerCount}</span> / {room.playerCount}
          </>
        ) : null}
      </p>

      {room.state === "LOBBY" ? (
        <section aria-labelledby="lobby-heading" className="space-y-4">
          <h2 id="lobby-heading" className="text-xl font-semibold">
            Waiting for players
          </h2>
          <PlayerChips players={room.players} disabled={remove.isPending} onRemove={(playerId) => remove.mutate({ code, playerId })} />
          {room.playerCount > room.players.length ? <p className="text-sm">and {room.playerCount - room.players.length} more</p> : null}
          <Button className="px-6 py-3 text-lg" disabled={room.playerCount === 0 || action.isPending} onClick={() => act("start")}>
            Start the quiz
          </Button>
        </section>
      ) : null}

      {room.state === "QUESTION" && room.question && room.openedAt ? (
        <section aria-labelledby="host-q" className="space-y-4">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Question {room.current + 1} of {room.questionCount}
          </p>
          <Countdown key={room.current} deadline={deadline} limitMs={room.limitMs} offsetMs={offsetMs} onExpire={() => act("reveal")} />
          <h2 id="host-q" className="text-3xl font-semibold">
            {room.question.prompt}
          </h2>
          {tiles ? <TileGrid options={tiles} /> : <p className="text-lg">Players type or arrange their answer on their device.</p>}
          <Button disabled={action.isPending} onClick={() => act("reveal")}>
            Show results now
          </Button>
        </section>
      ) : null}

      {room.state === "REVEAL" && room.question && room.revealed ? (
        <section aria-labelledby="host-reveal" className="space-y-6">
          <h2 id="host-reveal" className="text-2xl font-semibold">
            {room.question.prompt}
          </h2>
          {tiles ? (
            <TileGrid options={tiles} correct={room.revealed.key.type === "true-false" ? [room.revealed.key.answer ? 0 : 1] : "correct" in room.revealed.key ? room.revealed.key.correct : []} />
          ) : (
            <QuestionFeedback view={room.question} revealed={room.revealed} verdict={false} />
          )}
          <Distribution view={room} />
          <p className="text-lg">
            {room.correctCount} of {room.playerCount} answered correctly.
          </p>
          <Scoreboard rows={room.leaderboard} caption="Top five" />
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

      {room.state === "QUESTION" || room.state === "REVEAL" ? (
        <details className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <summary className="cursor-pointer font-semibold">Players ({room.playerCount})</summary>
          <PlayerChips players={room.players} disabled={remove.isPending} onRemove={(playerId) => remove.mutate({ code, playerId })} />
        </details>
      ) : null}

      {room.state === "FINISHED" ? <Results code={code} room={room} /> : null}
    </div>
  );
}

/** The players' names, each with a button that removes them from the room. */
function PlayerChips({ players, disabled, onRemove }: { players: LiveHostView["players"]; disabled: boolean; onRemove: (playerId: string) => void }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-2" aria-label="Players in the room">
      {players.map((player) => (
        <li key={player.id} className="flex items-center gap-1 rounded-full border border-slate-300 py-1 pl-3 pr-1 dark:border-slate-700">
          <span>{player.name}</span>
          <button
            type="button"
            className="rounded-full px-2 text-slate-600 hover:bg-red-100 hover:text-red-800 dark:text-slate-300"
            aria-label={`Remove ${player.name}`}
            disabled={disabled}
            onClick={() => onRemove(player.id)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function Results({ code, room }: { code: string; room: LiveHostView }) {
  const trpc = useTRPC();
  const { data: results, error } = useQuery(trpc.quiz.live.results.queryOptions({ code }));
  return (
    <section className="space-y-6">
      <Podium rows={room.leaderboard} size={room.options.podiumSize} />
      <div className="flex flex-wrap items-center gap-3">
        <a className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700" href={`/studio/live/${code}/results.csv`} download>
          Download results (CSV)
        </a>
      </div>
      {results ? (
        <table className="w-full border-collapse text-left">
          <caption className="mb-2 text-left font-semibold">All results</caption>
          <thead>
            <tr className="border-b border-slate-300 text-sm dark:border-slate-700">
              {["Rank", "Name", "Points", "Correct", "Answered"].map((label) => (
                <th key={label} scope="col" className="py-1 pr-4">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.rows.map((row, index) => (
              <tr key={index} className="border-b border-slate-200 dark:border-slate-800">
                <td className="py-1 pr-4">{row.rank}</td>
                <td className="py-1 pr-4">
                  {row.name}
                  {row.guest ? <span className="text-sm text-slate-600 dark:text-slate-400"> (guest)</span> : null}
                </td>
                <td className="py-1 pr-4">{row.score}</td>
                <td className="py-1 pr-4">
                  {row.correct} / {row.asked}
                </td>
                <td className="py-1 pr-4">{row.answered}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : error ? (
        <Alert>{errorMessage(error)}</Alert>
      ) : (
        <p role="status">Loading all results…</p>
      )}
    </section>
  );
}
