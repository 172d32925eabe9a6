import type { LabRunConfig } from "@/lib/ml/config";
import type { ExperimentResult } from "@/lib/ml/experiment";
import type { TransferStrategy } from "@/lib/ml/presets";
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
