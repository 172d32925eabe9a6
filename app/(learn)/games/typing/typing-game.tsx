"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { GAMES } from "@/lib/games/catalog";
import { applyKeystrokes, BACKSPACE, type Keystroke, typingMetrics } from "@/lib/games/typing";
import { clockNow, msSince } from "../_components/clock";
import { GameShell, type StartedSession } from "../_components/game-shell";

export function TypingGame() {
  return (
    <GameShell
      game="typing"
      play={(session, end) => <TypingTest session={session} onEnd={(keys) => end({ game: "typing", keys })} />}
      stats={(result) => [
        { label: "wpm", value: String(result.stats.wpm), testId: "result-wpm" },
        { label: "Accuracy", value: `${result.stats.accuracy}%` },
        { label: "Raw", value: String(result.stats.raw) },
        { label: "Consistency", value: `${result.stats.consistency}%` },
      ]}
    />
  );
}

const VISIBLE_WORDS = 60;

function TypingTest({ session, onEnd }: { session: StartedSession; onEnd: (keys: Keystroke[]) => void }) {
  const content = session.content.game === "typing" ? session.content : null;
  const limitMs = (GAMES.typing.modes as Record<string, { limitMs: number | null }>)[session.mode]?.limitMs ?? null;
  const words = useMemo(() => content?.words ?? [], [content]);
  const [keys, setKeys] = useState<Keystroke[]>([]);
  const [now, setNow] = useState(0);
  const startedAt = useRef<number | null>(null);
  const ended = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const state = useMemo(() => applyKeystrokes(words, keys), [words, keys]);

  useEffect(() => input.current?.focus(), []);

  // The clock starts at the first keystroke; a timed test ends at its limit.
  const running = keys.length > 0;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(msSince(startedAt.current)), 200);
    return () => clearInterval(timer);
  }, [running]);

  useEffect(() => {
    if (ended.current) return;
    const done = (limitMs !== null && now >= limitMs) || state.word >= words.length;
    if (done && keys.length > 0) {
      ended.current = true;
      onEnd(limitMs !== null ? keys.filter((k) => k.t <= limitMs) : keys);
    }
  }, [now, state.word, words.length, limitMs, keys, onEnd]);

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (ended.current || event.ctrlKey || event.metaKey || event.altKey) return;
    const k = event.key === "Backspace" ? BACKSPACE : event.key.length === 1 ? event.key : null;
    if (k === null) return;
    event.preventDefault();
    if (startedAt.current === null) startedAt.current = clockNow();
    const t = msSince(startedAt.current);
    setKeys((previous) => [...previous, { t, k }]);
    setNow(t);
  }

  const elapsedMs = keys.length ? now : 0;
  const live = keys.length > 1 && elapsedMs > 0 ? typingMetrics(words, keys, Math.max(elapsedMs, 1000)) : null;
  const firstVisible = Math.max(0, state.word - 10);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-6 text-lg" aria-hidden="true">
        {limitMs !== null ? (
          <span data-testid="countdown">{Math.max(0, Math.ceil((limitMs - elapsedMs) / 1000))} s left</span>
        ) : (
          <span>
            Word {Math.min(state.word + 1, words.length)} of {words.length}
          </span>
        )}
        <span>{live ? `${Math.round(live.wpm)} wpm` : "— wpm"}</span>
        <span>{live ? `${Math.round(live.accuracy)}% accuracy` : ""}</span>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300" id="typing-help">
        {limitMs !== null ? `The ${limitMs / 1000}-second clock starts with your first key.` : "No clock: the test ends with the last word."} Space moves to the next word; Backspace corrects.
      </p>
      <div className="rounded-lg border border-slate-300 p-4 font-mono text-xl leading-loose dark:border-slate-600" data-testid="passage" aria-label="Passage to type">
        {words.slice(firstVisible, firstVisible + VISIBLE_WORDS).map((word, offset) => {
          const index = firstVisible + offset;
          const typed = state.inputs[index] ?? "";
          const current = index === state.word;
          const wrongWord = index < state.word && typed !== word;
          return (
            <span key={index} className={`mr-3 inline-block ${wrongWord ? "underline decoration-red-600 decoration-2" : ""}`} data-state={index < state.word ? (wrongWord ? "wrong" : "right") : current ? "current" : "pending"}>
              {[...word].map((char, c) => {
                const got = typed[c];
                const cls = got === undefined ? "text-slate-500 dark:text-slate-400" : got === char ? "text-slate-900 dark:text-slate-100" : "bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300";
                return (
                  <span key={c} className={`${cls} ${current && c === typed.length ? "border-l-2 border-brand-600" : ""}`}>
                    {char}
                  </span>
                );
              })}
              {typed.length > word.length ? <span className="bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300">{typed.slice(word.length)}</span> : null}
              {current && typed.length >= word.length ? <span className="border-l-2 border-brand-600" /> : null}
            </span>
          );
        })}
      </div>
      <label className="block text-sm font-medium" htmlFor="typing-input">
        Type here
      </label>
      <input
        id="typing-input"
        ref={input}
        value={state.inputs[state.word] ?? ""}
        onChange={() => undefined}
        onKeyDown={onKeyDown}
        aria-describedby="typing-help"
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-lg dark:border-slate-600 dark:bg-slate-900"
      />
      <p className="sr-only" aria-live="polite">
        {state.word < words.length ? `Next word: ${words[state.word]}` : ""}
      </p>
    </div>
  );
}
