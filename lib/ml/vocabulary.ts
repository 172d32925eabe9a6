// The lab's words, defined once: the datasets it ships and the strategies it trains with. The task
// registry (tasks.ts) builds on these and owns the task and base-model ids; presets (presets.ts)
// pick a task and settings. Nothing here imports either of them, so the vocabulary flows one way:
// vocabulary → tasks → presets.

export const LAB_DATASETS = ["fashion-mnist", "digits"] as const;
export type LabDataset = (typeof LAB_DATASETS)[number];

export const TRANSFER_STRATEGIES = ["feature-extraction", "fine-tuning", "from-scratch"] as const;
export type TransferStrategy = (typeof TRANSFER_STRATEGIES)[number];
