"use client";

import { useEffect, useRef, useState } from "react";
import { GAMES } from "@/lib/games/catalog";
import { type GradedAnswer, MATH_PRACTICE_PROBLEMS, type MathAnswer, type MathLevel, problemAt } from "@/lib/games/math";
import { Button } from "@/app/_components/button";
import { clockNow, msSince } from "../_components/clock";
import { GameShell, type StartedSession } from "../_components/game-shell";

export function MathGame() {
  return (
    <GameShell
      game="math"
      play={(session, end) => <MathRound session={session} onEnd={(answers) => end({ game: "math", answers })} />}
      stats={(result) => [
        { label: "Correct", value: String(result.stats.correct), testId: "result-correct" },
        { label: "Answered", value: String(result.stats.attempted) },
        { label: "Accuracy", value: `${result.stats.accuracy}%` },
        { label: "Answers per minute", value: String(result.stats.answersPerMinute) },
      ]}
    />
  );
}

/** A moment before the first problem and after each answer: time to read the feedback. */
const BEAT_MS = 500;
const OPS_SPOKEN: Record<string, string> = { "+": "plus", "−": "minus", "×": "times", "÷": "divided by" };

function MathRound({ session, onEnd }: { session: StartedSession; onEnd: (answers: MathAnswer[]) => void }) {
  const reviewFacts = session.content.game === "math" ? session.content.reviewFacts : [];
  const level = session.level as MathLevel;
  const limitMs = (GAMES.math.modes as Record<string, { limitMs: number | null }>)[session.mode]?.limitMs ?? null;
  const [answers, setAnswers] = useState<MathAnswer[]>([]);
  const [graded, setGraded] = useState<GradedAnswer[]>([]);
  const [value, setValue] = useState("");
  const [ready, setReady] = useState(false);
  const [feedback, setFeedback] = useState<string>("");
  const [elapsed, setElapsed] = useState(0);
  const startedAt = useRef<number | null>(null);
  const ended = useRef(false);
  const input = useRef<HTMLInputElement>(null);

  const problem = problemAt({ level, seed: session.seed, index: answers.length, reviewFacts, graded });

  useEffect(() => {
    startedAt.current = clockNow();
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), BEAT_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (ready) input.current?.focus();
  }, [ready]);

  useEffect(() => {
    if (limitMs === null) return;
    const timer = setInterval(() => setElapsed(msSince(startedAt.current)), 250);
    return () => clearInterval(timer);
  }, [limitMs]);

  useEffect(() => {
    if (ended.current) return;
    if ((limitMs !== null && elapsed >= limitMs) || (limitMs === null && answers.length >= MATH_PRACTICE_PROBLEMS)) {
      ended.current = true;
      onEnd(answers);
    }
  }, [elapsed, answers, limitMs, onEnd]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!ready || ended.current || value.trim() === "") return;
    const t = msSince(startedAt.current);
    if (limitMs !== null && t > limitMs) return;
    const given = value.trim();
    const correct = Number(given.replace(/^[−–]/, "-")) === problem.answer;
    setGraded((g) => [...g, { problem, given, correct, ms: t - (answers.at(-1)?.t ?? 0) }]);
    setAnswers((a) => [...a, { t, answer: given }]);
    setFeedback(correct ? `Right: ${problem.a} ${problem.op} ${problem.b} = ${problem.answer}` : `Not quite: ${problem.a} ${problem.op} ${problem.b} = ${problem.answer}`);
    setValue("");
    setReady(false);
    setTimeout(() => setReady(true), BEAT_MS);
  }

  return (
    <div className="space-y-4">
      <div className="flex gap-6 text-lg" aria-hidden="true">
        {limitMs !== null ? <span data-testid="countdown">{Math.max(0, Math.ceil((limitMs - elapsed) / 1000))} s left</span> : <span>Problem {Math.min(answers.length + 1, MATH_PRACTICE_PROBLEMS)} of {MATH_PRACTICE_PROBLEMS}</span>}
        <span>{graded.filter((g) => g.correct).length} correct</span>
      </div>
      <form onSubmit={submit} className="space-y-3">
        <p className="text-5xl font-bold tabular-nums" data-testid="problem" aria-label={ready ? `${problem.a} ${OPS_SPOKEN[problem.op]} ${problem.b}` : "Get ready"}>
          {ready ? `${problem.a} ${problem.op} ${problem.b} = ?` : "Get ready…"}
        </p>
        <label htmlFor="math-answer" className="block text-sm font-medium">
          Your answer
        </label>
        <div className="flex gap-3">
          <input
            id="math-answer"
            ref={input}
            inputMode="numeric"
            autoComplete="off"
            value={value}
            onChange={(event) => setValue(event.target.value.replace(/[^\d\-−]/g, "").slice(0, 8))}
            readOnly={!ready}
            className="w-40 rounded-md border border-slate-300 bg-white px-3 py-2 text-2xl dark:border-slate-600 dark:bg-slate-900"
          />
          <Button type="submit" disabled={!ready}>
            Answer
          </Button>
        </div>
      </form>
      <p role="status" aria-live="polite" data-testid="math-feedback" className="min-h-6">
        {feedback}
      </p>
    </div>
  );
}
