import { createEmptyCard, fsrs, generatorParameters, type Card as FsrsCard, type FSRS, type Grade, State, type StepUnit } from "ts-fsrs";

// A thin layer over ts-fsrs (FSRS-6): the one place that turns a learner's settings into scheduler
// parameters and our card rows into ts-fsrs cards and back. Scheduling itself is ts-fsrs's, unchanged,
// so results match it exactly for the same parameters (lib/srs/scheduler.test.ts replays a sequence).

export const RETENTION_MIN = 0.7;
export const RETENTION_MAX = 0.97;
export const DEFAULT_RETENTION = 0.9;
export const DEFAULT_NEW_CARDS_PER_DAY = 20;
export const NEW_CARDS_PER_DAY_MAX = 999;
// Anki's defaults: a new card is shown again after 1 and 10 minutes before it graduates to days; a
// forgotten one after 10 minutes.
export const LEARNING_STEPS: readonly StepUnit[] = ["1m", "10m"];
export const RELEARNING_STEPS: readonly StepUnit[] = ["10m"];
export const MAXIMUM_INTERVAL_DAYS = 36_500;

export const CARD_STATES = ["NEW", "LEARNING", "REVIEW", "RELEARNING"] as const;
export type CardState = (typeof CARD_STATES)[number];
export const RATINGS = [1, 2, 3, 4] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABEL: Record<Rating, string> = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };

/** The memory state of a card as we store it. */
export type Schedule = {
  state: CardState;
  due: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
};

/** One rating as the review log stores it (ts-fsrs's log: the state *before* the rating). */
export type ScheduledLog = {
  rating: Rating;
  state: CardState;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reviewedAt: Date;
};

export type SchedulerSettings = {
  desiredRetention: number;
  /** FSRS weights fitted for the learner; empty or absent uses ts-fsrs's defaults. */
  weights?: readonly number[] | null;
  /** Off only for tests that need exact intervals; on for learners (spreads same-day pile-ups). */
  fuzz?: boolean;
};

export function clampRetention(value: number): number {
  return Math.min(RETENTION_MAX, Math.max(RETENTION_MIN, value));
}

/** The ts-fsrs scheduler for a learner's settings. */
export function schedulerFor(settings: SchedulerSettings): FSRS {
  return fsrs(
    generatorParameters({
      request_retention: clampRetention(settings.desiredRetention),
      maximum_interval: MAXIMUM_INTERVAL_DAYS,
      enable_fuzz: settings.fuzz ?? true,
      enable_short_term: true,
      learning_steps: LEARNING_STEPS,
      relearning_steps: RELEARNING_STEPS,
      ...(settings.weights && settings.weights.length ? { w: settings.weights } : {}),
    }),
  );
}

const toState: Record<State, CardState> = { [State.New]: "NEW", [State.Learning]: "LEARNING", [State.Review]: "REVIEW", [State.Relearning]: "RELEARNING" };
const fromState: Record<CardState, State> = { NEW: State.New, LEARNING: State.Learning, REVIEW: State.Review, RELEARNING: State.Relearning };

export function newSchedule(now: Date): Schedule {
  return fromFsrsCard(createEmptyCard(now));
}

export function toFsrsCard(schedule: Schedule): FsrsCard {
  return {
    due: schedule.due,
    stability: schedule.stability,
    difficulty: schedule.difficulty,
    elapsed_days: 0,
    scheduled_days: schedule.scheduledDays,
    learning_steps: schedule.learningSteps,
    reps: schedule.reps,
    lapses: schedule.lapses,
    state: fromState[schedule.state],
    last_review: schedule.lastReview ?? undefined,
  };
}

export function fromFsrsCard(card: FsrsCard): Schedule {
  return {
    state: toState[card.state],
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.last_review ?? null,
  };
}

/** Applies one rating at `now`: the card's next schedule and the log row of the rating. */
export function rate(scheduler: FSRS, schedule: Schedule, rating: Rating, now: Date): { schedule: Schedule; log: ScheduledLog } {
  const { card, log } = scheduler.next(toFsrsCard(schedule), now, rating as Grade);
  return {
    schedule: fromFsrsCard(card),
    log: {
      rating,
      state: toState[log.state],
      due: log.due,
      stability: log.stability,
      difficulty: log.difficulty,
      elapsedDays: log.elapsed_days,
      scheduledDays: log.scheduled_days,
      learningSteps: log.learning_steps,
      reviewedAt: log.review,
    },
  };
}

/** When each rating would bring the card back, as milliseconds from `now`. */
export function previewIntervals(scheduler: FSRS, schedule: Schedule, now: Date): Record<Rating, number> {
  const preview = scheduler.repeat(toFsrsCard(schedule), now);
  return {
    1: preview[1].card.due.getTime() - now.getTime(),
    2: preview[2].card.due.getTime() - now.getTime(),
    3: preview[3].card.due.getTime() - now.getTime(),
    4: preview[4].card.due.getTime() - now.getTime(),
  };
}

/** The probability of recalling the card at `now` (0–1); 0 for a card never reviewed. */
export function retrievability(scheduler: FSRS, schedule: Schedule, now: Date): number {
  if (schedule.state === "NEW") return 0;
  return scheduler.get_retrievability(toFsrsCard(schedule), now, false);
}

/** A short label for an interval, as on the rating buttons: "1m", "10m", "3h", "4d", "2mo", "1.5y". */
export function formatInterval(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(minutes / 1440);
  if (days < 30) return `${days}d`;
  if (days < 365) return `${Math.round(days / 30.4)}mo`;
  const years = Math.round((days / 365) * 10) / 10;
  return `${years}y`;
}

/** The interval spelled out for screen readers: "1 minute", "4 days". */
export function describeInterval(ms: number): string {
  const short = formatInterval(ms);
  const match = /^([\d.]+)(m|h|d|mo|y)$/.exec(short);
  if (!match) return short;
  const value = Number(match[1]);
  const unit = { m: "minute", h: "hour", d: "day", mo: "month", y: "year" }[match[2] as "m" | "h" | "d" | "mo" | "y"];
  return `${match[1]} ${unit}${value === 1 ? "" : "s"}`;
}
