import { computeStreak, dailyTotals } from "./streak";
import { levelFor } from "./levels";
import type { ActivityRule } from "./rules";
import { localDateKey } from "../time/day";

/**
 * What badges are decided on: facts about a learner, all derived from their activity ledger
 * (`factsFromEvents` below replays raw events; the server computes the same facts in SQL).
 */
export type LearnerFacts = {
  /** Activities recorded, per rule. */
  counts: Partial<Record<ActivityRule, number>>;
  totalXp: number;
  /** The longest run of goal days ever reached. */
  longestStreak: number;
  perfectQuizzes: number;
  /** Best typing speed (wpm) of a finished typing game. */
  bestWpm: number;
  /** Highest level of a finished math sprint (timed mode). */
  bestMathSprintLevel: number;
  labStrategies: string[];
};

export type Badge = {
  id: string;
  name: string;
  /** How to earn it, shown on locked badges. */
  howTo: string;
  /** A short symbol shown on the badge (decorative; the name is the accessible label). */
  icon: string;
  /** The activities that can change the outcome; the badge is checked only after those. */
  triggers: readonly (ActivityRule | "any-xp")[];
  earned: (facts: LearnerFacts) => boolean;
};

const count = (facts: LearnerFacts, rule: ActivityRule) => facts.counts[rule] ?? 0;

export const BADGES: readonly Badge[] = [
  { id: "first-lesson", name: "First lesson", icon: "📘", howTo: "Finish a section of any lesson.", triggers: ["lesson-section"], earned: (f) => count(f, "lesson-section") >= 1 },
  { id: "lesson-complete", name: "Lesson learned", icon: "✅", howTo: "Finish every section of a lesson.", triggers: ["lesson-complete"], earned: (f) => count(f, "lesson-complete") >= 1 },
  { id: "course-complete", name: "Course finisher", icon: "🎓", howTo: "Finish every lesson of a course.", triggers: ["course-complete"], earned: (f) => count(f, "course-complete") >= 1 },
  { id: "first-review", name: "First recall", icon: "🃏", howTo: "Review your first flashcard.", triggers: ["review"], earned: (f) => count(f, "review") >= 1 },
  { id: "reviews-100", name: "Hundred reviews", icon: "💯", howTo: "Review 100 flashcards.", triggers: ["review"], earned: (f) => count(f, "review") >= 100 },
  { id: "reviews-1000", name: "Thousand reviews", icon: "🏛️", howTo: "Review 1,000 flashcards.", triggers: ["review"], earned: (f) => count(f, "review") >= 1000 },
  { id: "first-quiz", name: "Quiz taker", icon: "📝", howTo: "Finish a quiz.", triggers: ["quiz"], earned: (f) => count(f, "quiz") >= 1 },
  { id: "perfect-quiz", name: "Perfect score", icon: "🌟", howTo: "Answer every question of a graded quiz correctly.", triggers: ["quiz"], earned: (f) => f.perfectQuizzes >= 1 },
  { id: "challenger", name: "Challenger", icon: "⚡", howTo: "Play a timed or friend challenge.", triggers: ["challenge"], earned: (f) => count(f, "challenge") >= 1 },
  { id: "streak-7", name: "Week streak", icon: "🔥", howTo: "Meet your daily goal 7 days in a row.", triggers: ["any-xp"], earned: (f) => f.longestStreak >= 7 },
  { id: "streak-30", name: "Month streak", icon: "🔥", howTo: "Meet your daily goal 30 days in a row.", triggers: ["any-xp"], earned: (f) => f.longestStreak >= 30 },
  { id: "streak-100", name: "Hundred-day streak", icon: "☄️", howTo: "Meet your daily goal 100 days in a row.", triggers: ["any-xp"], earned: (f) => f.longestStreak >= 100 },
  { id: "level-5", name: "Level 5", icon: "⬆️", howTo: "Reach level 5.", triggers: ["any-xp"], earned: (f) => levelFor(f.totalXp).level >= 5 },
  { id: "level-10", name: "Level 10", icon: "🚀", howTo: "Reach level 10.", triggers: ["any-xp"], earned: (f) => levelFor(f.totalXp).level >= 10 },
  { id: "wpm-40", name: "Typist", icon: "⌨️", howTo: "Type at 40 wpm or more in a typing game.", triggers: ["game"], earned: (f) => f.bestWpm >= 40 },
  { id: "wpm-60", name: "Fast typist", icon: "⌨️", howTo: "Type at 60 wpm or more in a typing game.", triggers: ["game"], earned: (f) => f.bestWpm >= 60 },
  { id: "wpm-80", name: "Lightning fingers", icon: "⚡", howTo: "Type at 80 wpm or more in a typing game.", triggers: ["game"], earned: (f) => f.bestWpm >= 80 },
  { id: "math-sprint-3", name: "Number cruncher", icon: "➗", howTo: "Finish a math sprint at level 3 or higher.", triggers: ["game"], earned: (f) => f.bestMathSprintLevel >= 3 },
  { id: "math-sprint-6", name: "Mental math master", icon: "🧮", howTo: "Finish a math sprint at level 6 or higher.", triggers: ["game"], earned: (f) => f.bestMathSprintLevel >= 6 },
  { id: "games-10", name: "Player", icon: "🎮", howTo: "Finish 10 mini-game sessions.", triggers: ["game"], earned: (f) => count(f, "game") >= 10 },
  { id: "lab-feature-extraction", name: "Feature extractor", icon: "🧪", howTo: "Run the feature extraction strategy in the ML lab.", triggers: ["lab-strategy"], earned: (f) => f.labStrategies.includes("feature-extraction") },
  { id: "lab-fine-tuning", name: "Fine tuner", icon: "🎛️", howTo: "Run the fine-tuning strategy in the ML lab.", triggers: ["lab-strategy"], earned: (f) => f.labStrategies.includes("fine-tuning") },
  { id: "lab-from-scratch", name: "From scratch", icon: "🧱", howTo: "Train a network from scratch in the ML lab.", triggers: ["lab-strategy"], earned: (f) => f.labStrategies.includes("from-scratch") },
  { id: "server-training", name: "Heavy lifter", icon: "🖥️", howTo: "Finish a training run on the server.", triggers: ["training-run"], earned: (f) => count(f, "training-run") >= 1 },
];

