// Cloze text: blanks are written [[answer]] or [[answer|alternative|…]] (lib/content/schema.ts).

export type ClozePart = { kind: "text"; text: string } | { kind: "blank"; index: number };
export type ParsedCloze = { parts: ClozePart[]; blanks: string[][] };

const BLANK = /\[\[([^\]]+)\]\]/g;

/** The text split into plain runs and numbered blanks, with each blank's accepted answers. */
export function parseCloze(text: string): ParsedCloze {
  const parts: ClozePart[] = [];
  const blanks: string[][] = [];
  let last = 0;
  for (const match of text.matchAll(BLANK)) {
    if (match.index > last) parts.push({ kind: "text", text: text.slice(last, match.index) });
    const accepted = match[1]!.split("|").map((answer) => answer.trim()).filter(Boolean);
    parts.push({ kind: "blank", index: blanks.length });
    blanks.push(accepted);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return { parts, blanks };
}
