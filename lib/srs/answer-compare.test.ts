import { describe, expect, it } from "vitest";
import { answerDiff, answerKey, compareAnswer, plainAnswer } from "./answer-compare";

describe("typed answers", () => {
  it("accepts differences of case, accents, spacing and outer punctuation", () => {
    expect(compareAnswer("  creme   BRULEE ", "Crème brûlée.").correct).toBe(true);
    expect(compareAnswer("Crème brûlée", "Crème brûlée").exact).toBe(true);
    expect(compareAnswer("creme brulee", "Crème brûlée").exact).toBe(false);
  });

  it("refuses a different word and an empty answer", () => {
    expect(compareAnswer("creme brulo", "Crème brûlée").correct).toBe(false);
    expect(compareAnswer("   ", "x").correct).toBe(false);
    expect(compareAnswer("...", "...").correct).toBe(false);
  });

  it("compares against the answer as plain text", () => {
    expect(plainAnswer("**Paris** is [the capital](https://x.test)")).toBe("Paris is the capital");
    expect(compareAnswer("select *", "`SELECT *`").correct).toBe(true);
    expect(answerKey("¿Qué?")).toBe("que");
  });

  it("shows what was missing and what was extra, letter by letter", () => {
    expect(answerDiff("Canbera", "Canberra")).toEqual([
      { kind: "same", text: "Canber" },
      { kind: "missing", text: "r" },
      { kind: "same", text: "a" },
    ]);
    expect(answerDiff("catt", "cat")).toEqual([
      { kind: "same", text: "cat" },
      { kind: "extra", text: "t" },
    ]);
    // Letters that differ only by accent or case count as the same.
    expect(answerDiff("ecole", "École")).toEqual([{ kind: "same", text: "École" }]);
  });
});
