// The lab page's runs as a state machine: the records the page shows (trained here, on the server,
// or saved earlier), and a pure reducer of what happens to them (started, the worker's messages,
// saving, history arriving, chart toggles). The page's hook (app/(learn)/lab/_components/
// use-lab-runs.ts) does the effects; this module only decides the next state and what to announce.
import type { LabRunConfig } from "./config";
import type { ExperimentResult } from "./experiment";
import type { EpochMetrics } from "./train";
import type { TransferStrategy } from "./vocabulary";

export type RunStatus = "queued" | "loading" | "running" | "done" | "stopped" | "failed";

/** A lab run as the page tracks it: live while it trains, then final (or loaded from the server). */
export type RunRecord = {
  runId: string;
  number: number;
  presetId: string | null;
  config: LabRunConfig;
  status: RunStatus;
  message: string | null;
  history: EpochMetrics[];
  result: ExperimentResult | null;
  classNames: string[];
  backend: string | null;
  loadMs: number | null;
  createdAt: number;
  /** Saved earlier (listed from the server) rather than trained in this page. */
  fromHistory: boolean;
  save: "idle" | "saving" | "saved" | "failed";
  xpAwarded: number;
  showOnChart: boolean;
  /** Where it trained: this browser, or a server worker (then `serverRunId` is its TrainingRun id). */
  where: "browser" | "server";
  serverRunId?: string;
  /** The server's device (GPU, CPU model) for server runs. */
  device?: string | null;
  /** A server run's model evaluated here, in the browser, on the same test set. */
  browserCheck?: { status: "loading" } | { status: "done"; accuracy: number; testImages: number; backend: string } | { status: "failed"; message: string };
};

const PALETTE = ["#1f57c3", "#c2410c", "#7e22ce", "#047857", "#be123c", "#0e7490", "#a16207", "#4d7c0f"];

export function runColor(run: RunRecord): string {
  return PALETTE[(run.number - 1) % PALETTE.length]!;
}

export const STRATEGY_SHORT: Record<TransferStrategy, string> = {
  "feature-extraction": "feature extraction",
  "fine-tuning": "fine-tuning",
  "from-scratch": "from scratch",
};

export function runLabel(run: RunRecord): string {
  return `#${run.number} ${STRATEGY_SHORT[run.config.strategy]}, ${run.config.examplesPerClass}/class`;
}

export function samplesPerSecond(run: RunRecord): number | null {
  if (!run.result || run.result.durationMs <= 0) return null;
  return run.result.samplesSeen / (run.result.durationMs / 1000);
}

/** Whether a browser evaluation agrees with the server's: the same predictions up to one test image. */
export function accuraciesAgree(server: number, browser: number, testImages: number): boolean {
  return Math.abs(server - browser) <= 1 / Math.max(testImages, 1) + 1e-9;
}

/** A run as created, before the page gives it its number. */
export type NewRun = Omit<RunRecord, "number">;

/** The worker's messages about one run (app/(learn)/lab/_worker/protocol.ts adds the rest). */
export type RunEvent =
  | { type: "status"; runId: string; message: string }
  | { type: "epoch"; runId: string; metrics: EpochMetrics }
  | { type: "done"; runId: string; result: ExperimentResult; loadMs: number; classNames: string[] }
  | { type: "error"; runId?: string; message: string }
  | { type: "evaluation"; runId: string; accuracy: number; confusion: number[][]; testImages: number; backend: string }
  | { type: "evaluationError"; runId: string; message: string };

export type LabRunsState = {
  /** Newest first. */
  runs: RunRecord[];
  /** The number the last run was given (#1, #2 … in the order the page learned of them). */
  counter: number;
};

export type LabRunsAction =
  /** Browser runs just queued: they go first; several at once (a comparison) take over the chart. */
  | { type: "browserRunsStarted"; runs: NewRun[] }
  | { type: "serverRunStarted"; run: NewRun }
  /** Runs saved in earlier sessions, newest first: the unknown ones join below this session's. */
  | { type: "historyLoaded"; runs: NewRun[] }
  | { type: "patched"; runId: string; change: Partial<RunRecord> | ((run: RunRecord) => Partial<RunRecord>) }
  | { type: "chartToggled"; runId: string; show: boolean }
  | { type: "workerEvent"; event: RunEvent }
  | { type: "saving"; runId: string }
  | { type: "saved"; runId: string; xpAwarded: number }
  | { type: "saveFailed"; runId: string };

