import type { AnswerInput } from "@/lib/quiz/answer";
import type { QuestionView, Revealed } from "@/lib/quiz/present";
import type { AttemptView } from "@/server/quiz/service";

export type { AnswerInput, AttemptView, QuestionView, Revealed };
export type AttemptQuestion = AttemptView["questions"][number];

/** An answer the learner can submit: every blank and pair given something, every choice made. */
export function isComplete(view: QuestionView, answer: AnswerInput | undefined | null): boolean {
  if (!answer) return false;
  switch (answer.type) {
    case "multiple-select":
      return answer.choices.length > 0;
    case "short-text":
    case "numeric":
      return answer.text.trim() !== "";
    case "matching":
      return answer.matches.length > 0 && answer.matches.every((match) => match !== null);
    case "cloze":
      return view.type === "cloze" && answer.blanks.length === view.blankCount && answer.blanks.every((blank) => blank.trim() !== "");
    default:
      return true;
  }
}

/** The answer a question starts from: an ordering starts as shown, a matching with nothing paired. */
export function initialAnswer(view: QuestionView): AnswerInput | null {
  switch (view.type) {
    case "ordering":
      return { type: "ordering", order: view.items.map((_, i) => i) };
    case "matching":
      return { type: "matching", matches: view.left.map(() => null) };
    case "cloze":
      return { type: "cloze", blanks: Array.from({ length: view.blankCount }, () => "") };
    case "multiple-select":
      return { type: "multiple-select", choices: [] };
    default:
      return null;
  }
}

export function gradeLabel(fraction: number): string {
  if (fraction === 1) return "Correct";
  if (fraction > 0) return `Partly correct (${Math.round(fraction * 100)}%)`;
  return "Not correct";
}
