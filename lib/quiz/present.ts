import type { Question } from "../content/schema";
import type { AnswerInput } from "./answer";
import { parseCloze, type ClozePart } from "./cloze";
import { parseNumberWithUnit } from "./normalize";
import type { Grade } from "./grade";
import { seededOrder } from "./shuffle";

// What the browser sees of a question before and after it is answered. `questionView` holds no
// answer key: choice texts without their `correct` flags, ordering items and matching columns
// shuffled, cloze text with its blanks cut out. `revealQuestion` (sent only once the answer is
// final) adds the key, the explanation and the section that teaches it.

type Base = { prompt: string; points: number };
export type QuestionView = Base &
  (
    | { type: "single-choice"; options: string[] }
    | { type: "multiple-select"; options: string[] }
    | { type: "true-false" }
    | { type: "short-text" }
    | { type: "numeric"; unit: string | null }
    | { type: "ordering"; items: string[] }
    | { type: "matching"; left: string[]; right: string[] }
    | { type: "cloze"; parts: ClozePart[]; blankCount: number }
  );

/** The shown orders of one question in one attempt, from the attempt's seed and the question's id. */
export type Layout = { options?: number[]; items?: number[]; left?: number[]; right?: number[] };

export function questionLayout(question: Question, seed: string, questionId: string): Layout {
  switch (question.type) {
    case "single-choice":
    case "multiple-select":
      return { options: seededOrder(seed, `${questionId}:options`, question.options.length) };
    case "ordering":
      return { items: seededOrder(seed, `${questionId}:items`, question.items.length, { avoidIdentity: true }) };
    case "matching":
      return {
        left: seededOrder(seed, `${questionId}:left`, question.pairs.length),
        right: seededOrder(seed, `${questionId}:right`, question.pairs.length, { avoidIdentity: true }),
      };
    default:
      return {};
  }
}

export function questionView(question: Question, layout: Layout): QuestionView {
  const base: Base = { prompt: question.prompt, points: question.points };
  switch (question.type) {
    case "single-choice":
    case "multiple-select":
      return { ...base, type: question.type, options: layout.options!.map((i) => question.options[i]!.text) };
    case "true-false":
    case "short-text":
      return { ...base, type: question.type };
    case "numeric":
      return { ...base, type: "numeric", unit: question.unit ?? null };
    case "ordering":
      return { ...base, type: "ordering", items: layout.items!.map((i) => question.items[i]!) };
    case "matching":
      return { ...base, type: "matching", left: layout.left!.map((i) => question.pairs[i]!.left), right: layout.right!.map((i) => question.pairs[i]!.right) };
    case "cloze": {
      const { parts, blanks } = parseCloze(question.text);
      return { ...base, type: "cloze", parts, blankCount: blanks.length };
    }
  }
}

export class AnswerShapeError extends Error {}

/**
 * Maps an answer in shown order to authored order, checking it fits the question: the right type,
 * indices in range, an ordering that uses every item once. Throws AnswerShapeError otherwise.
 */
