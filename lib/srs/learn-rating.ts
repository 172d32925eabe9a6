import type { Rating } from "./scheduler";

// How a Learn-mode answer becomes an FSRS rating on the card's one schedule (docs/features.md):
// a wrong answer of either kind is Again; a typed answer that is right is Good; a right choice is
// Good when made within CHOICE_GOOD_WITHIN_MS, and Hard when it took longer (recognising the answer
// slowly is a weak recall). Easy is never given: Learn mode cannot tell "too easy" from "right".
// The time is measured by the server, from asking the question to receiving the answer.

export const CHOICE_GOOD_WITHIN_MS = 10_000;

export type LearnMode = "choice" | "typed";

export function learnRating(options: { mode: LearnMode; correct: boolean; elapsedMs: number }): Rating {
  if (!options.correct) return 1;
  if (options.mode === "typed") return 3;
  return options.elapsedMs <= CHOICE_GOOD_WITHIN_MS ? 3 : 2;
}
