"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { GameId } from "@/lib/games/catalog";
import type { GameEvents } from "@/lib/games/session";
import { errorMessage } from "@/app/_trpc/errors";
import { useTRPC } from "@/app/_trpc/client";

/**
 * One game's life on the page: choose → play (the server deals the session) → finish (the server
 * scores the event log) → result. Bests and leaderboards refetch after every finish.
 */
export function useGameSession(game: GameId) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const start = useMutation(trpc.game.start.mutationOptions());
  const finish = useMutation(
    trpc.game.finish.mutationOptions({
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.game.personalBests.queryKey({ game }) });
        void queryClient.invalidateQueries({ queryKey: trpc.game.leaderboard.pathKey() });
      },
    }),
  );
  const [phase, setPhase] = useState<"choose" | "play" | "result">("choose");

  const begin = useCallback(
    async (mode: string, level: string) => {
      finish.reset();
      const session = await start.mutateAsync({ game, mode, level });
      setPhase("play");
      return session;
    },
    [finish, start, game],
  );

  const end = useCallback(
    (sessionId: string, events: GameEvents) => {
      setPhase("result");
      finish.mutate({ sessionId, events });
    },
    [finish],
  );

  return {
    phase,
    session: start.data ?? null,
    startError: start.error ? errorMessage(start.error) : null,
    starting: start.isPending,
    begin,
    end,
    result: finish.data ?? null,
    finishing: finish.isPending,
    finishError: finish.error ? errorMessage(finish.error) : null,
    again: () => {
      start.reset();
      finish.reset();
      setPhase("choose");
    },
  };
}
