"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/app/_components/alert";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";

/** Opting out hides the learner from every leaderboard at once; it takes effect immediately. */
export function LeaderboardVisibility({ optOut }: { optOut: boolean }) {
  const trpc = useTRPC();
  const [hidden, setHidden] = useState(optOut);
  // The box follows the click at once; a failed save puts it back and says why.
  const save = useMutation(
    trpc.gamification.setLeaderboardOptOut.mutationOptions({
      onSuccess: (result) => setHidden(result.optOut),
      onError: (_error, input) => setHidden(!input.optOut),
    }),
  );
  return (
    <section aria-labelledby="leaderboard-visibility" className="mt-10 space-y-3">
      <h2 id="leaderboard-visibility" className="text-lg font-semibold">
        Leaderboards
      </h2>
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1 h-4 w-4"
          checked={hidden}
          disabled={save.isPending}
          onChange={(event) => {
            setHidden(event.target.checked);
            save.mutate({ optOut: event.target.checked });
          }}
        />
        <span>
          <span className="block font-medium">Hide me from leaderboards</span>
          <span className="block text-sm text-slate-600 dark:text-slate-400">Nobody, you included, will see your name in any league. Your XP, streak and badges are unaffected.</span>
        </span>
      </label>
      <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {save.isSuccess ? (hidden ? "You are now hidden from leaderboards." : "You appear on leaderboards again.") : ""}
      </p>
      {save.error ? <Alert>{errorMessage(save.error)}</Alert> : null}
    </section>
  );
}
