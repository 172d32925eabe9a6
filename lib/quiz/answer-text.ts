import type { Question } from "../content/schema";
import { parseCloze } from "./cloze";

/** The right answer to a question as plain text, for the back of a flashcard made from it. */
export function answerText(question: Question): string {
  switch (question.type) {
    case "single-choice":
    case "multiple-select":
      return question.options
        .filter((option) => option.correct)
        .map((option) => option.text)
        .join("; ");
    case "true-false":
      return question.answer ? "True" : "False";
    case "short-text":
      return question.accepted[0]!;
    case "numeric":
      return `${question.answer}${question.unit ? ` ${question.unit}` : ""}${question.tolerance ? ` (± ${question.tolerance})` : ""}`;
    case "ordering":
      return question.items.map((item, i) => `${i + 1}. ${item}`).join("\n");
    case "matching":
      return question.pairs.map((pair) => `${pair.left} → ${pair.right}`).join("\n");
    case "cloze":
      return parseCloze(question.text).blanks.map((accepted) => accepted[0]).join("; ");
  }
}

/** The front of that flashcard: the prompt, with a cloze's sentence (blanks as ___) below it. */
export function questionText(question: Question): string {
  if (question.type !== "cloze") return question.prompt;
  return `${question.prompt}\n\n${question.text.replace(/\[\[[^\]]*\]\]/g, "___")}`;
}