export const BADGE_BY_ID = new Map(BADGES.map((badge) => [badge.id, badge]));

/** The badges a learner with these facts has earned. */
export function earnedBadgeIds(facts: LearnerFacts, only?: readonly Badge[]): string[] {
  return (only ?? BADGES).filter((badge) => badge.earned(facts)).map((badge) => badge.id);
}

/** The badges worth checking after an activity of `rule` that earned `xp`. */
export function badgesTriggeredBy(rule: ActivityRule, xp: number): Badge[] {
  return BADGES.filter((badge) => badge.triggers.includes(rule) || (xp > 0 && badge.triggers.includes("any-xp")));
}

export type LedgerEvent = { source: string; amount: number; createdAt: Date; meta: unknown };

const MATH_GAME = "math";
const TYPING_GAME = "typing";

function metaOf(event: LedgerEvent): Record<string, unknown> {
  return event.meta && typeof event.meta === "object" ? (event.meta as Record<string, unknown>) : {};
}

/** Reads the facts one event contributes (shared by the replay and kept in step with the SQL). */
export function addEventToFacts(facts: LearnerFacts, event: LedgerEvent): void {
  const rule = event.source as ActivityRule;
  facts.counts[rule] = (facts.counts[rule] ?? 0) + 1;
  facts.totalXp += event.amount;
  const meta = metaOf(event);
  if (rule === "quiz" && meta.perfect === true) facts.perfectQuizzes++;
  if (rule === "game" && meta.game === TYPING_GAME && typeof meta.wpm === "number") facts.bestWpm = Math.max(facts.bestWpm, meta.wpm);
  if (rule === "game" && meta.game === MATH_GAME && meta.mode === "sprint") {
    const level = Number.parseInt(String(meta.level), 10);
    if (Number.isFinite(level)) facts.bestMathSprintLevel = Math.max(facts.bestMathSprintLevel, level);
  }
  if (rule === "lab-strategy" && typeof meta.strategy === "string" && !facts.labStrategies.includes(meta.strategy)) facts.labStrategies.push(meta.strategy);
}

export function emptyFacts(): LearnerFacts {
  return { counts: {}, totalXp: 0, longestStreak: 0, perfectQuizzes: 0, bestWpm: 0, bestMathSprintLevel: 0, labStrategies: [] };
}

export const GAME_IDS_FOR_BADGES = { typing: TYPING_GAME, math: MATH_GAME } as const;

/**
 * Replays a learner's ledger from nothing: the badges earned (each dated by the event that earned
 * it), the level and the streak. This is the reference the app's stored state is checked against.
 */
export function replayLedger(events: LedgerEvent[], options: { timeZone: string; goal: number; now: Date }) {
  const sorted = [...events].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const facts = emptyFacts();
  const totals = new Map<string, number>();
  const badges = new Map<string, Date>();
  const levelUps: { level: number; at: Date }[] = [];
  for (const event of sorted) {
    const levelBefore = levelFor(facts.totalXp).level;
    addEventToFacts(facts, event);
    const day = localDateKey(options.timeZone, event.createdAt);
    totals.set(day, (totals.get(day) ?? 0) + event.amount);
    facts.longestStreak = Math.max(facts.longestStreak, computeStreak({ totals, goal: options.goal, today: day }).longest);
    const levelAfter = levelFor(facts.totalXp).level;
    for (let level = levelBefore + 1; level <= levelAfter; level++) levelUps.push({ level, at: event.createdAt });
    for (const badge of badgesTriggeredBy(event.source as ActivityRule, event.amount)) {
      if (!badges.has(badge.id) && badge.earned(facts)) badges.set(badge.id, event.createdAt);
    }
  }
  const streak = computeStreak({ totals: dailyTotals(sorted, options.timeZone), goal: options.goal, today: localDateKey(options.timeZone, options.now) });
  return { facts, badges, levelUps, level: levelFor(facts.totalXp), streak };
}
