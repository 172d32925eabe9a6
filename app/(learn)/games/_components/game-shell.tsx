"use client";

import type { ReactNode } from "react";
import type { GameId } from "@/lib/games/catalog";
import type { GameEvents } from "@/lib/games/session";
import { ResultPanel, type FinishResult } from "./result-panel";
import { Scoreboard } from "./scoreboard";
import type { RouterOutputs } from "./types";
import { useGameSession } from "./use-game-session";
import { useVariant, VariantPicker } from "./variant-picker";

export type StartedSession = RouterOutputs["game"]["start"];

/** Choose a mode and level, play, see the server's result; bests and the leaderboard alongside. */
export function GameShell({
  game,
  play,
  stats,
}: {
  game: GameId;
  play: (session: StartedSession, end: (events: GameEvents) => void) => ReactNode;
  stats: (result: FinishResult) => { label: string; value: string; testId?: string }[];
}) {
  const [variant, setVariant] = useVariant(game);
  const state = useGameSession(game);
  const session = state.session;
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <div className="min-w-0 space-y-4">
        {state.phase === "choose" ? (
          <VariantPicker
            game={game}
            mode={variant.mode}
            level={variant.level}
            onChange={setVariant}
            starting={state.starting}
            error={state.startError}
            onStart={() => void state.begin(variant.mode, variant.level).catch(() => undefined)}
          />
        ) : null}
        {state.phase === "play" && session ? (
          <div key={session.sessionId}>
            {session.note ? <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">{session.note}</p> : null}
            {play(session, (events) => state.end(session.sessionId, events))}
          </div>
        ) : null}
        {state.phase === "result" ? <ResultPanel result={state.result} pending={state.finishing} error={state.finishError} stats={stats} onAgain={state.again} /> : null}
      </div>
      <Scoreboard game={game} mode={session?.mode ?? variant.mode} level={session?.level ?? variant.level} />
    </div>
  );
}
