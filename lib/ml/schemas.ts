// The lab's procedure inputs that the service also types its options with (docs/architecture.md,
// "Input schemas"): a browser run as the page saves it.
import { z } from "zod";
import { labRunConfig } from "./config";

const epochMetrics = z.object({
  epoch: z.number().int().min(1),
  loss: z.number(),
  accuracy: z.number().min(0).max(1),
  valLoss: z.number(),
  valAccuracy: z.number().min(0).max(1),
  elapsedMs: z.number().min(0),
});

export const labRunMetrics = z.object({
  history: z.array(epochMetrics).max(200),
  testAccuracy: z.number().min(0).max(1),
  confusion: z.array(z.array(z.number().int().min(0)).max(20)).max(20),
  classNames: z.array(z.string().max(40)).max(20),
  trainableParams: z.number().int().min(0),
  totalParams: z.number().int().min(0),
  trainExamples: z.number().int().min(0),
  samplesSeen: z.number().int().min(0),
  loadMs: z.number().min(0),
  stopped: z.boolean(),
});
export type LabRunMetrics = z.infer<typeof labRunMetrics>;

export const saveLabRunInput = z.object({
  // Made by the browser (crypto.randomUUID) before the run starts: the idempotency key.
  runId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "Run ids are 8–64 letters, digits, - or _."),
  presetId: z.string().max(80).nullable(),
  config: labRunConfig,
  metrics: labRunMetrics,
  backend: z.enum(["webgl", "wasm", "cpu"]),
  durationMs: z.number().int().min(0).max(24 * 3600 * 1000),
});
export type SaveLabRunInput = z.infer<typeof saveLabRunInput>;
