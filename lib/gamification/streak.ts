import { localDateKey } from "../time/day";

// Streak rules, in one place:
// - A day counts when the learner's XP on that calendar day, in their own time zone, meets their
//   daily goal.
// - The streak is the run of counted days ending today, or ending yesterday while today is still
//   open (then it is "at risk" until today's goal is met).
// - Every 7th consecutive counted day earns a streak freeze; at most 2 are held.
// - A missed day inside the run spends a held freeze automatically: the streak survives, the frozen
//   day adds nothing to its length.

export const FREEZE_EVERY_DAYS = 7;
export const MAX_FREEZES = 2;

export type XpAt = { amount: number; createdAt: Date };

/** XP per local calendar day (YYYY-MM-DD) in `timeZone`. */
export function dailyTotals(events: XpAt[], timeZone: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const event of events) {
    const day = localDateKey(timeZone, event.createdAt);
    totals.set(day, (totals.get(day) ?? 0) + event.amount);
  }
  return totals;
}

function addDays(day: string, delta: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

export type StreakState = {
  /** Consecutive goal days up to today (or yesterday while today is open). */
  current: number;
  longest: number;
  freezesHeld: number;
  /** Missed days a freeze covered, oldest first. */
  frozenDays: string[];
  todayXp: number;
  goalMetToday: boolean;
  /** The streak would break at the end of today unless the goal is met (no freeze held). */
  atRisk: boolean;
};

/** Replays the learner's days from the first one with XP up to `today` (a local YYYY-MM-DD). */
export function computeStreak(options: { totals: Map<string, number>; goal: number; today: string }): StreakState {
  const { totals, goal, today } = options;
  const days = [...totals.keys()].filter((day) => day <= today).sort();
  let current = 0;
  let longest = 0;
  let freezesHeld = 0;
  let frozenDays: string[] = [];
  const todayXp = totals.get(today) ?? 0;
  if (days.length === 0) return { current, longest, freezesHeld, frozenDays, todayXp, goalMetToday: false, atRisk: false };

  // Today is judged only once it is over; until then a short today neither counts nor breaks.
  for (let day = days[0]!; day < today || (day === today && todayXp >= goal); day = addDays(day, 1)) {
    if ((totals.get(day) ?? 0) >= goal) {
      current++;
      if (current % FREEZE_EVERY_DAYS === 0) freezesHeld = Math.min(MAX_FREEZES, freezesHeld + 1);
    } else if (current > 0 && freezesHeld > 0) {
      freezesHeld--;
      frozenDays.push(day);
    } else {
      current = 0;
      frozenDays = [];
    }
    longest = Math.max(longest, current);
  }
  const goalMetToday = todayXp >= goal;
  return { current, longest, freezesHeld, frozenDays, todayXp, goalMetToday, atRisk: current > 0 && !goalMetToday && freezesHeld === 0 };
}
