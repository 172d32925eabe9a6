import { z } from "zod";
import { displayNameKey, normalizeDisplayName } from "../text/display-name";

// A guest's nickname in a live room: the display-name rule (lib/text/display-name), short enough
// for a tile on the big screen (Kahoot allows 15), and not on the site's blocklist.
export const NICKNAME_MAX_LENGTH = 20;

export const nicknameField = z
  .string()
  .max(500, `Nicknames are at most ${NICKNAME_MAX_LENGTH} characters.`)
  .transform(normalizeDisplayName)
  .pipe(
    z
      .string()
      .min(1, "Enter a nickname with at least one visible letter, digit or symbol.")
      .max(NICKNAME_MAX_LENGTH, `Nicknames are at most ${NICKNAME_MAX_LENGTH} characters.`),
  );

// The built-in list is short on purpose: a site extends it with LIVE_NICKNAME_BLOCKLIST.
const BUILT_IN = ["fuck", "fucker", "fucking", "shit", "cunt", "bitch", "asshole", "arsehole", "dick", "cock", "pussy", "wanker", "bastard", "slut", "whore", "porn", "nazi", "hitler"];

// Digits and symbols that stand in for letters ("sh1t", "@ss").
const LOOKALIKES: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", $: "s", "!": "i", "|": "l" };

function fold(text: string): string {
  return displayNameKey(text)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[0-9@$!|]/g, (c) => LOOKALIKES[c] ?? c);
}

/** True when a word of the nickname, or the whole nickname run together, is a blocked word. */
export function isBlockedNickname(nickname: string, extra: readonly string[] = []): boolean {
  const words = new Set([...BUILT_IN, ...extra.map(fold)].filter(Boolean));
  const folded = fold(nickname);
  const tokens = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // Letters repeated for effect ("shiiit") count once.
  const squeeze = (word: string) => word.replace(/(\p{L})\1+/gu, "$1");
  const squashed = tokens.join("");
  return [...tokens, squashed].some((word) => words.has(word) || words.has(squeeze(word)));
}

export function parseBlocklist(value: string): string[] {
  return value
    .split(",")
    .map((word) => word.trim())
    .filter(Boolean);
}
