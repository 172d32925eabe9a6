import { createEmptyCard, fsrs, generatorParameters, type Card, type Grade, State } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { describeInterval, formatInterval, newSchedule, previewIntervals, rate, type Rating, retrievability, type Schedule, schedulerFor } from "./scheduler";

// A review history: ratings with the minutes since the previous review. It walks every state:
// learning steps, graduation, lapses into relearning, and long review intervals.
const HISTORY: { rating: Rating; afterMinutes: number }[] = [
  { rating: 3, afterMinutes: 0 },
  { rating: 1, afterMinutes: 1 },
  { rating: 3, afterMinutes: 1 },
  { rating: 3, afterMinutes: 10 },
  { rating: 3, afterMinutes: 3 * 1440 },
  { rating: 2, afterMinutes: 9 * 1440 },
  { rating: 1, afterMinutes: 20 * 1440 },
  { rating: 3, afterMinutes: 10 },
  { rating: 4, afterMinutes: 2 * 1440 },
  { rating: 3, afterMinutes: 45 * 1440 + 17 },
  { rating: 3, afterMinutes: 200 * 1440 },
  { rating: 1, afterMinutes: 90 * 1440 },
  { rating: 2, afterMinutes: 5 },
  { rating: 3, afterMinutes: 1440 },
];

const stateName = { [State.New]: "NEW", [State.Learning]: "LEARNING", [State.Review]: "REVIEW", [State.Relearning]: "RELEARNING" } as const;

// What the database does to a schedule: dates keep milliseconds, numbers stay doubles.
function throughStorage(schedule: Schedule): Schedule {
  return JSON.parse(JSON.stringify(schedule), (key, value) => ((key === "due" || key === "lastReview") && value ? new Date(value) : value)) as Schedule;
}

function replay(retention: number, fuzz: boolean) {
  const start = new Date("2026-03-01T08:00:00Z");
  const reference = fsrs(
    generatorParameters({ request_retention: retention, enable_fuzz: fuzz, enable_short_term: true, learning_steps: ["1m", "10m"], relearning_steps: ["10m"], maximum_interval: 36_500 }),
  );
  const ours = schedulerFor({ desiredRetention: retention, fuzz });
  let expected: Card = createEmptyCard(start);
  let actual: Schedule = newSchedule(start);
  let now = start;
  for (const [index, step] of HISTORY.entries()) {
    now = new Date(now.getTime() + step.afterMinutes * 60_000);
    const want = reference.next(expected, now, step.rating as Grade);
    const got = rate(ours, throughStorage(actual), step.rating, now);
    const where = `review ${index + 1} (rating ${step.rating})`;
    expect(got.schedule.due.toISOString(), where).toBe(want.card.due.toISOString());
    expect(got.schedule.stability, where).toBe(want.card.stability);
    expect(got.schedule.difficulty, where).toBe(want.card.difficulty);
    expect(got.schedule.state, where).toBe(stateName[want.card.state]);
    expect(got.schedule.reps, where).toBe(want.card.reps);
    expect(got.schedule.lapses, where).toBe(want.card.lapses);
    expect(got.schedule.scheduledDays, where).toBe(want.card.scheduled_days);
    expect(got.schedule.learningSteps, where).toBe(want.card.learning_steps);
    expect(got.log.state, where).toBe(stateName[want.log.state]);
    expect(got.log.stability, where).toBe(want.log.stability);
    expect(got.log.difficulty, where).toBe(want.log.difficulty);
    expect(got.log.elapsedDays, where).toBe(want.log.elapsed_days);
    expect(got.log.due.toISOString(), where).toBe(want.log.due.toISOString());
    expected = want.card;
    actual = got.schedule;
  }
  return actual;
}

describe("scheduling through lib/srs", () => {
  it("matches ts-fsrs exactly, review by review, without fuzz", () => {
    const final = replay(0.9, false);
    expect(final.reps).toBe(HISTORY.length);
    // Again while still learning (review 2) is not a lapse; the two in review state are.
    expect(final.lapses).toBe(2);
  });

  it("matches ts-fsrs exactly with fuzz on and another retention", () => {
    replay(0.8, true);
    replay(0.97, true);
  });

  it("schedules longer intervals for lower desired retention", () => {
    const now = new Date("2026-03-01T08:00:00Z");
    const graduate = (retention: number) => {
      const scheduler = schedulerFor({ desiredRetention: retention, fuzz: false });
      let schedule = newSchedule(now);
      schedule = rate(scheduler, schedule, 3, now).schedule;
      schedule = rate(scheduler, schedule, 3, new Date(now.getTime() + 60_000)).schedule;
      schedule = rate(scheduler, schedule, 3, new Date(now.getTime() + 11 * 60_000)).schedule;
      return previewIntervals(scheduler, schedule, schedule.due)[3];
    };
    expect(graduate(0.7)).toBeGreaterThan(graduate(0.9));
    expect(graduate(0.9)).toBeGreaterThan(graduate(0.97));
  });

  it("clamps retention to 0.70–0.97", () => {
    const low = schedulerFor({ desiredRetention: 0.1 });
    const high = schedulerFor({ desiredRetention: 0.999 });
    expect(low.parameters.request_retention).toBe(0.7);
    expect(high.parameters.request_retention).toBe(0.97);
  });

  it("previews the learning steps for a new card", () => {
    const now = new Date("2026-03-01T08:00:00Z");
    const preview = previewIntervals(schedulerFor({ desiredRetention: 0.9, fuzz: false }), newSchedule(now), now);
    expect(formatInterval(preview[1])).toBe("1m");
    expect(formatInterval(preview[3])).toBe("10m");
    expect(preview[4]).toBeGreaterThan(preview[3]);
    expect(retrievability(schedulerFor({ desiredRetention: 0.9 }), newSchedule(now), now)).toBe(0);
  });

  it("formats intervals for buttons and screen readers", () => {
    expect(formatInterval(60_000)).toBe("1m");
    expect(formatInterval(3 * 3_600_000)).toBe("3h");
    expect(formatInterval(4 * 86_400_000)).toBe("4d");
    expect(formatInterval(61 * 86_400_000)).toBe("2mo");
    expect(formatInterval(548 * 86_400_000)).toBe("1.5y");
    expect(describeInterval(60_000)).toBe("1 minute");
    expect(describeInterval(4 * 86_400_000)).toBe("4 days");
  });
});
