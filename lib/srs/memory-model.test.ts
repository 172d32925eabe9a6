import { computeParameters, convertCsvToFsrsItems, FSRSBindingItem, FSRSBindingReview } from "@open-spaced-repetition/binding";
import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMETERS, evaluateParameters, expectedLogLoss, itemsFromHistory, localDayNumber, predictRecall, timeSeriesSplits } from "./memory-model";
import { simulateLearner } from "./simulate-learner";

const at = (iso: string) => new Date(iso);

describe("itemsFromHistory", () => {
  it("counts days in the learner's time zone, keeps same-day reviews in histories and never makes them targets", () => {
    const history = [
      { cardId: "a", rating: 1, reviewedAt: at("2025-03-01T22:00:00Z") },
      { cardId: "a", rating: 3, reviewedAt: at("2025-03-01T22:10:00Z") },
      // 23:30 in UTC, but 08:30 the next morning in Tokyo.
      { cardId: "a", rating: 3, reviewedAt: at("2025-03-02T23:30:00Z") },
      { cardId: "a", rating: 1, reviewedAt: at("2025-03-06T09:00:00Z") },
      { cardId: "b", rating: 4, reviewedAt: at("2025-03-01T09:00:00Z") },
    ];
    expect(itemsFromHistory(history, "UTC").map((item) => item.reviews)).toEqual([
      [{ rating: 1, deltaT: 0 }, { rating: 3, deltaT: 0 }, { rating: 3, deltaT: 1 }],
      [{ rating: 1, deltaT: 0 }, { rating: 3, deltaT: 0 }, { rating: 3, deltaT: 1 }, { rating: 1, deltaT: 4 }],
    ]);
    // In Tokyo the first two reviews are already on 2 March (07:00 and 07:10), the third on 3 March.
    expect(itemsFromHistory(history, "Asia/Tokyo").map((item) => item.reviews.map((r) => r.deltaT))).toEqual([
      [0, 0, 1],
      [0, 0, 1, 3],
    ]);
    expect(localDayNumber("Asia/Tokyo", at("2025-03-02T23:30:00Z")) - localDayNumber("UTC", at("2025-03-02T23:30:00Z"))).toBe(1);
  });

  it("makes exactly the items fsrs-rs's own revlog conversion makes from the same log", () => {
    const sim = simulateLearner({ seed: 5, reviews: 800 });
    const ids = new Map<string, number>();
    const states = { NEW: 0, LEARNING: 1, REVIEW: 2, RELEARNING: 3 } as const;
    const csv = ["card_id,review_time,review_rating,review_state,review_duration"];
    for (const review of sim.reviews) {
      if (!ids.has(review.cardId)) ids.set(review.cardId, ids.size + 1);
      csv.push(`${ids.get(review.cardId)},${review.reviewedAt.getTime()},${review.rating},${states[review.log.state]},5000`);
    }
    // A day starts at midnight in UTC, as Learnloop's days do in the learner's time zone.
    const theirs = convertCsvToFsrsItems(Buffer.from(csv.join("\n")), 0, "UTC", () => 0);
    const key = (reviews: readonly { rating: number; deltaT: number }[]) => reviews.map((r) => `${r.rating}@${r.deltaT}`).join(" ");
    const ours = itemsFromHistory(sim.reviews, "UTC");
    expect(ours.length).toBeGreaterThan(200);
    expect(ours.map((item) => key(item.reviews)).sort()).toEqual(theirs.map((item) => key(item.reviews)).sort());
  });

  it("orders items by their target review, ignores ratings outside 1–4", () => {
    const history = [
      { cardId: "late", rating: 3, reviewedAt: at("2025-01-01T10:00:00Z") },
      { cardId: "late", rating: 3, reviewedAt: at("2025-01-09T10:00:00Z") },
      { cardId: "early", rating: 3, reviewedAt: at("2025-01-02T10:00:00Z") },
      { cardId: "early", rating: 7, reviewedAt: at("2025-01-03T10:00:00Z") },
      { cardId: "early", rating: 2, reviewedAt: at("2025-01-04T10:00:00Z") },
    ];
    expect(itemsFromHistory(history, "UTC").map((item) => item.cardId)).toEqual(["early", "late"]);
  });
});

