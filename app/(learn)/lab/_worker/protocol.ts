// Messages between the lab page and its training worker.
import type { LabRunConfig } from "@/lib/ml/config";
import type { ImageSet } from "@/lib/ml/datasets";
import type { RunEvent } from "@/lib/ml/lab-runs";
import type { LabTaskId } from "@/lib/ml/tasks";

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

/** The run events the page's reducer applies (lib/ml/lab-runs.ts), and the worker's own messages. */
export type WorkerResponse =
  | RunEvent
  | { type: "ready"; backend: BackendName; attempts: BackendAttempt[] }
  | { type: "testImages"; taskId: LabTaskId; set: ImageSet; classNames: string[] }
  | { type: "prediction"; requestId: number; probabilities: Float32Array };
