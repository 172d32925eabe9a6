// How typed answers are compared: the same folding for short-text answers and cloze blanks, so a
// learner is never marked wrong for case, spacing, accents or a compatibility form of a character
// (full-width letters, ligatures). NFKD splits "é" into "e" + a combining accent, which is dropped.

/** Folds case, whitespace, accents and compatibility characters; "" for an empty answer. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[\s\u200b]+/gu, " ")
    .trim();
}

export type ParsedNumber = { ok: true; value: number; unit: string } | { ok: false; reason: "empty" | "not-a-number" };

/**
 * Reads a typed number with an optional unit after it: "3", " 3 rows", "-1.5e3", "2,5" (a lone
 * comma is a decimal comma), "1 234.5" and "1,234.5" (thousands separators). The unit is folded.
 */
export function parseNumberWithUnit(input: string): ParsedNumber {
  const text = input.normalize("NFKC").trim();
  if (!text) return { ok: false, reason: "empty" };
  const match = /^([+-]?[\d\s.,]*\d(?:[eE][+-]?\d+)?|[+-]?[.,]\d+)\s*(.*)$/u.exec(text);
  if (!match) return { ok: false, reason: "not-a-number" };
  let digits = match[1]!.replace(/\s+/g, "");
  const unit = foldText(match[2] ?? "");
  const commas = (digits.match(/,/g) ?? []).length;
  const dots = (digits.match(/\./g) ?? []).length;
  if (commas > 0 && dots === 0 && commas === 1 && !/,\d{3}$/.test(digits)) digits = digits.replace(",", ".");
  else if (commas > 0 && dots <= 1 && /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?([eE][+-]?\d+)?$/.test(digits)) digits = digits.replace(/,/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(digits)) return { ok: false, reason: "not-a-number" };
  const value = Number(digits);
  return Number.isFinite(value) ? { ok: true, value, unit } : { ok: false, reason: "not-a-number" };
}
