// Points of a timed answer, after Kahoot's published rule: a correct answer at time t of a T-long
// countdown earns round(P × (1 − (t / T) / 2)), so an instant answer earns P and one at the buzzer
// P / 2. A partly correct answer (multiple select, ordering, matching, cloze) earns that times its
// fraction. Consecutive fully correct answers build an answer streak worth a capped bonus.

/** Points for an instant, fully correct answer (Kahoot's "standard" points). */
export const BASE_POINTS = 1000;
/** Bonus per answer in a streak after the first, and its cap (Kahoot: +100 per answer, up to 500). */
export const STREAK_STEP = 100;
export const STREAK_CAP = 500;
/** Latency allowance: an answer that reaches the server up to this long after the countdown counts (at t = T). */
export const GRACE_MS = 2_000;

export function speedPoints(options: { fraction: number; elapsedMs: number; limitMs: number; base?: number }): number {
  const base = options.base ?? BASE_POINTS;
  const t = Math.min(Math.max(options.elapsedMs, 0), options.limitMs);
  const fraction = Math.min(1, Math.max(0, options.fraction));
  if (fraction === 0 || options.limitMs <= 0) return 0;
  return Math.round(base * fraction * (1 - t / options.limitMs / 2));
}

/** The streak after an answer: +1 for a fully correct one, back to 0 otherwise. */
export function nextStreak(streak: number, correct: boolean): number {
  return correct ? streak + 1 : 0;
}

/** Bonus for an answer that brings the streak to `streak` (the 2nd in a row earns the first step). */
export function streakBonus(streak: number): number {
  return Math.min(STREAK_CAP, Math.max(0, streak - 1) * STREAK_STEP);
}

/**
 * Everything a timed answer scores: speed points plus the streak bonus of a fully correct answer.
 * A live room can switch either off: without speed points a correct answer earns the full base at
 * any moment (Kahoot's "no points for speed"); without the bonus the streak still counts, for show.
 */
export function timedAnswerPoints(options: {
  fraction: number;
  elapsedMs: number;
  limitMs: number;
  streakBefore: number;
  speed?: boolean;
  streakBonus?: boolean;
}) {
  const correct = options.fraction === 1;
  const streak = nextStreak(options.streakBefore, correct);
  const points = options.speed === false ? speedPoints({ ...options, elapsedMs: 0 }) : speedPoints(options);
  const bonus = correct && options.streakBonus !== false ? streakBonus(streak) : 0;
  return { points: points + bonus, speed: points, bonus, streak };
}

/** The most a timed quiz of n questions can score: every answer instant and correct, streak included. */
export function maxTimedPoints(questionCount: number): number {
  let total = 0;
  for (let streak = 1; streak <= questionCount; streak++) total += BASE_POINTS + streakBonus(streak);
  return total;
}
