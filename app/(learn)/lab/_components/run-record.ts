import type { LabRunConfig } from "@/lib/ml/config";
import type { ExperimentResult } from "@/lib/ml/experiment";
import type { TransferStrategy } from "@/lib/ml/vocabulary";
import type { EpochMetrics } from "@/lib/ml/train";

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
