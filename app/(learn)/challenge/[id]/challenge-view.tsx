"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { challengeOutcome } from "@/lib/quiz/challenge-outcome";
import type { AppRouter } from "@/server/router";
import { AttemptPlayer } from "@/app/(learn)/_quiz/attempt-player";

type Challenge = inferRouterOutputs<AppRouter>["quiz"]["challenge"]["get"];

const verdict = (result: { fraction: number; points: number } | null) =>
  result === null ? "No answer" : `${result.fraction === 1 ? "Correct" : result.fraction > 0 ? "Partly correct" : "Not correct"} · ${result.points} points`;

/** A friend challenge: play it once, then compare answer by answer and see the leaderboard. */
export function ChallengeView({ initial }: { initial: Challenge }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.quiz.challenge.get.queryOptions({ challengeId: initial.id }), initialData: initial });
  const challenge = query.data;
  const start = useMutation(trpc.quiz.challenge.start.mutationOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.quiz.challenge.get.queryKey({ challengeId: initial.id }) });
  const finished = challenge.mine?.state === "FINISHED";
  const who = challenge.creator.isYou ? "Your challenge" : `${challenge.creator.name} challenges you`;
  const outcome =
    finished && !challenge.creator.isYou && challenge.creator.points !== null && challenge.mine?.points != null
      ? challengeOutcome({ mine: challenge.mine.points, theirs: challenge.creator.points, theirName: challenge.creator.name })
      : null;
  const outcomeStyle = { win: "border-green-600 bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-100", lose: "border-red-600 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100", tie: "border-slate-400 bg-slate-50 text-slate-900 dark:bg-slate-900 dark:text-slate-100" };
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {challenge.quiz.lesson.title} · {challenge.quiz.course.title}
        </p>
        <h1 className="text-3xl font-bold tracking-tight">{who}</h1>
        <p className="text-slate-700 dark:text-slate-300">
          {challenge.questionCount} questions, {Math.round(challenge.timeLimitMs / 1000)} seconds each: the same questions, in the same order, for everyone who opens this link.
          {challenge.creator.points !== null && !challenge.creator.isYou ? ` ${challenge.creator.name} scored ${challenge.creator.points} points.` : ""}
        </p>
      </header>

      {start.error ? <Alert>{errorMessage(start.error)}</Alert> : null}
      {start.data ? (
        <AttemptPlayer initial={start.data} onFinished={refresh} />
      ) : !finished ? (
        <Button disabled={start.isPending} onClick={() => start.mutate({ challengeId: challenge.id })}>
          {challenge.mine ? "Resume the challenge" : "Play the challenge"}
        </Button>
      ) : null}

      {outcome ? (
        <p role="status" data-outcome={outcome.outcome} className={`rounded-lg border-l-4 p-4 text-lg font-semibold ${outcomeStyle[outcome.outcome]}`}>
          {outcome.line}
        </p>
      ) : null}

      {finished && challenge.comparison ? (
        <section aria-labelledby="compare-heading" className="space-y-3">
          <h2 id="compare-heading" className="text-2xl font-semibold">
            Side by side
          </h2>
          <div className="relative overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">Your answers beside {challenge.creator.name}&apos;s</caption>
              <thead>
                <tr className="border-b border-slate-300 dark:border-slate-700">
                  <th scope="col" className="py-2 pr-4">
                    Question
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    You ({challenge.mine?.points ?? 0})
                  </th>
                  <th scope="col" className="py-2">
                    {challenge.creator.name} ({challenge.creator.points ?? 0})
                  </th>
                </tr>
              </thead>
              <tbody>
                {challenge.comparison.map((row, index) => (
                  <tr key={index} className="border-b border-slate-200 dark:border-slate-800">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      {index + 1}. {row.prompt}
                    </th>
                    <td className="py-2 pr-4">{verdict(row.mine)}</td>
                    <td className="py-2">{verdict(row.theirs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="leaderboard-heading" className="space-y-3">
        <h2 id="leaderboard-heading" className="text-2xl font-semibold">
          Leaderboard
        </h2>
        {challenge.leaderboard.length === 0 ? (
          <p>No one has finished this challenge yet.</p>
        ) : (
          <table className="w-full max-w-xl border-collapse text-left text-sm">
            <caption className="sr-only">Everyone who finished this challenge, best first</caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="py-2 pr-4">
                  Rank
                </th>
                <th scope="col" className="py-2 pr-4">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4">
                  Points
                </th>
                <th scope="col" className="py-2">
                  Correct
                </th>
              </tr>
            </thead>
            <tbody>
              {challenge.leaderboard.map((row) => (
                <tr key={row.rank} className={`border-b border-slate-200 dark:border-slate-800 ${row.isYou ? "font-semibold" : ""}`}>
                  <td className="py-2 pr-4">{row.rank}</td>
                  <td className="py-2 pr-4">
                    {row.name}
                    {row.isYou ? " (you)" : ""}
                  </td>
                  <td className="py-2 pr-4">{row.points}</td>
                  <td className="py-2">
                    {row.correct} of {challenge.questionCount}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
