import { type Card, createEmptyCard, fsrs, Rating, type Grade } from "ts-fsrs";

// Math facts are scheduled like flashcards, with FSRS (https://github.com/open-spaced-repetition/ts-fsrs):
// a fact answered wrong is rated Again, a slow right answer Hard, a quick one Good; a low rating
// brings the fact back sooner. Short-term steps are off: a fact comes back in a later session.
const scheduler = fsrs({ enable_fuzz: false, enable_short_term: false });

export type FactCard = Card;

export function factRating(answer: { correct: boolean; slow: boolean }): Grade {
  if (!answer.correct) return Rating.Again;
  return answer.slow ? Rating.Hard : Rating.Good;
}

/** The fact's card after one answer at `now`; a fact seen for the first time starts empty. */
export function scheduleFact(card: FactCard | null, rating: Grade, now: Date): FactCard {
  return scheduler.next(card ?? createEmptyCard(now), now, rating).card;
}

/** Cards stored as JSON come back with ISO strings for dates. */
export function reviveFactCard(value: unknown): FactCard | null {
  if (!value || typeof value !== "object") return null;
  const card = value as Record<string, unknown>;
  if (typeof card.due !== "string" && !(card.due instanceof Date)) return null;
  return {
    ...(card as unknown as FactCard),
    due: new Date(card.due as string),
    last_review: card.last_review ? new Date(card.last_review as string) : undefined,
  };
}
