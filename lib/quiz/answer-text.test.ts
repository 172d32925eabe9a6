import { describe, expect, it } from "vitest";
import { questionSchema } from "../content/schema";
import { answerText, questionText } from "./answer-text";

const q = (raw: Record<string, unknown>) => questionSchema.parse({ prompt: "P?", explanation: "E", ...raw });

describe("answerText", () => {
  it("writes the key of every question type as text", () => {
    expect(answerText(q({ type: "single-choice", options: [{ text: "A" }, { text: "B", correct: true }] }))).toBe("B");
    expect(answerText(q({ type: "multiple-select", options: [{ text: "A", correct: true }, { text: "B" }, { text: "C", correct: true }] }))).toBe("A; C");
    expect(answerText(q({ type: "true-false", answer: false }))).toBe("False");
    expect(answerText(q({ type: "short-text", accepted: ["DISTINCT", "distinct"] }))).toBe("DISTINCT");
    expect(answerText(q({ type: "numeric", answer: 42, tolerance: 0.5, unit: "ms" }))).toBe("42 ms (± 0.5)");
    expect(answerText(q({ type: "numeric", answer: 7 }))).toBe("7");
    expect(answerText(q({ type: "ordering", items: ["one", "two"] }))).toBe("1. one\n2. two");
    expect(answerText(q({ type: "matching", pairs: [{ left: "a", right: "1" }, { left: "b", right: "2" }] }))).toBe("a → 1\nb → 2");
    expect(answerText(q({ type: "cloze", text: "SELECT [[DISTINCT|distinct]] name FROM [[users]]" }))).toBe("DISTINCT; users");
  });

  it("shows a cloze's sentence with its blanks on the front", () => {
    expect(questionText(q({ type: "cloze", prompt: "Fill in", text: "SELECT [[DISTINCT]] name" }))).toBe("Fill in\n\nSELECT ___ name");
    expect(questionText(q({ type: "true-false", answer: true }))).toBe("P?");
  });
});
