import { describe, expect, it } from "vitest";
import { buildChoices } from "./choices";
import { learnRating } from "./learn-rating";

const first: (n: number) => number = () => 0;
const last: (n: number) => number = (n) => n - 1;

describe("multiple-choice options", () => {
  it("puts the answer among up to three distinct distractors", () => {
    const built = buildChoices({ answer: "Paris", candidates: ["Rome", "Berlin", "Madrid", "Lisbon"], randomInt: last })!;
    expect(built.options).toHaveLength(4);
    expect(built.options[built.correctIndex]).toBe("Paris");
    expect(new Set(built.options).size).toBe(4);
  });

  it("drops candidates equal to the answer or to each other once case and accents are set aside", () => {
    const built = buildChoices({ answer: "Café", candidates: ["cafe", "CAFÉ.", "Tea", "tea", "**Tea**"], randomInt: first })!;
    expect(built.options).toEqual(["Café", "Tea"]);
    expect(built.correctIndex).toBe(0);
  });

  it("returns null when no distractor is left", () => {
    expect(buildChoices({ answer: "a", candidates: ["A", "a "] })).toBeNull();
    expect(buildChoices({ answer: "a", candidates: [] })).toBeNull();
  });

  it("places the answer where the draw says", () => {
    const built = buildChoices({ answer: "x", candidates: ["y", "z"], randomInt: last })!;
    expect(built.correctIndex).toBe(2);
    expect(built.options[2]).toBe("x");
  });
});

describe("the rating a Learn answer gives", () => {
  it("maps answers to Again, Hard and Good", () => {
    expect(learnRating({ mode: "typed", correct: true, elapsedMs: 60_000 })).toBe(3);
    expect(learnRating({ mode: "typed", correct: false, elapsedMs: 1_000 })).toBe(1);
    expect(learnRating({ mode: "choice", correct: true, elapsedMs: 3_000 })).toBe(3);
    expect(learnRating({ mode: "choice", correct: true, elapsedMs: 10_001 })).toBe(2);
    expect(learnRating({ mode: "choice", correct: false, elapsedMs: 3_000 })).toBe(1);
  });
});
