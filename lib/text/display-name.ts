// One rule for every name other people see: account display names (sign-up, profile, OAuth) and
// live-room nicknames. A name that reads differently from what it is — a right-to-left override
// that flips the rest of a leaderboard row, a zero-width character that makes two names look the
// same, a "blank" Hangul filler — is a spoofing tool (Unicode TR #36, §2; UTS #39). So:
// NFC (marks are counted on the decomposed form), dropping every format character (\p{Cf}: bidi embeddings, overrides and isolates, ZWSP,
// ZWJ/ZWNJ, word joiner, BOM, soft hyphen, tag characters), every control character, the
// characters that render as nothing (Hangul fillers, braille blank, combining grapheme joiner),
// stacks of more than two combining marks on one letter, and collapse runs of white space.

const FORMAT_AND_CONTROL = /[\p{Cf}\p{Cc}\p{Co}\p{Cs}]/gu;
// Letters and marks that display as blank space or nothing at all.
const INVISIBLE = /[\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0E\uFFA0\u{E0100}-\u{E01EF}]/gu;
const SPACES = /[\s\p{Z}]+/gu;
const MARK_STACK = /(\p{M}{2})\p{M}+/gu;

export function normalizeDisplayName(raw: string): string {
  return raw
    .normalize("NFD")
    .replace(FORMAT_AND_CONTROL, "")
    .replace(INVISIBLE, "")
    .replace(MARK_STACK, "$1")
    .normalize("NFC")
    .replace(SPACES, " ")
    .trim();
}

/** The form two names are compared in: "Ann", "ANN" and "ａｎｎ" are one name in a room. */
export function displayNameKey(name: string): string {
  return normalizeDisplayName(name).normalize("NFKC").toLocaleLowerCase("en").replace(SPACES, " ");
}