export function toAuthoredAnswer(question: Question, layout: Layout, answer: AnswerInput): AnswerInput {
  if (answer.type !== question.type) throw new AnswerShapeError(`This is a ${question.type} question; the answer was for a ${answer.type} question.`);
  const pick = (order: number[] | undefined, shown: number) => {
    const authored = order?.[shown];
    if (authored === undefined) throw new AnswerShapeError("The answer points at an option that does not exist.");
    return authored;
  };
  switch (answer.type) {
    case "single-choice":
      return { type: answer.type, choice: pick(layout.options, answer.choice) };
    case "multiple-select":
      if (new Set(answer.choices).size !== answer.choices.length) throw new AnswerShapeError("Each option can be picked once.");
      return { type: answer.type, choices: answer.choices.map((choice) => pick(layout.options, choice)).sort((a, b) => a - b) };
    case "ordering":
      if (answer.order.length !== layout.items?.length || new Set(answer.order).size !== answer.order.length) {
        throw new AnswerShapeError("An ordering answer must place every item exactly once.");
      }
      return { type: answer.type, order: answer.order.map((shown) => pick(layout.items, shown)) };
    case "matching": {
      const n = layout.left?.length ?? 0;
      if (answer.matches.length !== n) throw new AnswerShapeError("A matching answer needs one entry per item on the left.");
      const matches: (number | null)[] = Array.from({ length: n }, () => null);
      answer.matches.forEach((shownRight, shownLeft) => {
        matches[pick(layout.left, shownLeft)] = shownRight === null ? null : pick(layout.right, shownRight);
      });
      return { type: answer.type, matches };
    }
    case "numeric": {
      // Text after the number is a unit; a question without a unit takes a number alone ("4x2" is not one).
      const parsed = parseNumberWithUnit(answer.text);
      if (question.type === "numeric" && !question.unit && parsed.ok && parsed.unit !== "") throw new AnswerShapeError("This question takes a number only, such as 3.5 or 3,5.");
      return answer;
    }
    case "cloze":
      if (question.type === "cloze" && answer.blanks.length !== parseCloze(question.text).blanks.length) {
        throw new AnswerShapeError("A cloze answer needs one entry per blank.");
      }
      return answer;
    default:
      return answer;
  }
}

/** The inverse of toAuthoredAnswer: a saved answer as the learner sees it (to restore the form). */
export function toShownAnswer(_question: Question, layout: Layout, answer: AnswerInput): AnswerInput {
  const shownOf = (order: number[] | undefined, authored: number) => Math.max(0, order?.indexOf(authored) ?? 0);
  switch (answer.type) {
    case "single-choice":
      return { type: answer.type, choice: shownOf(layout.options, answer.choice) };
    case "multiple-select":
      return { type: answer.type, choices: answer.choices.map((choice) => shownOf(layout.options, choice)).sort((a, b) => a - b) };
    case "ordering":
      return { type: answer.type, order: answer.order.map((authored) => shownOf(layout.items, authored)) };
    case "matching":
      return {
        type: answer.type,
        matches: (layout.left ?? []).map((authoredLeft) => {
          const right = answer.matches[authoredLeft];
          return right === null || right === undefined ? null : shownOf(layout.right, right);
        }),
      };
    default:
      return answer;
  }
}

/** The key in shown order, for the feedback after an answer is final. */
export type AnswerKey =
  | { type: "single-choice" | "multiple-select"; correct: number[] }
  | { type: "true-false"; answer: boolean }
  | { type: "short-text"; accepted: string[] }
  | { type: "numeric"; answer: number; tolerance: number; unit: string | null }
  | { type: "ordering"; order: number[] }
  | { type: "matching"; matches: number[] }
  | { type: "cloze"; blanks: string[][] };

export type Revealed = { key: AnswerKey; explanation: string; teaches: string | null; grade: Grade };

export function revealQuestion(question: Question, layout: Layout, grade: Grade): Revealed {
  const shownOf = (order: number[] | undefined, authored: number) => order?.indexOf(authored) ?? authored;
  const base = { explanation: question.explanation, teaches: question.teaches ?? null, grade };
  switch (question.type) {
    case "single-choice":
    case "multiple-select":
      return {
        ...base,
        key: {
          type: question.type,
          correct: question.options.flatMap((option, i) => (option.correct ? [shownOf(layout.options, i)] : [])).sort((a, b) => a - b),
        },
      };
    case "true-false":
      return { ...base, key: { type: "true-false", answer: question.answer } };
    case "short-text":
      return { ...base, key: { type: "short-text", accepted: question.accepted } };
    case "numeric":
      return { ...base, key: { type: "numeric", answer: question.answer, tolerance: question.tolerance, unit: question.unit ?? null } };
    case "ordering":
      return { ...base, key: { type: "ordering", order: question.items.map((_, authored) => shownOf(layout.items, authored)) } };
    case "matching":
      // For each shown left item, the shown index of its right partner.
      return { ...base, key: { type: "matching", matches: (layout.left ?? []).map((authoredLeft) => shownOf(layout.right, authoredLeft)) } };
    case "cloze":
      return { ...base, key: { type: "cloze", blanks: parseCloze(question.text).blanks } };
  }
}
