import { FSRSAlgorithm, generatorParameters, type Grade } from "ts-fsrs";
import { MAXIMUM_INTERVAL_DAYS, RETENTION_MAX, RETENTION_MIN } from "./scheduler";
import { seededRandom } from "./simulate-learner";

// Workload against desired retention, simulated the way Anki's FSRS simulator does it: the
// learner's own parameters stand for their memory, the collection starts as it is today, new
// cards come in at the daily limit, and each day every due card is reviewed, recalled with the
// probability FSRS predicts. A forgotten card costs a relearning review the same day.

export type WorkloadCard = { stability: number; difficulty: number; dueInDays: number; elapsedDays: number };
export type WorkloadPoint = { retention: number; dailyReviews: number; dailyMinutes: number; memorized: number; secondsPerMemorized: number };

export type WorkloadOptions = {
  parameters: readonly number[];
  /** Cards already learned: their memory state and when they come due (days from today). */
  cards: readonly WorkloadCard[];
  newCards: number;
  newCardsPerDay: number;
  days?: number;
  /** Simulate at most this many learned cards and scale the counts (keeps a large collection fast). */
  sample?: number;
  seed?: number;
};

/** Desired retentions from RETENTION_MIN to RETENTION_MAX, one percent apart. */
export const WORKLOAD_RETENTIONS = Array.from({ length: Math.round((RETENTION_MAX - RETENTION_MIN) * 100) + 1 }, (_, i) => Math.round((RETENTION_MIN + i / 100) * 100) / 100);

// On recall, how often a learner presses Hard / Easy (srs-benchmark's population averages are close).
const RECALL_HARD = 0.1;
const RECALL_EASY = 0.1;
// A first sight: Again, Hard, Good, Easy.
const FIRST_RATINGS = [0.2, 0.05, 0.65, 0.1];
// Seconds a review takes by rating (Again, Hard, Good, Easy): fsrs-rs's simulator defaults, from
// Anki users' logs. A lapse costs more than a recall, which is why the lowest workload per card
// remembered is not at the lowest retention.
const LEARN_SECONDS = [33.79, 24.3, 13.68, 6.5];
const REVIEW_SECONDS = [23.0, 11.68, 7.33, 5.6];
const RELEARN_SECONDS = 13.68;

export function simulateWorkload(options: WorkloadOptions, retention: number): WorkloadPoint {
  const days = options.days ?? 365;
  const random = seededRandom(options.seed ?? 42);
  const sample = options.sample ?? 2000;
  // A random sample (seeded, so the curve repeats exactly): a stride would follow any order the cards came in.
  const pick = seededRandom((options.seed ?? 42) + 1);
  const learned = options.cards.length > sample ? options.cards.filter(() => pick() < sample / options.cards.length) : options.cards;
  const scale = learned.length ? options.cards.length / learned.length : 1;
  const algorithm = new FSRSAlgorithm(generatorParameters({ w: [...options.parameters], request_retention: retention, maximum_interval: MAXIMUM_INTERVAL_DAYS, enable_fuzz: false, enable_short_term: true }));

  type SimCard = { s: number; d: number; last: number; weight: number };
  const due = new Map<number, SimCard[]>();
  const schedule = (card: SimCard, day: number) => {
    const at = Math.min(days, day + Math.max(1, algorithm.next_interval(card.s, 0)));
    const list = due.get(at);
    if (list) list.push(card);
    else due.set(at, [card]);
  };
  const all: SimCard[] = [];
  for (const card of learned) {
    const sim = { s: Math.max(0.01, card.stability), d: Math.min(10, Math.max(1, card.difficulty)), last: -Math.max(0, card.elapsedDays), weight: scale };
    all.push(sim);
    const at = Math.max(0, Math.min(days, Math.round(card.dueInDays)));
    const list = due.get(at);
    if (list) list.push(sim);
    else due.set(at, [sim]);
  }

  let reviews = 0;
  let seconds = 0;
  let newLeft = options.newCards;
  for (let day = 0; day < days; day++) {
    for (const card of due.get(day) ?? []) {
      const elapsed = day - card.last;
      const recall = algorithm.forgetting_curve(elapsed, card.s);
      const recalled = random() < recall;
      const u = random();
      const grade = (recalled ? (u < RECALL_HARD ? 2 : u < RECALL_HARD + RECALL_EASY ? 4 : 3) : 1) as Grade;
      let state = algorithm.next_state({ stability: card.s, difficulty: card.d }, elapsed, grade);
      reviews += card.weight;
      seconds += card.weight * REVIEW_SECONDS[grade - 1]!;
      if (!recalled) {
        // The relearning step, the same day.
        state = algorithm.next_state(state, 0, 3);
        reviews += card.weight;
        seconds += card.weight * RELEARN_SECONDS;
      }
      card.s = state.stability;
      card.d = state.difficulty;
      card.last = day;
      schedule(card, day);
    }
    due.delete(day);
    const introduce = Math.min(newLeft, options.newCardsPerDay);
    newLeft -= introduce;
    for (let i = 0; i < introduce; i++) {
      const u = random();
      const grade = (u < FIRST_RATINGS[0]! ? 1 : u < FIRST_RATINGS[0]! + FIRST_RATINGS[1]! ? 2 : u < 1 - FIRST_RATINGS[3]! ? 3 : 4) as Grade;
      let state = algorithm.next_state(null, 0, grade);
      reviews += 1;
      seconds += LEARN_SECONDS[grade - 1]!;
      // Learning steps until Good: one more look after Again or Hard.
      if (grade < 3) {
        state = algorithm.next_state(state, 0, 3);
        reviews += 1;
        seconds += LEARN_SECONDS[2]!;
      }
      const card = { s: state.stability, d: state.difficulty, last: day, weight: 1 };
      all.push(card);
      schedule(card, day);
    }
  }
  const memorized = all.reduce((sum, card) => sum + card.weight * algorithm.forgetting_curve(days - card.last, card.s), 0);
  return { retention, dailyReviews: reviews / days, dailyMinutes: seconds / 60 / days, memorized, secondsPerMemorized: memorized > 0 ? seconds / memorized : Number.POSITIVE_INFINITY };
}

/** The curve for every desired retention, and the one that costs the least study time per card remembered at the end. */
export function workloadCurve(options: WorkloadOptions): { points: WorkloadPoint[]; best: number } {
  const points = WORKLOAD_RETENTIONS.map((retention) => simulateWorkload(options, retention));
  const best = points.reduce((min, point) => (point.secondsPerMemorized < min.secondsPerMemorized ? point : min), points[0]!);
  return { points, best: best.retention };
}
