import { describe, expect, it } from "vitest";
import { questionSchema, type Question } from "../content/schema";
import { gradeAnswer, matchesAny, pointsFor, withinTolerance } from "./grade";
import { quizScore } from "./score";

const q = (raw: Record<string, unknown>): Question => questionSchema.parse({ prompt: "P?", explanation: "Because.", ...raw });

const single = q({ type: "single-choice", options: [{ text: "A" }, { text: "B", correct: true }, { text: "C" }] });
const multi = q({ type: "multiple-select", options: [{ text: "A", correct: true }, { text: "B", correct: true }, { text: "C" }, { text: "D" }] });
const trueFalse = q({ type: "true-false", answer: false });
const shortText = q({ type: "short-text", accepted: ["DISTINCT", "Café au lait"] });
const numeric = q({ type: "numeric", answer: 3, tolerance: 0.5, unit: "rows" });
const ordering = q({ type: "ordering", items: ["FROM", "WHERE", "SELECT", "ORDER BY"] });
const matching = q({ type: "matching", pairs: [{ left: "a", right: "1" }, { left: "b", right: "2" }, { left: "c", right: "3" }, { left: "d", right: "4" }] });
const cloze = q({ type: "cloze", text: "SELECT * [[FROM]] t [[WHERE|where]] x [[ORDER BY]] y;" });

describe("single choice and true/false: all or nothing", () => {
  it("grades the correct option only", () => {
    expect(gradeAnswer(single, { type: "single-choice", choice: 1 })).toEqual({ fraction: 1, correct: true });
    expect(gradeAnswer(single, { type: "single-choice", choice: 0 }).fraction).toBe(0);
    expect(gradeAnswer(single, { type: "single-choice", choice: 9 }).fraction).toBe(0);
  });
  it("grades true/false, and an answer of another type earns nothing", () => {
    expect(gradeAnswer(trueFalse, { type: "true-false", value: false }).correct).toBe(true);
    expect(gradeAnswer(trueFalse, { type: "true-false", value: true }).correct).toBe(false);
    expect(gradeAnswer(trueFalse, { type: "single-choice", choice: 0 }).fraction).toBe(0);
  });
});

describe("multiple select: (right − wrong) / right options, floored at 0", () => {
  it.each([
    [[0, 1], 1],
    [[0], 0.5],
    [[0, 1, 2], 0.5],
    [[0, 2], 0],
    [[2, 3], 0],
    [[0, 1, 2, 3], 0],
    [[], 0],
  ])("picks %j earn %d", (choices, fraction) => {
    expect(gradeAnswer(multi, { type: "multiple-select", choices }).fraction).toBe(fraction);
  });
});

describe("short text: folded case, whitespace, accents and compatibility forms", () => {
  it.each(["distinct", "  DISTINCT  ", "Distinct\n", "cafe au lait", "CAFÉ   AU\tLAIT", "Cafe\u0301 au lait", "ｃａｆé au lait"])("accepts %j", (text) => {
    expect(gradeAnswer(shortText, { type: "short-text", text }).correct).toBe(true);
  });
  it.each(["", "   ", "distinc", "distinct on", "café-au-lait"])("rejects %j", (text) => {
    expect(gradeAnswer(shortText, { type: "short-text", text }).correct).toBe(false);
  });
  it("never matches an empty answer, even against an accepted answer that folds to nothing", () => {
    expect(matchesAny("", [" "])).toBe(false);
  });
});

describe("numeric: tolerance bounds and units", () => {
  it.each(["3", "2.5", "3.5", " 3 rows", "3 row", "3Rows", "2,5", "+3", "3.0"])("accepts %j", (text) => {
    expect(gradeAnswer(numeric, { type: "numeric", text }).correct).toBe(true);
  });
  it.each([
    ["2.49", undefined],
    ["3.51", undefined],
    ["", "empty"],
    ["three", "not-a-number"],
    ["3 kg", "wrong-unit"],
  ])("rejects %j", (text, note) => {
    const grade = gradeAnswer(numeric, { type: "numeric", text });
    expect(grade.correct).toBe(false);
    expect(grade.note).toBe(note);
  });
  it("treats the bounds as inclusive despite floating-point error", () => {
    expect(withinTolerance(0.1 + 0.2, 0.2, 0.1)).toBe(true);
    expect(withinTolerance(0.30001, 0.2, 0.1)).toBe(false);
    const exact = q({ type: "numeric", answer: 1234.5 });
    expect(gradeAnswer(exact, { type: "numeric", text: "1,234.5" }).correct).toBe(true);
    expect(gradeAnswer(exact, { type: "numeric", text: "1 234.5" }).correct).toBe(true);
    expect(gradeAnswer(exact, { type: "numeric", text: "1234.5 rows" }).note).toBe("wrong-unit");
  });
});

describe("ordering: share of neighbouring pairs in the right order", () => {
  it.each([
    [[0, 1, 2, 3], 1],
    [[1, 2, 3, 0], 2 / 3],
    [[0, 2, 1, 3], 0],
    [[3, 2, 1, 0], 0],
    [[2, 3, 0, 1], 2 / 3],
  ])("%j earns %d", (order, fraction) => {
    expect(gradeAnswer(ordering, { type: "ordering", order }).fraction).toBeCloseTo(fraction);
  });
  it("earns nothing for an answer that is not a permutation", () => {
    expect(gradeAnswer(ordering, { type: "ordering", order: [0, 0, 1, 2] }).fraction).toBe(0);
    expect(gradeAnswer(ordering, { type: "ordering", order: [0, 1, 2] }).fraction).toBe(0);
  });
});

describe("matching: share of pairs right", () => {
  it("counts each correct pair, unmatched ones earn nothing", () => {
    expect(gradeAnswer(matching, { type: "matching", matches: [0, 1, 2, 3] }).fraction).toBe(1);
    expect(gradeAnswer(matching, { type: "matching", matches: [0, 1, 3, 2] }).fraction).toBe(0.5);
    expect(gradeAnswer(matching, { type: "matching", matches: [0, null, null, null] }).fraction).toBe(0.25);
    expect(gradeAnswer(matching, { type: "matching", matches: [] }).fraction).toBe(0);
  });
});

describe("cloze: share of blanks, each folded and with alternatives", () => {
  it("grades every blank", () => {
    expect(gradeAnswer(cloze, { type: "cloze", blanks: ["from", " WHERE ", "order  by"] }).fraction).toBe(1);
    expect(gradeAnswer(cloze, { type: "cloze", blanks: ["from", "", "order by"] }).fraction).toBeCloseTo(2 / 3);
    expect(gradeAnswer(cloze, { type: "cloze", blanks: [] }).fraction).toBe(0);
  });
});

describe("points and score", () => {
  it("scales points by the fraction and floors the percent", () => {
    const weighted = q({ type: "ordering", items: ["a", "b", "c", "d"], points: 3 });
    expect(pointsFor(weighted, { fraction: 2 / 3, correct: false })).toBe(2);
    expect(quizScore({ earned: 6.99, possible: 10, passPercent: 70 })).toEqual({ earned: 6.99, possible: 10, percent: 69, passed: false });
    expect(quizScore({ earned: 7, possible: 10, passPercent: 70 }).passed).toBe(true);
    expect(quizScore({ earned: 0, possible: 0, passPercent: 70 }).percent).toBe(0);
  });
});
