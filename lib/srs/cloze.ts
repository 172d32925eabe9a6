// Cloze deletions as Anki writes them: `{{c1::answer}}` or `{{c1::answer::hint}}`. A note makes one
// card per cloze number; on card n the deletions numbered n are hidden (or show their hint) and
// every other deletion shows its answer (https://docs.ankiweb.net/editing.html#cloze-deletion).

export const MAX_CLOZE_NUMBER = 50;

const CLOZE = /\{\{c(\d{1,3})::([\s\S]*?)(?:::([^{}]*?))?\}\}/g;

type Deletion = { number: number; answer: string; hint: string | null; start: number; end: number };

function deletions(text: string): Deletion[] {
  return [...text.matchAll(CLOZE)].map((match) => ({
    number: Number(match[1]),
    answer: match[2]!,
    hint: match[3]?.trim() || null,
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** The cloze numbers a text uses, ascending, each once (c0 and numbers past MAX_CLOZE_NUMBER are not cards). */
export function clozeNumbers(text: string): number[] {
  const numbers = new Set(deletions(text).map((deletion) => deletion.number));
  return [...numbers].filter((number) => number >= 1 && number <= MAX_CLOZE_NUMBER).sort((a, b) => a - b);
}

function replaceDeletions(text: string, replace: (deletion: Deletion) => string): string {
  let out = "";
  let at = 0;
  for (const deletion of deletions(text)) {
    out += text.slice(at, deletion.start) + replace(deletion);
    at = deletion.end;
  }
  return out + text.slice(at);
}

/** Card n's question: its deletions hidden as "[…]" (or "[hint]"), the others answered. Markdown in, Markdown out. */
export function clozeFront(text: string, number: number): string {
  return replaceDeletions(text, (deletion) => (deletion.number === number ? `**[${deletion.hint ?? "…"}]**` : deletion.answer));
}

/** Card n's answer side: the whole text with its deletions shown in bold. */
export function clozeBack(text: string, number: number): string {
  return replaceDeletions(text, (deletion) => (deletion.number === number ? `**${deletion.answer.trim()}**` : deletion.answer));
}

/** What card n asks for: the answers of its deletions, joined with ", " when one number is used twice. */
export function clozeAnswer(text: string, number: number): string {
  return deletions(text)
    .filter((deletion) => deletion.number === number)
    .map((deletion) => deletion.answer.trim())
    .join(", ");
}
