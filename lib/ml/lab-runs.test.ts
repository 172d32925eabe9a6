import { describe, expect, it } from "vitest";
import type { LabRunConfig } from "./config";
import type { ExperimentResult } from "./experiment";
import { announcementFor, initialLabRuns, isLive, labRunsReducer, type LabRunsAction, type LabRunsState, type NewRun } from "./lab-runs";

const config: LabRunConfig = { taskId: "digits-5-9", strategy: "feature-extraction", examplesPerClass: 10, learningRate: 0.005, epochs: 3, batchSize: 16, unfreezeLastLayers: 0, seed: 1 };

function newRun(runId: string, change: Partial<NewRun> = {}): NewRun {
  return {
    runId,
    presetId: "transfer-digits",
    config,
    status: "queued",
    message: null,
    history: [],
    result: null,
    classNames: ["5", "6", "7", "8", "9"],
    backend: "cpu",
    loadMs: null,
    createdAt: 0,
    fromHistory: false,
    save: "idle",
    xpAwarded: 0,
    showOnChart: true,
    where: "browser",
    ...change,
  };
}

const epoch = (n: number) => ({ epoch: n, loss: 1 / n, accuracy: 0.5, valLoss: 1 / n, valAccuracy: 0.4 + n / 10, elapsedMs: n * 100 });

function result(change: Partial<ExperimentResult> = {}): ExperimentResult {
  return { config, backend: "cpu", history: [epoch(1), epoch(2), epoch(3)], testAccuracy: 0.875, confusion: [[1]], trainableParams: 10, totalParams: 20, trainExamples: 50, samplesSeen: 150, durationMs: 2_500, stopped: false, unfrozeAfterEpoch: null, ...change };
}

const apply = (actions: LabRunsAction[], state: LabRunsState = initialLabRuns) => actions.reduce(labRunsReducer, state);
const byId = (state: LabRunsState, runId: string) => state.runs.find((run) => run.runId === runId)!;

