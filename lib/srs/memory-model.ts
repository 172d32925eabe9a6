import { default_w, FSRSAlgorithm, generatorParameters, type Grade } from "ts-fsrs";

// A learner's memory model in numbers: their review history turned into the items the FSRS
// optimizer trains on (fsrs-rs's format), and how well a set of FSRS-6 parameters predicts those
// items (log loss and calibration error). Pure and isomorphic: the optimizer itself runs on the
// server (server/review/memory-model), the figures can be recomputed anywhere.

/** FSRS-6 has 21 parameters. */
export const PARAMETER_COUNT = 21;
export const DEFAULT_PARAMETERS: readonly number[] = default_w;

/** One rating from the review log, as the optimizer needs it. */
export type HistoryReview = { cardId: string; rating: number; reviewedAt: Date };

/** One review inside an item: its rating and the whole days since the card's previous review (0 the same day). */
export type ItemReview = { rating: number; deltaT: number };

/**
 * fsrs-rs's training unit: a card's reviews up to and including one review (the "target"), whose
 * outcome (rating > 1 = recalled) the model predicts from the reviews before it.
 */
export type MemoryItem = { cardId: string; at: Date; reviews: ItemReview[] };

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Days since 1970-01-01 of the learner's calendar date at `instant` in `timeZone`. */
export function localDayNumber(timeZone: string, instant: Date): number {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, format);
  }
  const [year, month, day] = format.format(instant).split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/**
 * Turns a review history into optimizer items, ordered by the time of their target review (the
 * order time-series splits need: train on the past, test on what came after).
 *
 * - `deltaT` counts calendar days in the learner's time zone, as FSRS does (a review at 23:50 and
 *   one at 00:10 are a day apart; two in one evening are 0 apart).
 * - Same-day reviews (learning steps, relearning after a lapse) stay inside the histories with
 *   `deltaT` 0, which is how fsrs-rs learns short-term stability (`enableShortTerm`), but they are
 *   never a target: a recall the same day says nothing about day-scale forgetting, and fsrs-rs
 *   predicts R = 1 at deltaT 0.
 * - A card's first review has deltaT 0 and is never a target (nothing came before it).
 */
export function itemsFromHistory(history: readonly HistoryReview[], timeZone: string): MemoryItem[] {
  const byCard = new Map<string, HistoryReview[]>();
  for (const review of history) {
    if (!Number.isInteger(review.rating) || review.rating < 1 || review.rating > 4) continue;
    const list = byCard.get(review.cardId);
    if (list) list.push(review);
    else byCard.set(review.cardId, [review]);
  }
  const items: MemoryItem[] = [];
  for (const [cardId, reviews] of byCard) {
    reviews.sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
    const days = reviews.map((review) => localDayNumber(timeZone, review.reviewedAt));
    const sequence: ItemReview[] = reviews.map((review, i) => ({ rating: review.rating, deltaT: i === 0 ? 0 : Math.max(0, days[i]! - days[i - 1]!) }));
    for (let i = 1; i < sequence.length; i++) {
      if (sequence[i]!.deltaT === 0) continue;
      items.push({ cardId, at: reviews[i]!.reviewedAt, reviews: sequence.slice(0, i + 1) });
    }
  }
  return items.sort((a, b) => a.at.getTime() - b.at.getTime() || a.cardId.localeCompare(b.cardId));
}

/** How many reviews of the history count toward a fit: those that are an item's target. */
export function countTrainableReviews(items: readonly MemoryItem[]): number {
  return items.length;
}

export type Evaluation = { logLoss: number; rmseBins: number; count: number };

function algorithmFor(parameters: readonly number[]): FSRSAlgorithm {
  return new FSRSAlgorithm(generatorParameters({ w: [...parameters], enable_short_term: true, enable_fuzz: false }));
}

/** The predicted probability of recalling each item's target review under `parameters`. */
export function predictRecall(parameters: readonly number[], items: readonly MemoryItem[]): number[] {
  const algorithm = algorithmFor(parameters);
  return items.map((item) => {
    let state: { stability: number; difficulty: number } | null = null;
    const history = item.reviews.slice(0, -1);
    for (const review of history) state = algorithm.next_state(state, review.deltaT, review.rating as Grade);
    const target = item.reviews[item.reviews.length - 1]!;
    const recall = state ? algorithm.forgetting_curve(target.deltaT, state.stability) : 0.5;
    return Math.min(1 - 1e-6, Math.max(1e-6, recall));
  });
}

