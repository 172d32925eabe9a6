import { createRandom, deriveSeed } from "@/lib/ml/random";
import { checkTimeline, ImplausibleLogError } from "./plausibility";

export const MATH_LEVELS = ["add-10", "add-100", "subtract", "times", "divide", "multi-digit", "negative"] as const;
export type MathLevel = (typeof MATH_LEVELS)[number];

export const MATH_LEVEL_LABELS: Record<MathLevel, string> = {
  "add-10": "Addition within 10",
  "add-100": "Addition within 100",
  subtract: "Subtraction",
  times: "Times tables",
  divide: "Division",
  "multi-digit": "Mixed multi-digit",
  negative: "Negative numbers",
};

export type MathOp = "+" | "−" | "×" | "÷";
export type MathProblem = { a: number; op: MathOp; b: number; answer: number; key: string };

/** Each level has three tiers; adaptive play moves between them. Ranges are inclusive. */
const TIERS = 3;
export type Tier = 1 | 2 | 3;

function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function makeProblem(a: number, op: MathOp, b: number): MathProblem {
  const answer = op === "+" ? a + b : op === "−" ? a - b : op === "×" ? a * b : a / b;
  return { a, op, b, answer, key: `${a}${op}${b}` };
}

/** A fact key ("7×8") back into its problem; null if it is not one. */
export function parseFactKey(key: string): MathProblem | null {
  const match = /^(-?\d+)([+−×÷])(-?\d+)$/.exec(key);
  if (!match) return null;
  const [, a, op, b] = match;
  if (op === "÷" && Number(b) === 0) return null;
  return makeProblem(Number(a), op as MathOp, Number(b));
}

/** One problem of a level and tier, drawn with `random`. */
export function generateProblem(level: MathLevel, tier: Tier, random: () => number): MathProblem {
  switch (level) {
    case "add-10": {
      const total = between(random, tier === 1 ? 2 : 4, tier === 1 ? 5 : 10);
      const a = between(random, tier === 3 ? 1 : 0, total - (tier === 3 ? 1 : 0));
      return makeProblem(a, "+", total - a);
    }
    case "add-100": {
      const max = [30, 60, 100][tier - 1]!;
      const a = between(random, tier === 1 ? 1 : 10, max - (tier === 1 ? 1 : 10));
      return makeProblem(a, "+", between(random, 1, max - a));
    }
    case "subtract": {
      const max = [10, 20, 100][tier - 1]!;
      const a = between(random, 1, max);
      return makeProblem(a, "−", between(random, 0, a));
    }
    case "times": {
      const max = [5, 10, 12][tier - 1]!;
      return makeProblem(between(random, tier === 1 ? 1 : 2, max), "×", between(random, tier === 1 ? 1 : 2, max));
    }
    case "divide": {
      const max = [5, 10, 12][tier - 1]!;
      const b = between(random, tier === 1 ? 1 : 2, max);
      return makeProblem(b * between(random, tier === 1 ? 0 : 1, max), "÷", b);
    }
    case "multi-digit": {
      const kind = between(random, 0, 2);
      if (kind === 0) {
        const max = [99, 499, 999][tier - 1]!;
        return makeProblem(between(random, 10, max), "+", between(random, 10, max));
      }
      if (kind === 1) {
        const max = [99, 499, 999][tier - 1]!;
        const a = between(random, 20, max);
        return makeProblem(a, "−", between(random, 10, a));
      }
      return makeProblem(between(random, 11, [25, 50, 99][tier - 1]!), "×", between(random, 2, [5, 9, 12][tier - 1]!));
    }
    case "negative": {
      const max = [10, 20, 50][tier - 1]!;
      const a = between(random, -max, max);
      const b = between(random, -max, max);
      return random() < 0.5 ? makeProblem(a, "+", b) : makeProblem(a, "−", b);
    }
  }
}

