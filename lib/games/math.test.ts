import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/ml/random";
import { factRating, scheduleFact } from "./fact-schedule";
import { generateProblem, type GradedAnswer, MATH_LEVELS, type MathLevel, makeProblem, nextTier, parseFactKey, problemAt, scoreMath, type Tier } from "./math";

function many(level: MathLevel, tier: Tier, n = 400) {
  const random = createRandom(level.length * 31 + tier);
  return Array.from({ length: n }, () => generateProblem(level, tier, random));
}

describe("math generator ranges by level", () => {
  it("addition within 10 stays within 10 with non-negative addends", () => {
    for (const tier of [1, 2, 3] as const) {
      for (const p of many("add-10", tier)) {
        expect(p.op).toBe("+");
        expect(Math.min(p.a, p.b)).toBeGreaterThanOrEqual(0);
        expect(p.answer).toBeLessThanOrEqual(tier === 1 ? 5 : 10);
      }
    }
  });

  it("addition within 100 stays within 100", () => {
    for (const tier of [1, 2, 3] as const) for (const p of many("add-100", tier)) expect(p.answer).toBeLessThanOrEqual([30, 60, 100][tier - 1]!);
    expect(many("add-100", 3).some((p) => p.answer > 60)).toBe(true);
  });

  it("subtraction never goes below zero", () => {
    for (const p of many("subtract", 3)) {
      expect(p.op).toBe("−");
      expect(p.answer).toBeGreaterThanOrEqual(0);
      expect(p.a).toBeLessThanOrEqual(100);
    }
  });

  it("times tables run to 5, 10 and 12 by tier; division always comes out whole", () => {
    for (const tier of [1, 2, 3] as const) {
      const max = [5, 10, 12][tier - 1]!;
      for (const p of many("times", tier)) expect(Math.max(p.a, p.b)).toBeLessThanOrEqual(max);
      for (const p of many("divide", tier)) {
        expect(Number.isInteger(p.answer)).toBe(true);
        expect(p.b).toBeGreaterThanOrEqual(1);
        expect(p.answer).toBeLessThanOrEqual(max);
      }
    }
    expect(many("times", 3).some((p) => p.a === 12 || p.b === 12)).toBe(true);
  });

  it("mixed multi-digit has two-digit operands or more; negative numbers reach below zero", () => {
    for (const p of many("multi-digit", 2)) expect(Math.max(Math.abs(p.a), Math.abs(p.b))).toBeGreaterThanOrEqual(10);
    const negatives = many("negative", 2);
    expect(negatives.some((p) => p.answer < 0)).toBe(true);
    for (const p of negatives) expect(Math.max(Math.abs(p.a), Math.abs(p.b))).toBeLessThanOrEqual(20);
  });

  it("every level generates answers that match their operation", () => {
    for (const level of MATH_LEVELS) {
      for (const p of many(level, 2, 50)) expect(parseFactKey(p.key)).toEqual(p);
    }
  });
});

describe("adaptive difficulty", () => {
  const answer = (correct: boolean, ms = 1000): GradedAnswer => ({ problem: makeProblem(1, "+", 1), given: "2", correct, ms });

  it("steps up after three quick right answers and down after a wrong one", () => {
    expect(nextTier("times", [])).toBe(1);
    expect(nextTier("times", [answer(true), answer(true)])).toBe(1);
    expect(nextTier("times", [answer(true), answer(true), answer(true)])).toBe(2);
    expect(nextTier("times", Array.from({ length: 9 }, () => answer(true)))).toBe(3);
    expect(nextTier("times", [...Array.from({ length: 6 }, () => answer(true)), answer(false)])).toBe(2);
  });

  it("slow right answers do not step up", () => {
    expect(nextTier("times", [answer(true, 5000), answer(true, 5000), answer(true, 5000)])).toBe(1);
  });

  it("facts due for review come first, at every other position", () => {
    const options = { level: "times" as const, seed: 7, reviewFacts: ["7×8", "6×9"], graded: [] };
    expect(problemAt({ ...options, index: 0 }).key).toBe("7×8");
    expect(problemAt({ ...options, index: 2 }).key).toBe("6×9");
    expect(problemAt({ ...options, index: 1 })).toEqual(problemAt({ ...options, index: 1 }));
  });
});

describe("math scoring and plausibility", () => {
  // Plays a session answering every problem right, `gap` ms apart, replaying as the client does.
  function play(seed: number, count: number, gap: number, wrongAt: number[] = []) {
    const graded: GradedAnswer[] = [];
    const answers = [];
    for (let index = 0; index < count; index++) {
      const problem = problemAt({ level: "add-10", seed, index, reviewFacts: [], graded });
      const given = wrongAt.includes(index) ? String(problem.answer + 1) : String(problem.answer);
      answers.push({ t: (index + 1) * gap, answer: given });
      graded.push({ problem, given, correct: !wrongAt.includes(index), ms: gap });
    }
    return answers;
  }

  it("counts correct answers, accuracy and answers per minute", () => {
    const result = scoreMath({ level: "add-10", mode: "sprint", seed: 3, reviewFacts: [], answers: play(3, 20, 1500, [4, 9]) });
    expect(result.correct).toBe(18);
    expect(result.attempted).toBe(20);
    expect(result.accuracy).toBe(90);
    expect(result.answersPerMinute).toBe(18);
  });

  it("rejects answers faster than 250 ms and sprints longer than 60 s", () => {
    expect(() => scoreMath({ level: "add-10", mode: "sprint", seed: 3, reviewFacts: [], answers: play(3, 10, 100) })).toThrow(/faster than humanly possible/);
    expect(() => scoreMath({ level: "add-10", mode: "sprint", seed: 3, reviewFacts: [], answers: play(3, 30, 2500) })).toThrow(/longer than the 60 s/);
  });

  it("a wrong answer is rated Again and returns sooner than a quick right one", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const wrong = scheduleFact(null, factRating({ correct: false, slow: false }), now);
    const slow = scheduleFact(null, factRating({ correct: true, slow: true }), now);
    const good = scheduleFact(null, factRating({ correct: true, slow: false }), now);
    expect(wrong.due.getTime()).toBeLessThan(slow.due.getTime());
    expect(slow.due.getTime()).toBeLessThan(good.due.getTime());
  });
});