export const initialLabRuns: LabRunsState = { runs: [], counter: 0 };

const LIVE = new Set<RunStatus>(["queued", "loading", "running"]);

/** Whether the run is still training (queued, loading its data or running epochs). */
export function isLive(run: RunRecord): boolean {
  return LIVE.has(run.status);
}

function patch(state: LabRunsState, runId: string, change: Partial<RunRecord> | ((run: RunRecord) => Partial<RunRecord>)): LabRunsState {
  if (!state.runs.some((run) => run.runId === runId)) return state;
  return { ...state, runs: state.runs.map((run) => (run.runId === runId ? { ...run, ...(typeof change === "function" ? change(run) : change) } : run)) };
}

function eventChange(event: RunEvent): ((run: RunRecord) => Partial<RunRecord>) | null {
  switch (event.type) {
    case "status":
      return (run) => ({ message: event.message, status: run.status === "queued" ? "loading" : run.status });
    case "epoch":
      return (run) => ({ status: "running", history: [...run.history, event.metrics] });
    case "done":
      return () => ({ status: event.result.stopped ? "stopped" : "done", result: event.result, history: event.result.history, backend: event.result.backend, loadMs: event.loadMs, classNames: event.classNames, message: null });
    case "error":
      return (run) => ({ status: run.status === "queued" || run.status === "loading" ? "failed" : "stopped", message: event.message });
    case "evaluation":
      return () => ({ browserCheck: { status: "done", accuracy: event.accuracy, testImages: event.testImages, backend: event.backend } });
    case "evaluationError":
      return () => ({ browserCheck: { status: "failed", message: event.message } });
  }
}

export function labRunsReducer(state: LabRunsState, action: LabRunsAction): LabRunsState {
  switch (action.type) {
    case "browserRunsStarted": {
      let counter = state.counter;
      const created = action.runs.map((run): RunRecord => ({ ...run, number: ++counter }));
      const solo = action.runs.length === 1;
      const rest = state.runs.map((run) => ({ ...run, showOnChart: run.showOnChart && solo && !run.fromHistory }));
      return { counter, runs: [...created.reverse(), ...rest] };
    }
    case "serverRunStarted":
      return { counter: state.counter + 1, runs: [{ ...action.run, number: state.counter + 1 }, ...state.runs] };
    case "historyLoaded": {
      const known = new Set(state.runs.map((run) => run.runId));
      let counter = state.counter;
      const older = action.runs
        .filter((run) => !known.has(run.runId))
        .reverse()
        .map((run): RunRecord => ({ ...run, number: ++counter }))
        .reverse();
      return older.length ? { counter, runs: [...state.runs, ...older] } : state;
    }
    case "patched":
      return patch(state, action.runId, action.change);
    case "chartToggled":
      return patch(state, action.runId, { showOnChart: action.show });
    case "workerEvent": {
      const { event } = action;
      const change = eventChange(event);
      return event.runId && change ? patch(state, event.runId, change) : state;
    }
    case "saving":
      return patch(state, action.runId, { save: "saving" });
    case "saved":
      return patch(state, action.runId, { save: "saved", xpAwarded: action.xpAwarded });
    case "saveFailed":
      return patch(state, action.runId, { save: "failed" });
  }
}

/** What a screen reader hears about a worker event, given the runs before it was applied; null for nothing. */
export function announcementFor(runs: RunRecord[], event: RunEvent): string | null {
  const run = event.runId ? runs.find((r) => r.runId === event.runId) : undefined;
  switch (event.type) {
    case "epoch":
      return run ? `${runLabel(run)}: epoch ${event.metrics.epoch} of ${run.config.epochs}, validation accuracy ${(event.metrics.valAccuracy * 100).toFixed(0)}%.` : null;
    case "done":
      return run
        ? `${runLabel(run)} ${event.result.stopped ? "stopped" : "finished"}: test accuracy ${(event.result.testAccuracy * 100).toFixed(1)}% after ${(event.result.durationMs / 1000).toFixed(1)} seconds.`
        : null;
    case "error":
      return event.runId && !/^Stopped/.test(event.message) ? `A run failed: ${event.message}` : null;
    case "evaluation":
      return run ? `${runLabel(run)} evaluated in this browser (${event.backend}): test accuracy ${(event.accuracy * 100).toFixed(1)}%.` : null;
    default:
      return null;
  }
}
