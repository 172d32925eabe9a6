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
  const { DEFAULT_PARAMETERS, evaluateParameters, itemsFromHistory } = await import("../lib/srs/memory-model.ts");
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
  const random = seededRandom(2026);
  let wins = 0;
  let adopted = 0;
  let sumDefault = 0;
  let sumFitted = 0;
  let counted = 0;
  for (let i = 0; i < LEARNERS; i++) {
    const sim = simulateLearner({ seed: 1000 + i, reviews: 500 + Math.floor(random() * 2501) });
    const cut = sim.reviews[Math.floor(sim.reviews.length * 0.8)]!.reviewedAt;
    const seen = itemsFromHistory(sim.reviews.filter((r) => r.reviewedAt < cut), "UTC");
    const later = itemsFromHistory(sim.reviews, "UTC").filter((item) => item.at >= cut);
    const evidence = await evaluateFit(seen, DEFAULT_PARAMETERS, { deadline: Date.now() + 600_000 });
    const fitted = evaluateParameters(evidence.parameters, later).logLoss;
    const defaults = evaluateParameters(DEFAULT_PARAMETERS, later).logLoss;
    if (fitted < defaults) wins++;
    if (evidence.fitted.logLoss < evidence.baseline.logLoss) adopted++;
    sumDefault += defaults;
    sumFitted += fitted;
    counted++;
  }
  return [
    "",
    `Memory model (fsrs-rs's optimizer through @open-spaced-repetition/binding, simulated histories; load average ${os.loadavg()[0]!.toFixed(1)}). The whole job is what a worker runs for one fit: five time-series folds, the final fit, and the held-out evaluations.`,
    "",
    "| reviews | trainable items | optimizer alone | whole fit job |",
    "|---:|---:|---:|---:|",
    ...timing,
    "",
    `Held-out log loss on the last 20% of each of ${counted} simulated learners' reviews (500–3,000 reviews each; true FSRS-6 parameters with initial stabilities ¼–4× the defaults, decay 0.1–0.5, the rest ±50%; no minimum applied, unlike the app's 400), parameters fitted on the first 80%:`,
    "",
    "| parameters | mean log loss | wins |",
    "|---|---:|---:|",
    `| FSRS defaults | ${(sumDefault / counted).toFixed(4)} | |`,
    `| fitted | ${(sumFitted / counted).toFixed(4)} | ${wins}/${counted} |`,
    `| adopted (beat the defaults on their own time-series splits) | | ${adopted}/${counted} |`,
  ];
}
