// What a numeric answer box accepts while the learner types, and the plain number it sends. The
// box follows the browser's locale: where the decimal separator is a comma (de, fr, es, pt, …),
// "3,5" is three and a half and "1.234" is a thousand two hundred thirty-four; elsewhere the
// server's reading applies (a lone comma is still a decimal comma, "1,234" is a thousands group).

/** The decimal separator of a locale: "," for de-DE, "." for en-US. */
export function decimalSeparator(locale: string | undefined): "." | "," {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal");
    return part?.value === "," ? "," : ".";
  } catch {
    return ".";
  }
}

/** True while the text can still become a number: a leading sign, digits, separators, spaces. */
export function isNumberKeystroke(text: string): boolean {
  return /^[+-]?[\d\s.,\u00a0\u202f']*$/u.test(text);
}

/**
 * The number the learner typed, written plainly ("-1234.5"), or null when it is not one. Thousands
 * separators (spaces, apostrophes, the other separator in groups of three) are dropped.
 */
export function plainNumber(text: string, decimal: "." | ","): string | null {
  let digits = text.normalize("NFKC").replace(/[\s\u00a0\u202f']+/gu, "");
  if (!/\d/.test(digits) || !isNumberKeystroke(digits)) return null;
  const group = decimal === "," ? "." : ",";
  const grouped = new RegExp(`^[+-]?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d*)?$`);
  if (grouped.test(digits)) digits = digits.split(group).join("");
  else if (decimal === "." && /^[+-]?\d*,\d+$/.test(digits)) digits = digits.replace(",", ".");
  if (decimal === ",") digits = digits.replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(digits)) return null;
  const sign = digits.startsWith("-") ? "-" : "";
  const body = digits.replace(/^[+-]/, "");
  return sign + (body.startsWith(".") ? `0${body}` : body.endsWith(".") ? body.slice(0, -1) : body);
}

/** A plain number shown back in the locale's decimal separator ("3.5" → "3,5"). */
export function localNumber(plain: string, decimal: "." | ","): string {
  return decimal === "," ? plain.replace(".", ",") : plain;
}
