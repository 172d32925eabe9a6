import { describe, expect, it } from "vitest";
import { masteryLevel } from "./mastery";

const evidence = (overrides: Partial<Parameters<typeof masteryLevel>[0]>) => ({ reps: 0, stability: 0, lessonHasQuiz: true, bestQuizPercent: null, ...overrides });

describe("masteryLevel", () => {
  it("is nothing until the card is reviewed or the quiz taken", () => {
    expect(masteryLevel(evidence({}))).toBeNull();
    expect(masteryLevel(evidence({ bestQuizPercent: 40 }))).toBe("Familiar");
    expect(masteryLevel(evidence({ reps: 1, stability: 0.5 }))).toBe("Familiar");
  });

  it("is Proficient once recall holds a week, or the card is reviewed and the quiz passed", () => {
    expect(masteryLevel(evidence({ reps: 3, stability: 7 }))).toBe("Proficient");
    expect(masteryLevel(evidence({ reps: 1, stability: 2, bestQuizPercent: 80 }))).toBe("Proficient");
    expect(masteryLevel(evidence({ reps: 0, bestQuizPercent: 100 }))).toBe("Familiar");
  });

  it("is Mastered only with three weeks of recall and a passed quiz (or a lesson without one)", () => {
    expect(masteryLevel(evidence({ reps: 5, stability: 30, bestQuizPercent: 90 }))).toBe("Mastered");
    expect(masteryLevel(evidence({ reps: 5, stability: 30, bestQuizPercent: 60 }))).toBe("Proficient");
    expect(masteryLevel(evidence({ reps: 5, stability: 21, lessonHasQuiz: false }))).toBe("Mastered");
    expect(masteryLevel(evidence({ reps: 5, stability: 20.9, lessonHasQuiz: false }))).toBe("Proficient");
  });
});
