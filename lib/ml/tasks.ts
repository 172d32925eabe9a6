// What the lab can train: pretrained bases (shipped in public/models/<id>/, built by
// scripts/ml/pretrain.ts) and transfer tasks from a base's source classes to target classes, at
// three distances from the source data.
// The registry owns the ids: a task or base exists by being listed here, and the id types are the
// registry's keys.
import type { BaseArchitecture } from "./network";
import type { LabDataset } from "./vocabulary";

export type BaseModelInfo = {
  id: BaseModelId;
  title: string;
  dataset: LabDataset;
  sourceClasses: number[];
  arch: BaseArchitecture;
};

function withIds<T extends object>(entries: Record<string, T>): Record<string, T & { id: string }> {
  return Object.fromEntries(Object.entries(entries).map(([id, entry]) => [id, { id, ...entry }]));
}

const BASES = {
  "fashion-cnn": {
    title: "Fashion-MNIST base (T-shirt/top, trouser, pullover, dress, coat)",
    dataset: "fashion-mnist",
    sourceClasses: [0, 1, 2, 3, 4],
    arch: { inputWidth: 28, inputHeight: 28, filters: [16, 32], kernelSize: 3, padding: "valid" },
  },
  "digits-cnn": {
    title: "Digits base (0–4)",
    dataset: "digits",
    sourceClasses: [0, 1, 2, 3, 4],
    arch: { inputWidth: 8, inputHeight: 8, filters: [16, 32], kernelSize: 3, padding: "same" },
  },
} satisfies Record<string, Omit<BaseModelInfo, "id">>;

export type BaseModelId = keyof typeof BASES;
export const BASE_MODELS = withIds(BASES) as Record<BaseModelId, BaseModelInfo>;

export type Similarity = "close" | "related" | "distant";

export type LabTask = {
  id: LabTaskId;
  title: string;
  description: string;
  similarity: Similarity;
  baseModel: BaseModelId;
  /** Where the target images come from; resized to the base's input when the sizes differ. */
  dataset: LabDataset;
  targetClasses: number[];
};

const TASKS = {
  "fashion-tops": {
    title: "Fashion-MNIST: tops and dresses (close to the source)",
    description: "T-shirt/top, pullover, dress, coat and shirt. Four of the five were in the base's pretraining data; only the shirt is new.",
    similarity: "close",
    baseModel: "fashion-cnn",
    dataset: "fashion-mnist",
    targetClasses: [0, 2, 3, 4, 6],
  },
  "fashion-5-9": {
    title: "Fashion-MNIST: sandals, shirts, sneakers, bags, boots (related)",
    description: "Five classes the base never saw, from the same kind of photos: shirts resemble its tops, shoes and bags resemble nothing it learned.",
    similarity: "related",
    baseModel: "fashion-cnn",
    dataset: "fashion-mnist",
    targetClasses: [5, 6, 7, 8, 9],
  },
  "fashion-to-digits": {
    title: "Clothing base → handwritten digits 5–9 (distant)",
    description: "The Fashion-MNIST base applied to a different world: 8×8 handwritten digits scaled up to 28×28.",
    similarity: "distant",
    baseModel: "fashion-cnn",
    dataset: "digits",
    targetClasses: [5, 6, 7, 8, 9],
  },
  "digits-5-9": {
    title: "Handwritten digits: 0–4 → 5–9 (related, tiny images)",
    description: "A small base pretrained on the 8×8 digits 0–4, transferred to the digits 5–9.",
    similarity: "related",
    baseModel: "digits-cnn",
    dataset: "digits",
    targetClasses: [5, 6, 7, 8, 9],
  },
} satisfies Record<string, Omit<LabTask, "id">>;

export type LabTaskId = keyof typeof TASKS;
export const LAB_TASKS: readonly LabTask[] = Object.values(withIds(TASKS)) as LabTask[];
/** The task ids as a non-empty tuple, for `z.enum`. */
export const LAB_TASK_IDS = Object.keys(TASKS) as [LabTaskId, ...LabTaskId[]];

export function findLabTask(id: string): LabTask | undefined {
  return LAB_TASKS.find((task) => task.id === id);
}

export function requireLabTask(id: string): LabTask {
  const task = findLabTask(id);
  if (!task) throw new Error(`Unknown lab task "${id}".`);
  return task;
}