/**
 * How well `parameters` predict the items: log loss (mean binary cross-entropy of "recalled",
 * lower is better; what the optimizer minimises) and RMSE over bins (calibration: items grouped by
 * days since the last review, number of reviews and lapses, as fsrs-rs and the srs-benchmark
 * group them; within each group predicted vs actual recall rate, weighted by group size).
 */
export function evaluateParameters(parameters: readonly number[], items: readonly MemoryItem[]): Evaluation {
  return evaluatePredictions(items, predictRecall(parameters, items));
}

/** The same figures for predictions made elsewhere (one per item, e.g. each time-series fold by its own model). */
export function evaluatePredictions(items: readonly MemoryItem[], predictions: readonly number[]): Evaluation {
  if (!items.length) return { logLoss: Number.NaN, rmseBins: Number.NaN, count: 0 };
  let loss = 0;
  const bins = new Map<string, { predicted: number; actual: number; count: number }>();
  items.forEach((item, i) => {
    const p = predictions[i]!;
    const recalled = item.reviews[item.reviews.length - 1]!.rating > 1 ? 1 : 0;
    loss -= recalled ? Math.log(p) : Math.log(1 - p);
    const key = binKey(item);
    const bin = bins.get(key) ?? { predicted: 0, actual: 0, count: 0 };
    bin.predicted += p;
    bin.actual += recalled;
    bin.count += 1;
    bins.set(key, bin);
  });
  let squared = 0;
  for (const bin of bins.values()) squared += ((bin.predicted - bin.actual) / bin.count) ** 2 * bin.count;
  return { logLoss: loss / items.length, rmseBins: Math.sqrt(squared / items.length), count: items.length };
}

// srs-benchmark's bins: round(2.48 * 3.62^floor(log_3.62(x))) for days, reviews and lapses (0 apart).
function logBin(x: number): number {
  if (x <= 0) return 0;
  return Math.round(2.48 * 3.62 ** Math.floor(Math.log(x) / Math.log(3.62)) * 100) / 100;
}
function binKey(item: MemoryItem): string {
  const history = item.reviews.slice(0, -1);
  const lapses = history.filter((review, i) => i > 0 && review.rating === 1 && review.deltaT > 0).length;
  return `${logBin(item.reviews[item.reviews.length - 1]!.deltaT)}|${logBin(history.length)}|${logBin(lapses)}`;
}

/**
 * Time-series splits as srs-benchmark makes them (scikit-learn's `TimeSeriesSplit`, five splits):
 * the last five `floor(n / 6)` items, in time order, are the test folds; each fold's model trains
 * on every item before it (the first fold's training set also takes the remainder of the
 * division). Every test item lies after everything its model saw.
 */
export function timeSeriesSplits<T>(items: readonly T[], splits = 5): { train: T[]; test: T[] }[] {
  const segment = Math.floor(items.length / (splits + 1));
  if (segment === 0) return [];
  const firstTest = items.length - splits * segment;
  return Array.from({ length: splits }, (_, i) => ({
    train: items.slice(0, firstTest + i * segment),
    test: items.slice(firstTest + i * segment, firstTest + (i + 1) * segment),
  }));
}

/**
 * Log loss with the outcome's coin flip averaged out: for items whose true recall probability is
 * known (a simulated learner's), the expected log loss of `parameters`' predictions over every
 * outcome the learner could have produced on those reviews. The realized log loss of a few hundred
 * reviews is mostly that coin flip; this is its mean. The true parameters score lowest (a proper
 * scoring rule), so "beats the defaults" here means "is closer to the learner's memory".
 */
export function expectedLogLoss(parameters: readonly number[], trueParameters: readonly number[], items: readonly MemoryItem[]): number {
  if (!items.length) return Number.NaN;
  const predicted = predictRecall(parameters, items);
  const truth = predictRecall(trueParameters, items);
  let loss = 0;
  predicted.forEach((p, i) => {
    const t = truth[i]!;
    loss -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
  });
  return loss / items.length;
}

/** True when `parameters` is a usable FSRS-6 parameter vector (21 finite numbers). */
export function isParameterVector(parameters: readonly number[] | null | undefined): parameters is readonly number[] {
  return !!parameters && parameters.length === PARAMETER_COUNT && parameters.every((value) => Number.isFinite(value));
}
