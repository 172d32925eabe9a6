// The memory-model rows of `npm run bench -- review` (bench/review.ts): how long fsrs-rs's optimizer
// takes on a learner's history of 1k / 10k / 100k reviews (the optimizer alone, and the whole fit
// job: five time-series folds, the final fit and the evaluations), and how much better fitted
// parameters predict a simulated population's later reviews than the defaults do.
// BENCH_FSRS_LEARNERS (default 30) and BENCH_FSRS_SIZES (default "1000,10000,100000") tune it.
import os from "node:os";

const LEARNERS = Number(process.env.BENCH_FSRS_LEARNERS ?? 30);
const SIZES = (process.env.BENCH_FSRS_SIZES ?? "1000,10000,100000").split(",").map(Number);

export async function memoryModelSection(): Promise<string[]> {
  const { computeParameters, FSRSBindingItem, FSRSBindingReview } = await import("@open-spaced-repetition/binding");
  const { DEFAULT_PARAMETERS, evaluateParameters, expectedLogLoss, itemsFromHistory } = await import("../lib/srs/memory-model.ts");
  const { seededRandom, simulateLearner } = await import("../lib/srs/simulate-learner.ts");
  const { evaluateFit } = await import("../server/review/memory-model.ts");
  const toBinding = (items: ReturnType<typeof itemsFromHistory>) => items.map((item) => new FSRSBindingItem(item.reviews.map((r) => new FSRSBindingReview(r.rating, r.deltaT))));

  const timing: string[] = [];
  for (const size of SIZES) {
    console.log(`Memory model: fitting a history of ${size} reviews…`);
    const sim = simulateLearner({ seed: size, reviews: size });
    const items = itemsFromHistory(sim.reviews, "UTC");
    const started = performance.now();
    await computeParameters(toBinding(items), { enableShortTerm: true, numRelearningSteps: 1 });
    const optimizerMs = performance.now() - started;
    const jobStarted = performance.now();
    await evaluateFit(items, DEFAULT_PARAMETERS, { deadline: Date.now() + 3_600_000 });
    const jobMs = performance.now() - jobStarted;
    timing.push(`| ${size.toLocaleString("en")} | ${items.length.toLocaleString("en")} | ${(optimizerMs / 1000).toFixed(2)} s | ${(jobMs / 1000).toFixed(2)} s |`);
  }

  console.log(`Memory model: ${LEARNERS} simulated learners…`);
  // The integration test's population and protocol: a history of 500–3,000 reviews is fitted, and
  // the fit predicts the learner's next LATER reviews. Also the older protocol (fit on the first
  // 80% of the history, test on the last 20%), kept so earlier figures stay comparable.
  const LATER = 1000;
  const random = seededRandom(2026);
  const sum = { defaults: 0, fitted: 0, truth: 0, realizedDefaults: 0, realizedFitted: 0, realizedTruth: 0, splitDefaults: 0, splitFitted: 0 };
  const wins = { fitted: 0, truth: 0, realizedFitted: 0, realizedTruth: 0, adopted: 0, adoptedWins: 0, split: 0, splitTruth: 0 };
  let counted = 0;
  for (let i = 0; i < LEARNERS; i++) {
    const total = 500 + Math.floor(random() * 2501);
    const sim = simulateLearner({ seed: 1000 + i, reviews: total + LATER });
    const history = sim.reviews.slice(0, total);
    const truth = sim.trueParameters;
    const cut = sim.reviews[total]!.reviewedAt;
    const evidence = await evaluateFit(itemsFromHistory(history, "UTC"), DEFAULT_PARAMETERS, { deadline: Date.now() + 600_000 });
    const later = itemsFromHistory(sim.reviews, "UTC").filter((item) => item.at >= cut);
    const e = { defaults: expectedLogLoss(DEFAULT_PARAMETERS, truth, later), fitted: expectedLogLoss(evidence.parameters, truth, later), truth: expectedLogLoss(truth, truth, later) };
    const r = { defaults: evaluateParameters(DEFAULT_PARAMETERS, later).logLoss, fitted: evaluateParameters(evidence.parameters, later).logLoss, truth: evaluateParameters(truth, later).logLoss };
    if (e.fitted < e.defaults) wins.fitted++;
    if (e.truth < e.defaults) wins.truth++;
    if (r.fitted < r.defaults) wins.realizedFitted++;
    if (r.truth < r.defaults) wins.realizedTruth++;
    if (evidence.fitted.logLoss < evidence.baseline.logLoss) {
      wins.adopted++;
      if (e.fitted < e.defaults) wins.adoptedWins++;
    }
    // The 80/20 protocol on the same 500–3,000 reviews.
    const splitAt = history[Math.floor(total * 0.8)]!.reviewedAt;
    const first = itemsFromHistory(history.filter((review) => review.reviewedAt < splitAt), "UTC");
    const last = itemsFromHistory(history, "UTC").filter((item) => item.at >= splitAt);
    const split = await computeParameters(toBinding(first), { enableShortTerm: true, numRelearningSteps: 1 });
    const s = { defaults: evaluateParameters(DEFAULT_PARAMETERS, last).logLoss, fitted: evaluateParameters(split, last).logLoss, truth: evaluateParameters(truth, last).logLoss };
    if (s.fitted < s.defaults) wins.split++;
    if (s.truth < s.defaults) wins.splitTruth++;
    sum.defaults += e.defaults;
    sum.fitted += e.fitted;
    sum.truth += e.truth;
    sum.realizedDefaults += r.defaults;
    sum.realizedFitted += r.fitted;
    sum.realizedTruth += r.truth;
    sum.splitDefaults += s.defaults;
    sum.splitFitted += s.fitted;
    counted++;
  }
  const mean = (value: number) => (value / counted).toFixed(4);
  return [
    "",
    `Memory model (fsrs-rs's optimizer through @open-spaced-repetition/binding, simulated histories; load average ${os.loadavg()[0]!.toFixed(1)}). The whole job is what a worker runs for one fit: five time-series folds, the final fit, and the held-out evaluations.`,
    "",
    "| reviews | trainable items | optimizer alone | whole fit job |",
    "|---:|---:|---:|---:|",
    ...timing,
    "",
    `${counted} simulated learners (500–3,000 reviews each; true FSRS-6 parameters with initial stabilities ¼–4× the defaults, decay 0.1–0.5, the rest ±50%). Parameters fitted on the whole history predict the learner's next ${LATER.toLocaleString("en")} reviews. Expected log loss averages out each later review's coin flip using the learner's true recall probability; realized log loss scores the outcomes drawn.`,
    "",
    "| parameters | mean expected log loss | wins | mean realized log loss | wins |",
    "|---|---:|---:|---:|---:|",
    `| FSRS defaults | ${mean(sum.defaults)} | | ${mean(sum.realizedDefaults)} | |`,
    `| fitted | ${mean(sum.fitted)} | ${wins.fitted}/${counted} | ${mean(sum.realizedFitted)} | ${wins.realizedFitted}/${counted} |`,
    `| the learners' true parameters (the ceiling) | ${mean(sum.truth)} | ${wins.truth}/${counted} | ${mean(sum.realizedTruth)} | ${wins.realizedTruth}/${counted} |`,
    `| adopted (beat the defaults on their own time-series splits) | | ${wins.adopted}/${counted}, of which ${wins.adoptedWins} win later | | |`,
    "",
    `Older protocol, same learners: fitted on the first 80% of the history, realized log loss on the last 20%: defaults ${mean(sum.splitDefaults)}, fitted ${mean(sum.splitFitted)}, fitted wins ${wins.split}/${counted}, true parameters win ${wins.splitTruth}/${counted}.`,
  ];
}
