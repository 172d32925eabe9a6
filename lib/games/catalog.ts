import { MATH_LEVEL_LABELS, MATH_LEVELS, MATH_PRACTICE_PROBLEMS, MATH_SPRINT_MS } from "./math";

export type ModeSpec = { label: string; /** A countdown runs: the game ends when it reaches zero. */ limitMs: number | null; description: string };
export type LevelSpec = { label: string; ages: string };
export type GameSpec = { title: string; summary: string; skill: "memory" | "math" | "typing" | "english"; modes: Record<string, ModeSpec>; levels: Record<string, LevelSpec>; scoreLabel: string };

export const TYPING_WORD_MODES = { "words-10": 10, "words-25": 25, "words-50": 50 } as const;

export const GAMES = {
  typing: {
    title: "Typing speed",
    summary: "Type a passage as fast and accurately as you can: words per minute, accuracy and consistency, as Monkeytype measures them.",
    skill: "typing",
    scoreLabel: "wpm",
    modes: {
      "time-15": { label: "15 seconds", limitMs: 15_000, description: "Type for 15 seconds." },
      "time-30": { label: "30 seconds", limitMs: 30_000, description: "Type for 30 seconds." },
      "time-60": { label: "60 seconds", limitMs: 60_000, description: "Type for 60 seconds." },
      "words-10": { label: "10 words (untimed)", limitMs: null, description: "Type 10 words; no countdown." },
      "words-25": { label: "25 words (untimed)", limitMs: null, description: "Type 25 words; no countdown." },
      "words-50": { label: "50 words (untimed)", limitMs: null, description: "Type 50 words; no countdown." },
    },
    levels: {
      starter: { label: "Short words", ages: "6+" },
      common: { label: "Common words", ages: "9+" },
      course: { label: "My course text", ages: "all" },
    },
  },
  math: {
    title: "Math fluency",
    summary: "Answer facts of one kind as fast as you can; the difficulty adapts, and facts you miss or answer slowly come back sooner.",
    skill: "math",
    scoreLabel: "correct",
    modes: {
      sprint: { label: "60-second sprint", limitMs: MATH_SPRINT_MS, description: "As many answers as you can in 60 seconds." },
      practice: { label: `Practice: ${MATH_PRACTICE_PROBLEMS} facts (untimed)`, limitMs: null, description: `${MATH_PRACTICE_PROBLEMS} facts at your own pace; no countdown.` },
    },
    levels: Object.fromEntries(MATH_LEVELS.map((level, i) => [level, { label: MATH_LEVEL_LABELS[level], ages: ["5+", "7+", "7+", "8+", "9+", "10+", "11+"][i]! }])) as Record<(typeof MATH_LEVELS)[number], LevelSpec>,
  },
  match: {
    title: "Match pairs",
    summary: "Turn cards two at a time to find matching pairs: pictures and words, or terms and definitions from your courses.",
    skill: "memory",
    scoreLabel: "points",
    modes: {
      timed: { label: "Against the clock", limitMs: null, description: "Fewer moves and a faster finish score more; the clock counts up, it never stops the game." },
      relaxed: { label: "Relaxed (untimed)", limitMs: null, description: "Only your moves count; no clock." },
    },
    levels: {
      "pictures-6": { label: "6 picture ↔ word pairs", ages: "4+" },
      "words-8": { label: "8 word ↔ definition pairs", ages: "9+" },
      "glossary-8": { label: "8 pairs from my course glossaries", ages: "all" },
      "glossary-12": { label: "12 pairs from my course glossaries", ages: "all" },
    },
  },
  sequence: {
    title: "Sequence",
    summary: "Watch the tiles light up, then repeat the sequence; it grows by one tile each round.",
    skill: "memory",
    scoreLabel: "longest sequence",
    modes: {
      untimed: { label: "Untimed", limitMs: null, description: "Take your time to repeat each sequence; no countdown." },
    },
    levels: {
      "4-tiles": { label: "4 tiles, slow", ages: "4+" },
      "6-tiles": { label: "6 tiles", ages: "8+" },
      "9-tiles": { label: "9 tiles, fast", ages: "12+" },
    },
  },
  english: {
    title: "English skills",
    summary: "Spelling, vocabulary, word scrambles and grammar, with words from a frequency-banded English word list.",
    skill: "english",
    scoreLabel: "correct",
    modes: {
      spelling: { label: "Spelling", limitMs: null, description: "Hear the word (or read its definition) and type it." },
      vocabulary: { label: "Vocabulary", limitMs: null, description: "Read a definition and choose the word." },
      scramble: { label: "Word scramble", limitMs: null, description: "Unscramble the letters into a word." },
      grammar: { label: "Grammar", limitMs: null, description: "Choose the form that completes the sentence." },
    },
    levels: {
      starter: { label: "Starter words", ages: "6+" },
      core: { label: "Core words", ages: "10+" },
      advanced: { label: "Advanced words", ages: "14+" },
      course: { label: "My course glossary", ages: "all" },
    },
  },
} as const satisfies Record<string, GameSpec>;

export type GameId = keyof typeof GAMES;
export const GAME_IDS = Object.keys(GAMES) as GameId[];

export const SEQUENCE_LEVELS: Record<keyof (typeof GAMES)["sequence"]["levels"], { tiles: number; stepMs: number }> = {
  "4-tiles": { tiles: 4, stepMs: 900 },
  "6-tiles": { tiles: 6, stepMs: 700 },
  "9-tiles": { tiles: 9, stepMs: 500 },
};

export function isGameId(value: string): value is GameId {
  return (GAME_IDS as string[]).includes(value);
}

/** The mode and level specs of a game, or null where the game has no such mode or level. */
export function findVariant(game: string, mode: string, level: string): { game: GameId; mode: ModeSpec; level: LevelSpec } | null {
  if (!isGameId(game)) return null;
  const spec: GameSpec = GAMES[game];
  const modeSpec = spec.modes[mode];
  const levelSpec = spec.levels[level];
  if (!modeSpec || !levelSpec) return null;
  return { game, mode: modeSpec, level: levelSpec };
}
