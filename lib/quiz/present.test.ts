import { describe, expect, it } from "vitest";
import { questionSchema, type Question } from "../content/schema";
import { gradeAnswer } from "./grade";
import { AnswerShapeError, questionLayout, questionView, revealQuestion, toAuthoredAnswer, toShownAnswer } from "./present";
import { seededOrder } from "./shuffle";

const q = (raw: Record<string, unknown>): Question => questionSchema.parse({ prompt: "P?", explanation: "Secret explanation", ...raw });
const ordering = q({ type: "ordering", items: ["one", "two", "three", "four", "five"] });
const matching = q({ type: "matching", pairs: [{ left: "a", right: "1" }, { left: "b", right: "2" }, { left: "c", right: "3" }] });
const single = q({ type: "single-choice", options: [{ text: "Right", correct: true }, { text: "Wrong 1" }, { text: "Wrong 2" }, { text: "Wrong 3" }] });

describe("seeded shuffle", () => {
  it("gives the same order for the same seed and a different one for other seeds", () => {
    expect(seededOrder("seed-a", "q1", 8)).toEqual(seededOrder("seed-a", "q1", 8));
    const orders = new Set(["a", "b", "c", "d", "e"].map((seed) => seededOrder(seed, "q1", 8).join(",")));
    expect(orders.size).toBeGreaterThan(1);
    expect([...seededOrder("x", "y", 8)].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
  it("never shows an ordering question in its answer order", () => {
    for (let i = 0; i < 200; i++) expect(seededOrder(`s${i}`, "items", 2, { avoidIdentity: true })).toEqual([1, 0]);
  });
});

describe("question views hold no answer key", () => {
  it("sends neither the correct flags, the explanation nor the authored order", () => {
    for (const question of [ordering, matching, single, q({ type: "cloze", text: "The [[secret]] word" }), q({ type: "short-text", accepted: ["secret"] })]) {
      const view = questionView(question, questionLayout(question, "seed", "id"));
      const json = JSON.stringify(view);
      expect(json).not.toContain("correct");
      expect(json).not.toContain("Secret explanation");
      expect(json).not.toContain("secret");
    }
    const view = questionView(ordering, questionLayout(ordering, "seed", "id"));
    expect(view.type === "ordering" && view.items).not.toEqual(["one", "two", "three", "four", "five"]);
  });
});

describe("answers in shown order", () => {
  it("maps an ordering answer back to authored order, grades it, and restores it", () => {
    const layout = questionLayout(ordering, "seed-1", "q");
    const view = questionView(ordering, layout);
    if (view.type !== "ordering") throw new Error("unexpected view");
    const shownCorrect = ["one", "two", "three", "four", "five"].map((item) => view.items.indexOf(item));
    const authored = toAuthoredAnswer(ordering, layout, { type: "ordering", order: shownCorrect });
    expect(authored).toEqual({ type: "ordering", order: [0, 1, 2, 3, 4] });
    expect(gradeAnswer(ordering, authored).correct).toBe(true);
    expect(toShownAnswer(ordering, layout, authored)).toEqual({ type: "ordering", order: shownCorrect });
    const revealed = revealQuestion(ordering, layout, gradeAnswer(ordering, authored));
    expect(revealed.key).toEqual({ type: "ordering", order: shownCorrect });
    expect(revealed.explanation).toBe("Secret explanation");
  });

  it("maps matching pairs through both shuffled columns", () => {
    const layout = questionLayout(matching, "seed-2", "q");
    const view = questionView(matching, layout);
    if (view.type !== "matching") throw new Error("unexpected view");
    const partner: Record<string, string> = { a: "1", b: "2", c: "3" };
    const matches = view.left.map((left) => view.right.indexOf(partner[left]!));
    const authored = toAuthoredAnswer(matching, layout, { type: "matching", matches });
    expect(authored).toEqual({ type: "matching", matches: [0, 1, 2] });
    expect(revealQuestion(matching, layout, gradeAnswer(matching, authored)).key).toEqual({ type: "matching", matches });
    expect(toShownAnswer(matching, layout, authored)).toEqual({ type: "matching", matches });
  });

  it("maps a shown choice to its option", () => {
    const layout = questionLayout(single, "seed-3", "q");
    const view = questionView(single, layout);
    if (view.type !== "single-choice") throw new Error("unexpected view");
    const authored = toAuthoredAnswer(single, layout, { type: "single-choice", choice: view.options.indexOf("Right") });
    expect(gradeAnswer(single, authored).correct).toBe(true);
  });

  it("rejects answers that do not fit the question", () => {
    const layout = questionLayout(ordering, "s", "q");
    expect(() => toAuthoredAnswer(ordering, layout, { type: "ordering", order: [0, 1, 2, 3] })).toThrow(AnswerShapeError);
    expect(() => toAuthoredAnswer(ordering, layout, { type: "ordering", order: [0, 0, 1, 2, 3] })).toThrow(AnswerShapeError);
    expect(() => toAuthoredAnswer(single, questionLayout(single, "s", "q"), { type: "single-choice", choice: 7 })).toThrow(AnswerShapeError);
    expect(() => toAuthoredAnswer(single, questionLayout(single, "s", "q"), { type: "true-false", value: true })).toThrow(AnswerShapeError);
    const cloze = q({ type: "cloze", text: "a [[b]] c [[d]]" });
    expect(() => toAuthoredAnswer(cloze, {}, { type: "cloze", blanks: ["b"] })).toThrow(AnswerShapeError);
  });
});

describe("numeric answers", () => {
  const plain = q({ type: "numeric", answer: 42 });
  const withUnit = q({ type: "numeric", answer: 3, unit: "rows" });
  it("takes a number alone where the question has no unit", () => {
    const layout = questionLayout(plain, "seed", "id");
    expect(toAuthoredAnswer(plain, layout, { type: "numeric", text: "42,5" })).toEqual({ type: "numeric", text: "42,5" });
    expect(() => toAuthoredAnswer(plain, layout, { type: "numeric", text: "4x2" })).toThrow(AnswerShapeError);
  });
  it("leaves a unit to the grader where the question has one", () => {
    const layout = questionLayout(withUnit, "seed", "id");
    expect(toAuthoredAnswer(withUnit, layout, { type: "numeric", text: "3 rows" })).toEqual({ type: "numeric", text: "3 rows" });
  });
});
