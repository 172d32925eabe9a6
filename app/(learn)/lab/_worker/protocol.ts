// Messages between the lab page and its training worker.
import type { LabRunConfig } from "@/lib/ml/config";
import type { ImageSet } from "@/lib/ml/datasets";
import type { ExperimentResult } from "@/lib/ml/experiment";
import type { LabTaskId } from "@/lib/ml/tasks";
import type { EpochMetrics } from "@/lib/ml/train";

export const BACKENDS = ["webgl", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKENDS)[number];

export type WorkerRequest =
  | { type: "init"; backends: BackendName[]; skipSoftwareWebgl: boolean }
  | { type: "run"; runId: string; config: LabRunConfig }
  | { type: "stop"; runId: string }
  | { type: "testImages"; taskId: LabTaskId }
  | { type: "predict"; requestId: number; runId: string; images: Float32Array; count: number }
  /** A model trained elsewhere (a server run's artifact): load it and evaluate it on the task's test set. */
  | { type: "evaluateModel"; runId: string; taskId: LabTaskId; modelJson: string; weights: Uint8Array };

export type BackendAttempt = { name: BackendName; error?: string };

export type WorkerResponse =
  | { type: "ready"; backend: BackendName; attempts: BackendAttempt[] }
  | { type: "status"; runId: string; message: string }
  | { type: "epoch"; runId: string; metrics: EpochMetrics }
  | { type: "done"; runId: string; result: ExperimentResult; loadMs: number; classNames: string[] }
  | { type: "error"; runId?: string; message: string }
  | { type: "testImages"; taskId: LabTaskId; set: ImageSet; classNames: string[] }
  | { type: "prediction"; requestId: number; probabilities: Float32Array }
  | { type: "evaluation"; runId: string; accuracy: number; confusion: number[][]; testImages: number; backend: BackendName }
  | { type: "evaluationError"; runId: string; message: string };