describe("timeSeriesSplits", () => {
  it("splits as scikit-learn's TimeSeriesSplit: five equal test folds at the end, each trained on everything before it", () => {
    const items = Array.from({ length: 63 }, (_, i) => i);
    const splits = timeSeriesSplits(items);
    expect(splits).toHaveLength(5);
    for (const split of splits) expect(split.train).toEqual(items.slice(0, split.test[0]));
    expect(splits.map((split) => split.test.length)).toEqual([10, 10, 10, 10, 10]);
    // 63 = 6 × 10 + 3: the remainder goes to the first training set, as in srs-benchmark.
    expect(splits[0]!.train).toHaveLength(13);
    expect(splits.flatMap((split) => split.test)).toEqual(items.slice(13));
    expect(timeSeriesSplits([1, 2, 3])).toEqual([]);
  });
});

describe("evaluateParameters", () => {
  it("predicts recall with FSRS-6's forgetting curve from the state the history leaves", () => {
    const w = DEFAULT_PARAMETERS;
    const decay = -w[20]!;
    const factor = 0.9 ** (1 / decay) - 1;
    // One Good first review: stability w[2]; eight days later R = (1 + factor·t/S)^decay.
    const [recall] = predictRecall(w, [{ cardId: "a", at: new Date(), reviews: [{ rating: 3, deltaT: 0 }, { rating: 3, deltaT: 8 }] }]);
    expect(recall).toBeCloseTo((1 + (factor * 8) / w[2]!) ** decay, 6);
    // Log loss of one recalled item is -ln(R); of one forgotten item -ln(1 - R).
    const recalled = evaluateParameters(w, [{ cardId: "a", at: new Date(), reviews: [{ rating: 3, deltaT: 0 }, { rating: 2, deltaT: 8 }] }]);
    const forgotten = evaluateParameters(w, [{ cardId: "a", at: new Date(), reviews: [{ rating: 3, deltaT: 0 }, { rating: 1, deltaT: 8 }] }]);
    expect(recalled.logLoss).toBeCloseTo(-Math.log(recall!), 9);
    expect(forgotten.logLoss).toBeCloseTo(-Math.log(1 - recall!), 9);
    expect(recalled.rmseBins).toBeCloseTo(1 - recall!, 9);
  });

  it("ranks the true parameters of a simulated learner above the defaults, and fsrs-rs's fit above them too", async () => {
    const sim = simulateLearner({ seed: 11, reviews: 4000 });
    const items = itemsFromHistory(sim.reviews, "UTC");
    const defaults = evaluateParameters(DEFAULT_PARAMETERS, items);
    expect(defaults.count).toBe(items.length);
    expect(evaluateParameters(sim.trueParameters, items).logLoss).toBeLessThan(defaults.logLoss);
    const fitted = await computeParameters(items.map((item) => new FSRSBindingItem(item.reviews.map((r) => new FSRSBindingReview(r.rating, r.deltaT)))), { enableShortTerm: true, numRelearningSteps: 1 });
    expect(fitted).toHaveLength(21);
    expect(evaluateParameters(fitted, items).logLoss).toBeLessThan(defaults.logLoss);
    // Unlike fsrs-rs's own evaluate (recency-weighted, so it depends on the order of the items), ours does not.
    expect(evaluateParameters(fitted, [...items].reverse()).logLoss).toBeCloseTo(evaluateParameters(fitted, items).logLoss, 12);
  });
});

describe("the simulated learner", () => {
  it("forgets by its own true parameters: they predict its later reviews, and score best in expected log loss", () => {
    const sim = simulateLearner({ seed: 23, reviews: 6000, trueParameters: DEFAULT_PARAMETERS.map((w, i) => (i < 4 ? w * 0.3 : i === 20 ? 0.45 : w)) });
    const items = itemsFromHistory(sim.reviews, "UTC");
    const truth = predictRecall(sim.trueParameters, items);
    const recalled = items.filter((item) => item.reviews.at(-1)!.rating > 1).length;
    // Calibration: the outcomes are draws from the true retrievability (a binomial with this many items is within ±3σ).
    const expected = truth.reduce((sum, p) => sum + p, 0);
    const sigma = Math.sqrt(truth.reduce((sum, p) => sum + p * (1 - p), 0));
    expect(Math.abs(recalled - expected)).toBeLessThan(3 * sigma);
    // The defaults' retention at these intervals is visibly off for this learner, the truth's is not.
    const defaults = predictRecall(DEFAULT_PARAMETERS, items).reduce((sum, p) => sum + p, 0);
    expect(Math.abs(recalled - defaults)).toBeGreaterThan(5 * sigma);
    expect(expectedLogLoss(sim.trueParameters, sim.trueParameters, items)).toBeLessThan(expectedLogLoss(DEFAULT_PARAMETERS, sim.trueParameters, items));
  });
});
