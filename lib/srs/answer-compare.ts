// Typed answers in Learn mode: marked right when they match the expected answer once case, accents,
// spacing and surrounding punctuation are set aside (Quizlet's lenient grading); the learner is
// shown, letter by letter, where what they typed differs from the answer.

export const TYPED_ANSWER_MAX = 500;

/** The answer as plain text: Markdown emphasis, code ticks and link targets removed. */
export function plainAnswer(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, "$2")
    .replace(/\s+/g, " ")
    .trim();
}

const fold = (char: string) => char.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The comparison key: no accents, lower case, single spaces, no punctuation at either end. */
export function answerKey(text: string): string {
  return fold(text)
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, "");
}

export type DiffPart = { kind: "same" | "missing" | "extra"; text: string };

/**
 * Where `typed` differs from `expected`, letter by letter (a longest common subsequence, comparing
 * letters without case or accents): "missing" is in the answer but not typed, "extra" typed but not in it.
 */
export function answerDiff(typed: string, expected: string): DiffPart[] {
  const a = [...typed];
  const b = [...expected];
  // A quadratic table; answers are capped at TYPED_ANSWER_MAX letters, so at most 250,000 cells.
  if (a.length * b.length > TYPED_ANSWER_MAX * TYPED_ANSWER_MAX) {
    return [...(a.length ? [{ kind: "extra" as const, text: typed }] : []), ...(b.length ? [{ kind: "missing" as const, text: expected }] : [])];
  }
  const fa = a.map(fold);
  const fb = b.map(fold);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = fa[i] === fb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (fa[i] === fb[j]) {
      push("same", b[j]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      push("extra", a[i++]!);
    } else {
      push("missing", b[j++]!);
    }
  }
  while (i < a.length) push("extra", a[i++]!);
  while (j < b.length) push("missing", b[j++]!);
  return parts;
}

export type TypedVerdict = { correct: boolean; exact: boolean; expected: string; diff: DiffPart[] };

/** Grades a typed answer against the card's answer (Markdown allowed; it is compared as plain text). */
export function compareAnswer(typed: string, expectedMarkdown: string): TypedVerdict {
  const expected = plainAnswer(expectedMarkdown);
  const correct = answerKey(typed) !== "" && answerKey(typed) === answerKey(expected);
  const exact = typed.trim().replace(/\s+/g, " ") === expected;
  return { correct, exact, expected, diff: exact ? [{ kind: "same", text: expected }] : answerDiff(typed.trim().replace(/\s+/g, " "), expected) };
}
