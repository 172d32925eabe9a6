"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { GAMES, type GameId, type GameSpec } from "@/lib/games/catalog";
import { useTRPC } from "@/app/_trpc/client";

/** The learner's personal best for the chosen variant and the leaderboard (this UTC week or all time). */
export function Scoreboard({ game, mode, level }: { game: GameId; mode: string; level: string }) {
  const trpc = useTRPC();
  const [period, setPeriod] = useState<"week" | "all">("week");
  const spec: GameSpec = GAMES[game];
  const bests = useQuery(trpc.game.personalBests.queryOptions({ game }));
  const board = useQuery(trpc.game.leaderboard.queryOptions({ game, mode, level, period }));
  const best = bests.data?.find((b) => b.mode === mode && b.level === level);
  const variantLabel = `${spec.modes[mode]?.label ?? mode}, ${spec.levels[level]?.label ?? level}`;
  return (
    <aside className="space-y-4" aria-label="Scores">
      <section>
        <h2 className="text-lg font-semibold">Personal best</h2>
        <p className="text-sm text-slate-600 dark:text-slate-300">{variantLabel}</p>
        <p className="text-2xl font-bold" data-testid="personal-best">
          {bests.isPending ? "…" : best ? `${best.best} ${spec.scoreLabel}` : "None yet"}
        </p>
        {best ? <p className="text-sm text-slate-600 dark:text-slate-300">{best.played === 1 ? "1 game" : `${best.played} games`} played</p> : null}
      </section>
      <section>
        <h2 className="text-lg font-semibold" id="leaderboard-heading">
          Leaderboard
        </h2>
        <div role="group" aria-label="Period" className="mt-2 inline-flex rounded-md border border-slate-300 dark:border-slate-600">
          {(["week", "all"] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={period === value}
              onClick={() => setPeriod(value)}
              className="px-3 py-1 text-sm aria-pressed:bg-brand-600 aria-pressed:text-white"
            >
              {value === "week" ? "This week" : "All time"}
            </button>
          ))}
        </div>
        {board.data && board.data.rows.length > 0 ? (
          <table className="mt-3 w-full text-left text-sm" aria-labelledby="leaderboard-heading" data-testid="leaderboard">
            <thead>
              <tr>
                <th scope="col" className="py-1">
                  Rank
                </th>
                <th scope="col">Player</th>
                <th scope="col" className="text-right">
                  Best ({spec.scoreLabel})
                </th>
              </tr>
            </thead>
            <tbody>
              {board.data.rows.map((row) => (
                <tr key={`${row.rank}-${row.name}-${row.you}`} className={row.you ? "font-semibold" : undefined} data-you={row.you || undefined}>
                  <td className="py-1">{row.rank}</td>
                  <td>{row.you ? `${row.name} (you)` : row.name}</td>
                  <td className="text-right">{row.score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">{board.isPending ? "Loading…" : "No scores yet: be the first."}</p>
        )}
      </section>
    </aside>
  );
}
