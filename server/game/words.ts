import "server-only";
import english from "@/content/words/english.json";
import type { EnglishBand, WordEntry } from "@/lib/games/english";

/** The shipped word list (content/words/english.json, built by `npm run words:build`). */
export const WORD_BANDS = english.bands as Record<EnglishBand, (WordEntry & { pos: string })[]>;
export const TYPING_WORDS: readonly string[] = english.typing;
