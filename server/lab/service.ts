import "server-only";
import { z } from "zod";
import { labRunConfig } from "@/lib/ml/config";
import { findLabPreset } from "@/lib/ml/presets";
import { db } from "../db";
import { DomainError } from "../errors";
import { recordActivity } from "../gamification/activity";
import { XP_RULES } from "../gamification/rules";
import type { Prisma } from "../generated/prisma/client";

/** XP for the first completed run of each strategy (feature extraction, fine-tuning, from scratch). */
export const LAB_STRATEGY_XP = XP_RULES["lab-strategy"].xp;

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

const labRunSelect = {
  runId: true,
  presetId: true,
  config: true,
  metrics: true,
  backend: true,
  durationMs: true,
  testAccuracy: true,
  createdAt: true,
} satisfies Prisma.LabRunSelect;

/**
 * Stores a run once per (user, runId): a retry returns the stored run unchanged. A completed run
 * (not stopped) of a strategy earns XP the first time that strategy is run, in the same transaction.
 */
export async function saveRun(options: { userId: string; run: SaveLabRunInput }) {
  const { userId, run } = options;
  if (run.presetId && !findLabPreset(run.presetId)) throw new DomainError("BAD_REQUEST", "That lab preset does not exist.");
  return db.$transaction(async (tx) => {
    const { count } = await tx.labRun.createMany({
      data: [
        {
          userId,
          runId: run.runId,
          presetId: run.presetId,
          strategy: run.config.strategy,
          config: run.config,
          metrics: run.metrics,
          backend: run.backend,
          durationMs: run.durationMs,
          testAccuracy: run.metrics.testAccuracy,
        },
      ],
      skipDuplicates: true,
    });
    let xpAwarded = 0;
    if (count === 1 && !run.metrics.stopped) {
      const activity = await recordActivity({ userId, rule: "lab-strategy", sourceId: run.config.strategy, meta: { strategy: run.config.strategy } }, tx);
      xpAwarded = activity.xp;
    }
    const saved = await tx.labRun.findUniqueOrThrow({ where: { userId_runId: { userId, runId: run.runId } }, select: labRunSelect });
    return { run: toLabRun(saved), created: count === 1, xpAwarded };
  });
}

type StoredRun = Prisma.LabRunGetPayload<{ select: typeof labRunSelect }>;

// The JSON columns were validated on the way in; reading them back with the same schemas keeps the
// client's types exact and drops anything an older version stored that no longer fits.
function toLabRun(row: StoredRun) {
  const config = labRunConfig.safeParse(row.config);
  const metrics = labRunMetrics.safeParse(row.metrics);
  if (!config.success || !metrics.success) return null;
  return { ...row, config: config.data, metrics: metrics.data };
}

/** The learner's own runs, newest first. */
export async function listRuns(options: { userId: string; limit: number }) {
  const rows = await db.labRun.findMany({ where: { userId: options.userId }, orderBy: { createdAt: "desc" }, take: options.limit, select: labRunSelect });
  return rows.map(toLabRun).filter((run) => run !== null);
}
