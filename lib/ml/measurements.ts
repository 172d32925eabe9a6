// What scripts/ml/measure.ts measured with the lab's own code (public/models/<base>/measurements.json),
// shown in the lab's "What we measured" panel.
import { z } from "zod";

const stat = z.object({ mean: z.number(), sd: z.number(), values: z.array(z.number()) });

export const measurementRow = z.object({
  strategy: z.enum(["feature-extraction", "fine-tuning", "from-scratch"]),
  examplesPerClass: z.union([z.number().int(), z.literal("all")]),
  trainExamples: z.number().int(),
  testAccuracy: stat,
  durationMs: stat,
  trainableParams: z.number().int(),
});
export type MeasurementRow = z.infer<typeof measurementRow>;

export const measurementSettings = z.object({
  epochs: z.number().int(),
  batchSize: z.number().int(),
  learningRate: z.record(z.string(), z.number()),
  unfreezeLastLayers: z.number().int(),
});
export type MeasurementSettings = z.infer<typeof measurementSettings>;

export const measurementTask = z.object({
  taskId: z.string(),
  settings: measurementSettings,
  rows: z.array(measurementRow),
  findings: z.array(z.string()),
});

export const measurements = z.object({
  generatedAt: z.string(),
  backend: z.string(),
  seeds: z.array(z.number().int()),
  tasks: z.array(measurementTask),
  command: z.string(),
});
export type Measurements = z.infer<typeof measurements>;

export function meanAndSd(values: number[]): { mean: number; sd: number; values: number[] } {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
  const variance = values.length > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, sd: Math.sqrt(variance), values };
}
