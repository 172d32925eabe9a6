import { answerKey, plainAnswer } from "./answer-compare";

// Multiple-choice questions in Learn mode: the right answer among distractors drawn from the
// other cards of the same deck, as Quizlet does. Built on the server; the browser gets the options
// only, and learns which was right after answering.

export const MAX_CHOICES = 4;

/** A random integer in [0, n), injectable so tests can fix the draw. */
export type RandomInt = (n: number) => number;

export const mathRandomInt: RandomInt = (n) => Math.floor(Math.random() * n);

/**
 * The options for one question: the answer and up to `max - 1` distractors, each distinct from the
 * answer and from each other (compared as typed answers are: no case, accents or outer punctuation).
 * Returns null when the deck offers no distractor at all (the question is then asked typed).
 */
export function buildChoices(options: { answer: string; candidates: readonly string[]; max?: number; randomInt?: RandomInt }): { options: string[]; correctIndex: number } | null {
  const max = Math.max(2, Math.min(options.max ?? MAX_CHOICES, MAX_CHOICES));
  const randomInt = options.randomInt ?? mathRandomInt;
  const seen = new Set([answerKey(plainAnswer(options.answer))]);
  const pool: string[] = [];
  for (const candidate of options.candidates) {
    const key = answerKey(plainAnswer(candidate));
    if (!key || seen.has(key)) continue;
    seen.add(key);
    pool.push(candidate);
  }
  if (!pool.length) return null;
  // A partial Fisher–Yates shuffle: the first `take` entries are a uniform draw.
  const take = Math.min(max - 1, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + randomInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const distractors = pool.slice(0, take);
  const correctIndex = randomInt(take + 1);
  distractors.splice(correctIndex, 0, options.answer);
  return { options: distractors, correctIndex };
}
