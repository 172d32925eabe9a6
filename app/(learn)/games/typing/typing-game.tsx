"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { GAMES } from "@/lib/games/catalog";
import { applyKeystrokes, BACKSPACE, type Keystroke, type LetterState, typingMetrics, wordLetters } from "@/lib/games/typing";
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

// Monkeytype's palette in this site's colours: typed right in full contrast, wrong in red, extra
// in dark red, missed letters of a word submitted early underlined; not reached yet in grey.
const LETTER_STYLE: Record<LetterState, string> = {
  correct: "text-slate-900 dark:text-slate-100",
  incorrect: "text-red-700 dark:text-red-400",
  extra: "text-red-900 opacity-80 dark:text-red-300",
  missed: "text-slate-500 underline decoration-red-600 decoration-dotted dark:text-slate-400",
  pending: "text-slate-500 dark:text-slate-400",
};

/**
 * The test is typed on the passage itself: a caret moves through the words as you type and each
 * letter takes its colour. Keys go to an input kept off screen inside the passage, which is what
 * holds focus (so phones open their keyboard, and screen readers announce the next word); the
 * keystroke log it builds, and so every metric and the server's checks, are the same as before.
 */
function TypingTest({ session, onEnd }: { session: StartedSession; onEnd: (keys: Keystroke[]) => void }) {
  const content = session.content.game === "typing" ? session.content : null;
  const limitMs = (GAMES.typing.modes as Record<string, { limitMs: number | null }>)[session.mode]?.limitMs ?? null;
  const words = useMemo(() => content?.words ?? [], [content]);
  const [keys, setKeys] = useState<Keystroke[]>([]);
  const [now, setNow] = useState(0);
  const [focused, setFocused] = useState(false);
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

  // Every key, however it arrives, becomes one entry of the log (time since the first key).
  const press = useCallback((k: string) => {
    if (startedAt.current === null) startedAt.current = clockNow();
    const t = msSince(startedAt.current);
    setKeys((previous) => [...previous, { t, k }]);
    setNow(t);
  }, []);

  // A character key pressed on the page while the passage lost focus brings it back and is typed
  // (Tab and other controls keep working), as Monkeytype's "press any key to focus".
  useEffect(() => {
    const refocus = (event: KeyboardEvent) => {
      if (ended.current || document.activeElement === input.current || event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, button, a, summary, [contenteditable]")) return;
      event.preventDefault();
      input.current?.focus();
      if (event.key !== " ") press(event.key);
    };
    document.addEventListener("keydown", refocus, true);
    return () => document.removeEventListener("keydown", refocus, true);
  }, [press]);

  // Phone keyboards send no usable key code ("Unidentified"), so their keydown is not taken above:
  // read what they insert instead (the native event: React's onBeforeInput misses deletions).
  useEffect(() => {
    const element = input.current;
    if (!element) return;
    const onBeforeInput = (event: InputEvent) => {
      event.preventDefault();
      if (ended.current) return;
      if (event.inputType === "deleteContentBackward") press(BACKSPACE);
      else if (event.data) for (const char of event.data) press(char);
    };
    element.addEventListener("beforeinput", onBeforeInput);
    return () => element.removeEventListener("beforeinput", onBeforeInput);
  }, [press]);


  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (ended.current || event.ctrlKey || event.metaKey || event.altKey) return;
    const k = event.key === "Backspace" ? BACKSPACE : event.key.length === 1 ? event.key : null;
    if (k === null) return;
    event.preventDefault();
    press(k);
  }


  const elapsedMs = keys.length ? now : 0;
  const live = keys.length > 1 && elapsedMs > 0 ? typingMetrics(words, keys, Math.max(elapsedMs, 1000)) : null;
  const firstVisible = Math.max(0, state.word - 10);
  const lastWrong = state.word > 0 && state.inputs[state.word - 1] !== words[state.word - 1] ? words[state.word - 1] : null;
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
        {limitMs !== null ? `The ${limitMs / 1000}-second clock starts with your first key.` : "No clock: the test ends with the last word."} Type on the text below: Space moves to the next
        word; Backspace corrects (a word typed right is locked).
      </p>
      <div
        className={`relative cursor-text rounded-lg border p-4 font-mono text-xl leading-loose ${focused ? "border-brand-600 ring-2 ring-brand-600/40" : "border-slate-300 dark:border-slate-600"}`}
        data-testid="passage"
        data-focused={focused}
        onMouseDown={(event) => {
          // Clicking the text keeps focus in the hidden input instead of selecting letters.
          event.preventDefault();
          input.current?.focus();
        }}
      >
        <label className="sr-only" htmlFor="typing-input">
          Type here
        </label>
        <input
          id="typing-input"
          ref={input}
          value=""
          onChange={() => undefined}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          aria-describedby="typing-help typing-now"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          className="absolute top-0 left-0 h-px w-px opacity-0"
        />
        <div aria-hidden="true" className={focused ? "" : "blur-[2px]"}>
          {words.slice(firstVisible, firstVisible + VISIBLE_WORDS).map((word, offset) => {
            const index = firstVisible + offset;
            const typed = state.inputs[index] ?? "";
            const current = index === state.word;
            const submitted = index < state.word;
            const wrongWord = submitted && typed !== word;
            const letters = wordLetters(word, typed, submitted);
            return (
              <span
                key={index}
                className={`mr-3 inline-block ${wrongWord ? "underline decoration-red-600 decoration-wavy decoration-2 underline-offset-4" : ""}`}
                data-state={submitted ? (wrongWord ? "wrong" : "right") : current ? "current" : "pending"}
              >
                {letters.map((letter, c) => (
                  <span key={c} className={`relative ${LETTER_STYLE[letter.state]}`} data-letter={letter.state}>
                    {current && c === typed.length ? <Caret at="left" moving={running} /> : null}
                    {letter.char}
                    {current && c === letters.length - 1 && typed.length >= letters.length ? <Caret at="right" moving={running} /> : null}
                  </span>
                ))}
              </span>
            );
          })}
        </div>
        {!focused ? (
          <p className="absolute inset-0 flex items-center justify-center rounded-lg bg-white/60 text-base font-sans font-semibold text-slate-900 dark:bg-slate-950/60 dark:text-slate-100" aria-hidden="true">
            Click here or press any letter to type
          </p>
        ) : null}
      </div>
      <p className="sr-only" id="typing-now" aria-live="polite">
        {state.word < words.length ? `${lastWrong ? `Previous word wrong: ${lastWrong}. ` : ""}Next word: ${words[state.word]}` : ""}
      </p>
    </div>
  );
}

/** The caret: a bar before the next letter (or after the last one), blinking until typing starts. */
function Caret({ at, moving }: { at: "left" | "right"; moving: boolean }) {
  return (
    <span
      data-testid="caret"
      className={`pointer-events-none absolute top-[12%] h-[76%] w-0.5 rounded bg-brand-600 motion-safe:transition-all dark:bg-brand-100 ${at === "left" ? "-left-px" : "-right-px"} ${moving ? "" : "motion-safe:animate-pulse"}`}
    />
  );
}