export type MathAnswer = { t: number; answer: string };
export type GradedAnswer = { problem: MathProblem; given: string; correct: boolean; ms: number };

/** Answers slower than this are "slow": the fact returns sooner, and adaptive play does not step up. */
export function slowMs(level: MathLevel): number {
  return level === "multi-digit" || level === "negative" ? 10_000 : 4_000;
}

/**
 * Adaptive difficulty: start at tier 1, step up after three answers in a row that were right and
 * not slow, step down after a wrong answer.
 */
export function nextTier(level: MathLevel, graded: readonly GradedAnswer[]): Tier {
  let tier = 1;
  let streak = 0;
  for (const answer of graded) {
    if (!answer.correct) {
      tier = Math.max(1, tier - 1);
      streak = 0;
    } else if (answer.ms < slowMs(level)) {
      streak += 1;
      if (streak === 3) {
        tier = Math.min(TIERS, tier + 1);
        streak = 0;
      }
    } else streak = 0;
  }
  return tier as Tier;
}

/**
 * Problem `index` of a session: facts due for review (wrong or slow last time) come first at every
 * other position; the rest are drawn from the seed at the current adaptive tier. Deterministic, so
 * the server replays exactly what the player saw.
 */
export function problemAt(options: { level: MathLevel; seed: number; index: number; reviewFacts: readonly string[]; graded: readonly GradedAnswer[] }): MathProblem {
  const { index, reviewFacts } = options;
  if (index % 2 === 0 && index / 2 < reviewFacts.length) {
    const fact = parseFactKey(reviewFacts[index / 2]!);
    if (fact) return fact;
  }
  const random = createRandom(deriveSeed(options.seed, index));
  return generateProblem(options.level, nextTier(options.level, options.graded), random);
}

export const MATH_SPRINT_MS = 60_000;
export const MATH_PRACTICE_PROBLEMS = 20;
/** Reading a problem and typing its answer takes at least this long. */
export const MATH_MIN_ANSWER_MS = 250;

export type MathResult = {
  correct: number;
  attempted: number;
  accuracy: number;
  answersPerMinute: number;
  durationMs: number;
  graded: GradedAnswer[];
};

/** Replays a math session from its answers (t ms since the start), with the plausibility checks. */
export function scoreMath(options: { level: MathLevel; mode: "sprint" | "practice"; seed: number; reviewFacts: readonly string[]; answers: readonly MathAnswer[] }): MathResult {
  const { answers, mode } = options;
  checkTimeline(
    answers.map((a) => a.t),
    { limitMs: mode === "sprint" ? MATH_SPRINT_MS : undefined, minGapMs: MATH_MIN_ANSWER_MS, what: "answers" },
  );
  if (answers.length > 0 && answers[0]!.t < MATH_MIN_ANSWER_MS) {
    throw new ImplausibleLogError(`The first answer came ${answers[0]!.t} ms after the start, faster than humanly possible.`);
  }
  const graded: GradedAnswer[] = [];
  let previous = 0;
  for (let index = 0; index < answers.length; index++) {
    if (mode === "practice" && index >= MATH_PRACTICE_PROBLEMS) break;
    const problem = problemAt({ ...options, index, graded });
    const given = answers[index]!.answer.trim().replace(/^[−–]/, "-");
    const correct = given !== "" && Number(given) === problem.answer;
    graded.push({ problem, given: answers[index]!.answer, correct, ms: answers[index]!.t - previous });
    previous = answers[index]!.t;
  }
  const correct = graded.filter((g) => g.correct).length;
  const durationMs = mode === "sprint" ? MATH_SPRINT_MS : previous;
  return {
    correct,
    attempted: graded.length,
    accuracy: graded.length ? Math.round((1000 * correct) / graded.length) / 10 : 0,
    answersPerMinute: durationMs > 0 ? Math.round((correct / (durationMs / 60_000)) * 10) / 10 : 0,
    durationMs,
    graded,
  };
}
