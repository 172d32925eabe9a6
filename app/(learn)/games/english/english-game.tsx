"use client";

import { useEffect, useRef, useState } from "react";
import type { EnglishAnswer, EnglishItem } from "@/lib/games/english";
import { Button } from "@/app/_components/button";
import { clockNow, msSince } from "../_components/clock";
import { GameShell, type StartedSession } from "../_components/game-shell";

export function EnglishGame() {
  return (
    <GameShell
      game="english"
      play={(session, end) => <EnglishRound session={session} onEnd={(answers) => end({ game: "english", answers })} />}
      stats={(result) => [
        { label: "Correct", value: `${result.stats.correct} of ${result.stats.total}`, testId: "result-correct" },
        { label: "Accuracy", value: `${result.stats.accuracy}%` },
      ]}
    />
  );
}

/** A moment before the first item and after each answer, to read the feedback. */
const BEAT_MS = 800;

function speak(word: string) {
  if (typeof window === "undefined" || !("speechSynthesis" in window)) return false;
  const utterance = new SpeechSynthesisUtterance(word);
  utterance.lang = "en-US";
  utterance.rate = 0.8;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(utterance);
  return true;
}

function EnglishRound({ session, onEnd }: { session: StartedSession; onEnd: (answers: EnglishAnswer[]) => void }) {
  const items: EnglishItem[] = session.content.game === "english" ? session.content.items : [];
  const [answers, setAnswers] = useState<EnglishAnswer[]>([]);
  const [ready, setReady] = useState(false);
  const [feedback, setFeedback] = useState("");
  const startedAt = useRef<number | null>(null);
  const ended = useRef(false);
  const index = answers.length;
  const item = items[index];

  useEffect(() => {
    startedAt.current = clockNow();
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), BEAT_MS);
    return () => clearTimeout(timer);
  }, []);

  function answer(given: string) {
    if (!ready || ended.current || !item) return;
    const t = msSince(startedAt.current);
    const next = [...answers, { t, answer: given }];
    setAnswers(next);
    setFeedback(given.trim() ? `You answered “${given.trim()}”.` : "Skipped.");
    if (next.length === items.length) {
      ended.current = true;
      onEnd(next);
      return;
    }
    setReady(false);
    setTimeout(() => setReady(true), BEAT_MS);
  }

  return (
    <div className="space-y-4">
      <p className="text-lg" aria-hidden="true">
        Item {Math.min(index + 1, items.length)} of {items.length}
      </p>
      {item && ready ? <ItemView key={index} item={item} number={index + 1} onAnswer={answer} /> : <p className="text-2xl">Get ready…</p>}
      <p role="status" aria-live="polite" className="min-h-6 text-slate-700 dark:text-slate-300" data-testid="english-feedback">
        {feedback}
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-300">Answers are marked at the end; missed words are listed there to practise.</p>
    </div>
  );
}

function ItemView({ item, number, onAnswer }: { item: EnglishItem; number: number; onAnswer: (given: string) => void }) {
  const [value, setValue] = useState("");
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null);
  // Items render only on the client, after the start: no server markup to match.
  const canSpeak = typeof window !== "undefined" && "speechSynthesis" in window;
  useEffect(() => {
    first.current?.focus();
  }, []);
  const headingId = `english-item-${number}`;

  if (item.kind === "vocabulary" || item.kind === "grammar") {
    return (
      <div role="group" aria-labelledby={headingId} className="space-y-3">
        <h2 id={headingId} className="text-2xl font-semibold">
          {item.kind === "vocabulary" ? `Which word means: “${item.definition}”?` : item.sentence.replace("___", "_____")}
        </h2>
        {item.kind === "grammar" ? <p className="text-sm text-slate-600 dark:text-slate-300">Choose the form that completes the sentence.</p> : null}
        <div className="grid gap-2 sm:grid-cols-2">
          {item.options.map((option, i) => (
            <button
              key={option}
              ref={i === 0 ? first : undefined}
              type="button"
              onClick={() => onAnswer(option)}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-left text-base font-semibold text-slate-900 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
            >
              {option}
            </button>
          ))}
        </div>
      </div>
    );
  }

  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        onAnswer(value);
      }}
    >
      <h2 className="text-2xl font-semibold" id={headingId}>
        {item.kind === "spelling" ? "Spell the word" : `Unscramble: ${item.letters.toUpperCase().split("").join(" ")}`}
      </h2>
      <p className="text-slate-700 dark:text-slate-300">Meaning: {item.definition}</p>
      {item.kind === "spelling" && canSpeak ? (
        <Button type="button" variant="secondary" onClick={() => speak(item.say)}>
          Hear the word
        </Button>
      ) : null}
      <label htmlFor={`answer-${number}`} className="block text-sm font-medium">
        Your word
      </label>
      <div className="flex gap-3">
        <input
          id={`answer-${number}`}
          ref={first}
          value={value}
          onChange={(event) => setValue(event.target.value.slice(0, 40))}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          className="w-64 rounded-md border border-slate-300 bg-white px-3 py-2 text-lg dark:border-slate-600 dark:bg-slate-900"
        />
        <Button type="submit">Check</Button>
      </div>
    </form>
  );
}
