// How an acronym memory aid is read for display: "PVF: Price, then Variable cost, then Fixed
// costs." is the word PVF, one expansion per key letter, and the letter each expansion is
// remembered by. Connectives ("then", "and", "plus") lead no expansion, a sentence after the list
// is a note, and in a word with lower-case fillers ("CLiP") only the capitals are key letters.

export type AcronymExpansion = { before: string; letter: string; after: string };
export type Acronym = {
  word: string;
  /** Per character of the word: whether it is a key letter. */
  keyLetters: boolean[];
  expansions: AcronymExpansion[];
  note: string;
};

const CONNECTIVES = new Set(["then", "and", "or", "plus", "next", "finally", "last", "the", "a", "an", "&"]);

/** The acronym in an aid's text, or null when the text is not written as "WORD: expansion, …". */
export function parseAcronym(text: string): Acronym | null {
  const match = /^([\p{L}\p{N}]{2,12})\s*[:—–-]\s*([\s\S]+)$/u.exec(text.trim());
  if (!match) return null;
  const word = match[1]!;
  const hasCapitals = /\p{Lu}/u.test(word) && /\p{Ll}/u.test(word);
  const keyLetters = [...word].map((char) => (hasCapitals ? /[\p{Lu}\p{N}]/u.test(char) : true));
  const keys = [...word].filter((_, i) => keyLetters[i]);
  // The list ends at the first full stop followed by a new sentence; the rest is a note.
  const body = match[2]!.trim();
  const end = /\.(\s+|$)/u.exec(body);
  const list = end ? body.slice(0, end.index) : body;
  const note = end ? body.slice(end.index + end[0].length).trim() : "";
  const parts = list
    .split(/\s*[,;\n]\s*|\s+(?:and|&)\s+/u)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length !== keys.length) return null;
  const expansions: AcronymExpansion[] = [];
  for (const [i, part] of parts.entries()) {
    const found = keyLetterIn(part, keys[i]!);
    if (!found) return null;
    expansions.push(found);
  }
  return { word, keyLetters, expansions, note };
}

/** Splits an expansion at the first letter of its first non-connective word that starts with `key`. */
function keyLetterIn(part: string, key: string): AcronymExpansion | null {
  const fold = (s: string) => s.toLocaleLowerCase("en");
  for (const word of part.matchAll(/[\p{L}\p{N}&]+/gu)) {
    const at = word.index!;
    const starts = fold(word[0].charAt(0)) === fold(key);
    if (starts && !(CONNECTIVES.has(fold(word[0])) && fold(word[0]) !== fold(part))) {
      return { before: part.slice(0, at), letter: part.charAt(at), after: part.slice(at + 1) };
    }
  }
  return null;
}
