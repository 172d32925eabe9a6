import "server-only";
import { labRunConfig } from "@/lib/ml/config";
import { findLabPreset } from "@/lib/ml/presets";
import { labRunMetrics, type SaveLabRunInput } from "@/lib/ml/schemas";
import { db } from "../db";
import { DomainError } from "../errors";
import { recordActivity } from "../gamification/service";
import { XP_RULES } from "@/lib/gamification/rules";
import type { Prisma } from "../generated/prisma/client";

/** XP for the first completed run of each strategy (feature extraction, fine-tuning, from scratch). */
export const LAB_STRATEGY_XP = XP_RULES["lab-strategy"].xp;


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