describe("lab runs reducer", () => {
  it("numbers runs in the order the page learns of them and lists the newest first", () => {
    const state = apply([
      { type: "browserRunsStarted", runs: [newRun("a")] },
      { type: "serverRunStarted", run: newRun("s", { where: "server" }) },
      { type: "browserRunsStarted", runs: [newRun("b"), newRun("c")] },
    ]);
    expect(state.runs.map((run) => [run.runId, run.number])).toEqual([
      ["c", 4],
      ["b", 3],
      ["s", 2],
      ["a", 1],
    ]);
  });

  it("lets a comparison take over the chart, while a single run keeps earlier ones on it", () => {
    const single = apply([{ type: "browserRunsStarted", runs: [newRun("a")] }, { type: "browserRunsStarted", runs: [newRun("b")] }]);
    expect(single.runs.map((run) => run.showOnChart)).toEqual([true, true]);
    const compared = apply([{ type: "browserRunsStarted", runs: [newRun("c"), newRun("d")] }], single);
    expect(compared.runs.map((run) => [run.runId, run.showOnChart])).toEqual([
      ["d", true],
      ["c", true],
      ["b", false],
      ["a", false],
    ]);
  });

  it("follows a browser run through the worker's messages to its result", () => {
    let state = apply([{ type: "browserRunsStarted", runs: [newRun("a")] }]);
    state = apply([{ type: "workerEvent", event: { type: "status", runId: "a", message: "Loading the digits…" } }], state);
    expect(byId(state, "a")).toMatchObject({ status: "loading", message: "Loading the digits…" });
    expect(isLive(byId(state, "a"))).toBe(true);
    state = apply(
      [
        { type: "workerEvent", event: { type: "epoch", runId: "a", metrics: epoch(1) } },
        { type: "workerEvent", event: { type: "epoch", runId: "a", metrics: epoch(2) } },
      ],
      state,
    );
    expect(byId(state, "a").status).toBe("running");
    expect(byId(state, "a").history.map((h) => h.epoch)).toEqual([1, 2]);
    state = apply([{ type: "workerEvent", event: { type: "done", runId: "a", result: result(), loadMs: 40, classNames: ["Five", "Six"] } }], state);
    expect(byId(state, "a")).toMatchObject({ status: "done", message: null, loadMs: 40, classNames: ["Five", "Six"], backend: "cpu" });
    expect(byId(state, "a").history).toHaveLength(3);
    expect(isLive(byId(state, "a"))).toBe(false);
    state = apply([{ type: "saving", runId: "a" }, { type: "saved", runId: "a", xpAwarded: 15 }], state);
    expect(byId(state, "a")).toMatchObject({ save: "saved", xpAwarded: 15 });
  });

  it("marks a run that errs before training as failed, and one that errs while training as stopped", () => {
    let state = apply([{ type: "browserRunsStarted", runs: [newRun("early"), newRun("late")] }]);
    state = apply(
      [
        { type: "workerEvent", event: { type: "epoch", runId: "late", metrics: epoch(1) } },
        { type: "workerEvent", event: { type: "error", runId: "early", message: "Out of memory" } },
        { type: "workerEvent", event: { type: "error", runId: "late", message: "Stopped by the learner" } },
      ],
      state,
    );
    expect(byId(state, "early")).toMatchObject({ status: "failed", message: "Out of memory" });
    expect(byId(state, "late")).toMatchObject({ status: "stopped", message: "Stopped by the learner" });
  });

  it("ignores messages about runs it does not know, and errors without a run", () => {
    const state = apply([{ type: "browserRunsStarted", runs: [newRun("a")] }]);
    expect(labRunsReducer(state, { type: "workerEvent", event: { type: "epoch", runId: "zzz", metrics: epoch(1) } })).toBe(state);
    expect(labRunsReducer(state, { type: "workerEvent", event: { type: "error", message: "No backend" } })).toBe(state);
  });

  it("adds only the saved runs it does not show yet, below this session's, numbered oldest first", () => {
    const state = apply([
      { type: "browserRunsStarted", runs: [newRun("now")] },
      { type: "historyLoaded", runs: [newRun("now", { fromHistory: true }), newRun("newer", { fromHistory: true }), newRun("older", { fromHistory: true })] },
    ]);
    expect(state.runs.map((run) => [run.runId, run.number, run.fromHistory])).toEqual([
      ["now", 1, false],
      ["newer", 3, true],
      ["older", 2, true],
    ]);
    expect(apply([{ type: "historyLoaded", runs: [newRun("now")] }], state)).toBe(state);
  });

  it("records a browser check of a server run and toggles runs on the chart", () => {
    const state = apply([
      { type: "serverRunStarted", run: newRun("s", { where: "server", showOnChart: true }) },
      { type: "patched", runId: "s", change: { browserCheck: { status: "loading" } } },
      { type: "workerEvent", event: { type: "evaluation", runId: "s", accuracy: 0.9, confusion: [[1]], testImages: 100, backend: "wasm" } },
      { type: "chartToggled", runId: "s", show: false },
    ]);
    expect(byId(state, "s")).toMatchObject({ browserCheck: { status: "done", accuracy: 0.9, testImages: 100, backend: "wasm" }, showOnChart: false });
    const failed = apply([{ type: "workerEvent", event: { type: "evaluationError", runId: "s", message: "bad model" } }], state);
    expect(byId(failed, "s").browserCheck).toEqual({ status: "failed", message: "bad model" });
  });
});

describe("lab run announcements", () => {
  const runs = apply([{ type: "browserRunsStarted", runs: [newRun("a")] }]).runs;

  it("speaks of epochs, results and failures, naming the run", () => {
    expect(announcementFor(runs, { type: "epoch", runId: "a", metrics: epoch(2) })).toBe("#1 feature extraction, 10/class: epoch 2 of 3, validation accuracy 60%.");
    expect(announcementFor(runs, { type: "done", runId: "a", result: result(), loadMs: 1, classNames: [] })).toBe("#1 feature extraction, 10/class finished: test accuracy 87.5% after 2.5 seconds.");
    expect(announcementFor(runs, { type: "error", runId: "a", message: "Out of memory" })).toBe("A run failed: Out of memory");
  });

  it("stays quiet about stops, status lines and unknown runs", () => {
    expect(announcementFor(runs, { type: "error", runId: "a", message: "Stopped by the learner" })).toBeNull();
    expect(announcementFor(runs, { type: "status", runId: "a", message: "Loading" })).toBeNull();
    expect(announcementFor(runs, { type: "epoch", runId: "zzz", metrics: epoch(1) })).toBeNull();
  });
});
