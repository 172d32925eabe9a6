import type { Question } from "../content/schema";
import type { AnswerInput } from "./answer";
import { parseCloze } from "./cloze";
import { foldText, parseNumberWithUnit } from "./normalize";

// Grading rules (docs/features.md, "Quizzes and challenges", states them for learners and authors). Answers here
// are in AUTHORED order (see ./present.ts for the mapping from what the learner was shown):
//   single choice, true/false, short text, numeric: all or nothing.
//   multiple select: (right picks − wrong picks) / number of right options, never below 0.
//   ordering: share of neighbouring pairs kept in the right order (n items, n − 1 pairs).
//   matching: share of pairs matched correctly.
//   cloze: share of blanks filled correctly (each blank folded like short text).

export type Grade = {
  /** Share of the question's points earned, 0–1. */
  fraction: number;
  /** True only for a fully correct answer (fraction 1). */
  correct: boolean;
  /** Why a numeric answer was not accepted, when it was not a number or had the wrong unit. */
  note?: "empty" | "not-a-number" | "wrong-unit";
};

const none = (note?: Grade["note"]): Grade => ({ fraction: 0, correct: false, ...(note ? { note } : {}) });
const share = (fraction: number): Grade => {
  const clamped = Math.min(1, Math.max(0, fraction));
  return { fraction: clamped, correct: clamped === 1 };
};

/** Grades an answer (authored order) against its question. A mismatched answer type earns 0. */
export function gradeAnswer(question: Question, answer: AnswerInput): Grade {
  switch (question.type) {
    case "single-choice":
      return answer.type === question.type ? share(question.options[answer.choice]?.correct ? 1 : 0) : none();
    case "true-false":
      return answer.type === question.type ? share(answer.value === question.answer ? 1 : 0) : none();
    case "multiple-select": {
      if (answer.type !== question.type) return none();
      const picked = new Set(answer.choices.filter((choice) => choice < question.options.length));
      const rightCount = question.options.filter((option) => option.correct).length;
      let right = 0;
      let wrong = 0;
      for (const choice of picked) {
        if (question.options[choice]!.correct) right++;
        else wrong++;
      }
      return share(rightCount === 0 ? 0 : (right - wrong) / rightCount);
    }
    case "short-text":
      return answer.type === question.type ? share(matchesAny(answer.text, question.accepted) ? 1 : 0) : none();
    case "numeric": {
      if (answer.type !== question.type) return none();
      const parsed = parseNumberWithUnit(answer.text);
      if (!parsed.ok) return none(parsed.reason);
      if (parsed.unit && !sameUnit(parsed.unit, question.unit)) return none("wrong-unit");
      return share(withinTolerance(parsed.value, question.answer, question.tolerance) ? 1 : 0);
    }
    case "ordering": {
      if (answer.type !== question.type || !isPermutation(answer.order, question.items.length)) return none();
      let kept = 0;
      for (let i = 0; i + 1 < answer.order.length; i++) if (answer.order[i + 1] === answer.order[i]! + 1) kept++;
      return share(kept / (question.items.length - 1));
    }
    case "matching": {
      if (answer.type !== question.type) return none();
      const right = question.pairs.filter((_, left) => answer.matches[left] === left).length;
      return share(right / question.pairs.length);
    }
    case "cloze": {
      if (answer.type !== question.type) return none();
      const { blanks } = parseCloze(question.text);
      if (blanks.length === 0) return none();
      const right = blanks.filter((accepted, i) => matchesAny(answer.blanks[i] ?? "", accepted)).length;
      return share(right / blanks.length);
    }
  }
}

/** True when the folded answer equals one of the folded accepted answers; an empty answer never does. */
export function matchesAny(answer: string, accepted: readonly string[]): boolean {
  const folded = foldText(answer);
  return folded !== "" && accepted.some((candidate) => foldText(candidate) === folded);
}

/** |value − answer| ≤ tolerance, with room for floating-point error at the bounds. */
export function withinTolerance(value: number, answer: number, tolerance: number): boolean {
  const epsilon = 1e-9 * Math.max(1, Math.abs(answer), Math.abs(tolerance));
  return Math.abs(value - answer) <= tolerance + epsilon;
}

// "3 row" for "rows", "3 Rows" too: the unit is optional, but when given it has to be the question's.
function sameUnit(given: string, expected: string | undefined): boolean {
  if (!expected) return false;
  const strip = (unit: string) => foldText(unit).replace(/\s+/g, "").replace(/(?<=[a-z]{2})s$/, "");
  return strip(given) === strip(expected);
}

function isPermutation(order: readonly number[], n: number): boolean {
  return order.length === n && new Set(order).size === n && order.every((i) => i >= 0 && i < n);
}

/** Points earned for a question: its points × the fraction, to two decimals. */
export function pointsFor(question: Pick<Question, "points">, grade: Grade): number {
  return Math.round(question.points * grade.fraction * 100) / 100;
}
