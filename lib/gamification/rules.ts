/**
 * The XP rules: every activity the game counts, what it earns, and where earning stops for the day.
 * This table is the only place amounts live; the table in docs/architecture.md is checked against it by
 * rules.test.ts. Activities are recorded through `recordActivity`
 * (server/gamification/activity.ts), which applies the rule on the server: clients never say how
 * much XP anything is worth.
 */
export const XP_RULES = {
  "lesson-section": { xp: 10, maxXp: 10, dailyCap: null, label: "Finish a lesson section", once: "per section" },
  "lesson-complete": { xp: 20, maxXp: 20, dailyCap: null, label: "Finish every section of a lesson", once: "per lesson" },
  "course-complete": { xp: 100, maxXp: 100, dailyCap: null, label: "Finish every lesson of a course", once: "per course" },
  review: { xp: 2, maxXp: 2, dailyCap: 200, label: "Review a flashcard", once: "per review" },
  quiz: { xp: 30, maxXp: 30, dailyCap: 300, label: "Finish a quiz (XP scales with the score)", once: "per attempt" },
  challenge: { xp: 20, maxXp: 40, dailyCap: 200, label: "Play a timed or friend challenge (scales with points)", once: "per attempt" },
  game: { xp: 10, maxXp: 20, dailyCap: 60, label: "Finish a mini-game session (scales with the result; cap per game)", once: "per session" },
  "lab-strategy": { xp: 15, maxXp: 15, dailyCap: null, label: "Run a lab strategy to the end", once: "per strategy" },
  "training-run": { xp: 25, maxXp: 25, dailyCap: 75, label: "Finish a training run on the server", once: "per run" },
} as const satisfies Record<string, { xp: number; maxXp: number; dailyCap: number | null; label: string; once: string }>;

export type ActivityRule = keyof typeof XP_RULES;
export const ACTIVITY_RULES = Object.keys(XP_RULES) as ActivityRule[];

/** The facts each activity carries in the ledger; badges and mastery read them. */
export interface ActivityMeta {
  "lesson-section": { lessonId: string; sectionId: string };
  "lesson-complete": { lessonId: string };
  "course-complete": Record<string, never>;
  review: { cardId: string; rating: 1 | 2 | 3 | 4 };
  quiz: { quizId: string; mode: "practice" | "graded"; scorePct: number; perfect: boolean };
  challenge: { challengeId: string; points: number; correct: number; total: number };
  game: { game: string; mode: string; level: string; score: number; wpm?: number; accuracy?: number };
  "lab-strategy": { strategy: string };
  "training-run": { runId: string; kind: string };
}

/**
 * XP an activity earns before the daily cap: the rule's fixed amount, or, for rules that scale
 * (quiz, challenge, game), `fraction` (0–1, computed on the server from the result) of the maximum.
 */
export function baseXp(rule: ActivityRule, fraction?: number): number {
  const entry = XP_RULES[rule];
  if (fraction === undefined) return entry.xp;
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  return Math.round(entry.maxXp * clamped);
}

/** XP left to earn after `earnedToday` under the rule's daily cap (for games: per game). */
export function capXp(rule: ActivityRule, xp: number, earnedToday: number): number {
  const cap = XP_RULES[rule].dailyCap;
  if (cap === null) return xp;
  return Math.max(0, Math.min(xp, cap - earnedToday));
}
