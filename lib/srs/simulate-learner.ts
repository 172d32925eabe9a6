import { clipParameters, default_w, FSRSAlgorithm, generatorParameters, type Grade } from "ts-fsrs";
import { createRandom } from "@/lib/ml/random";
import { newSchedule, rate, type Rating, type Schedule, type ScheduledLog, schedulerFor } from "./scheduler";

// A simulated learner for tests and benchmarks: a "true" memory (FSRS-6 with parameters of its
// own) decides whether each review is recalled, while the cards are scheduled the way Learnloop
// schedules them (our scheduler, default parameters unless told otherwise). The optimizer then has
// to recover something close to the true memory from the review log alone.

/** A small, fast, seedable generator: the same seed gives the same learner. */
export const seededRandom = createRandom;

/**
 * A learner's "true" FSRS-6 parameters, drawn the way learners differ most in srs-benchmark's
 * collections: initial stabilities (w0–w3) scaled together by a factor between ¼ and 4 (log-uniform),
 * the forgetting curve's decay (w20) anywhere in 0.1–0.5, and every other parameter up to ±`spread`
 * off the default; clipped to FSRS's valid ranges.
 */
export function drawTrueParameters(random: () => number, spread = 0.5): number[] {
  const memory = Math.exp(Math.log(0.25) + random() * Math.log(16));
  const drawn = default_w.map((value, i) => (i < 4 ? value * memory : i === 20 ? 0.1 + 0.4 * random() : value * (1 - spread + 2 * spread * random())));
  return clipParameters(drawn, 1, true);
}

export type SimulatedReview = { cardId: string; rating: Rating; reviewedAt: Date; before: Schedule; after: Schedule; log: ScheduledLog };
export type SimulatedLearner = { trueParameters: number[]; reviews: SimulatedReview[]; cards: Map<string, Schedule> };

export type SimulateOptions = {
  seed: number;
  /** Stop once the log holds this many reviews. */
  reviews: number;
  start?: Date;
  newCardsPerDay?: number;
  trueParameters?: number[];
  /** The parameters the learner was scheduled with; FSRS's defaults when absent. */
  schedulingWeights?: readonly number[] | null;
  desiredRetention?: number;
};

/**
 * One study session a day (at a random time of the evening, UTC): every due card, new cards up to
 * the daily limit, and learning steps repeated until none is left for the session.
 */
export function simulateLearner(options: SimulateOptions): SimulatedLearner {
  const random = seededRandom(options.seed);
  const trueParameters = options.trueParameters ?? drawTrueParameters(random);
  const truth = new FSRSAlgorithm(generatorParameters({ w: trueParameters, enable_short_term: true, enable_fuzz: false }));
  const scheduler = schedulerFor({ desiredRetention: options.desiredRetention ?? 0.9, weights: options.schedulingWeights ?? null });
  const newPerDay = options.newCardsPerDay ?? 5 + Math.floor(random() * 11);
  // How this learner uses the buttons: how often a first sight is Again/Hard/Easy, and how often a recall is Hard/Easy.
  const firstAgain = 0.15 + 0.2 * random();
  const recallHard = 0.05 + 0.15 * random();
  const recallEasy = 0.03 + 0.12 * random();

  const cards = new Map<string, Schedule>();
  const memory = new Map<string, { state: { stability: number; difficulty: number } | null; last: Date | null }>();
  const reviews: SimulatedReview[] = [];
  const start = options.start ?? new Date(Date.UTC(2025, 0, 1));
  let created = 0;

  const review = (cardId: string, at: Date) => {
    const schedule = cards.get(cardId)!;
    const mind = memory.get(cardId)!;
    let rating: Rating;
    if (!mind.state) {
      const u = random();
      rating = u < firstAgain ? 1 : u < firstAgain + 0.1 ? 2 : u < 0.95 ? 3 : 4;
    } else {
      const days = wholeDays(mind.last!, at);
      const elapsed = days > 0 ? days : (at.getTime() - mind.last!.getTime()) / 86_400_000;
      const recalled = random() < truth.forgetting_curve(elapsed, mind.state.stability);
      const u = random();
      rating = !recalled ? 1 : u < recallHard ? 2 : u < recallHard + recallEasy ? 4 : 3;
    }
    const days = mind.last ? wholeDays(mind.last, at) : 0;
    mind.state = truth.next_state(mind.state, days, rating as Grade);
    mind.last = at;
    const { schedule: after, log } = rate(scheduler, schedule, rating, at);
    cards.set(cardId, after);
    reviews.push({ cardId, rating, reviewedAt: at, before: schedule, after, log });
  };

  for (let day = 0; reviews.length < options.reviews; day++) {
    let clock = new Date(start.getTime() + day * 86_400_000 + (17 + 4 * random()) * 3_600_000);
    const dayEnd = new Date(start.getTime() + (day + 1) * 86_400_000);
    for (let i = 0; i < newPerDay; i++) {
      const id = `card-${String(created++).padStart(5, "0")}`;
      cards.set(id, newSchedule(start));
      memory.set(id, { state: null, last: null });
    }
    let newLeft = newPerDay;
    // Repeat passes over the collection until nothing is due in this session (learning steps come back minutes later).
    for (let pass = 0; pass < 20 && reviews.length < options.reviews; pass++) {
      const due = [...cards.entries()]
        .filter(([, s]) => (s.state === "NEW" ? newLeft > 0 : s.due.getTime() <= Math.max(clock.getTime(), s.state === "REVIEW" ? dayEnd.getTime() - 1 : 0)))
        .sort((a, b) => a[1].due.getTime() - b[1].due.getTime() || a[0].localeCompare(b[0]));
      const eligible = due.filter(([, s]) => s.state !== "NEW" || newLeft-- > 0);
      if (!eligible.length) {
        const nextStep = [...cards.values()].filter((s) => s.state === "LEARNING" || s.state === "RELEARNING").map((s) => s.due.getTime()).filter((t) => t < dayEnd.getTime());
        if (!nextStep.length) break;
        clock = new Date(Math.max(clock.getTime(), Math.min(...nextStep)));
        continue;
      }
      for (const [cardId] of eligible) {
        if (reviews.length >= options.reviews) break;
        clock = new Date(clock.getTime() + (5 + 10 * random()) * 1000);
        review(cardId, clock);
      }
    }
  }
  return { trueParameters, reviews, cards };
}

function wholeDays(from: Date, to: Date): number {
  return Math.floor(to.getTime() / 86_400_000) - Math.floor(from.getTime() / 86_400_000);
}
