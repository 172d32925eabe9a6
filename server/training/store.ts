// The TrainingRun row's life, shared by the web server and the workers. The row, not the queue job,
// decides who trains a run: claiming is one conditional UPDATE (QUEUED → RUNNING), so however many
// jobs or workers see a run, one wins; every later write checks the claimant (workerId) so a worker
// that lost its claim (declared dead after missing heartbeats) can never write over the new owner.
// Times come from the database's clock (now()), so workers on other machines agree on expiry.
import type { EpochMetrics } from "@/lib/ml/train";
import { db } from "../db";
import type { DbClient } from "../db-client";
import { recordActivity } from "../gamification/service";
import type { Prisma } from "../generated/prisma/client";
import { publish } from "../realtime/pubsub";


/** The realtime channel of one run: every epoch and status change is signalled there. */
export function runChannel(runId: string): string {
  return `training:${runId}`;
}
export const CANCEL_CHANNEL = "training:cancel";

export class LostClaimError extends Error {
  constructor(runId: string) {
    super(`Run ${runId} is no longer claimed by this worker.`);
    this.name = "LostClaimError";
  }
}

/** QUEUED → RUNNING for this worker, if no one else got there first. */
export async function claimRun(runId: string, workerId: string): Promise<boolean> {
  const claimed = await db.$executeRaw`
    UPDATE "TrainingRun"
    SET status = 'RUNNING', "workerId" = ${workerId}, "heartbeatAt" = now(), attempts = attempts + 1,
        "startedAt" = coalesce("startedAt", now()), "updatedAt" = now()
    WHERE id = ${runId} AND status = 'QUEUED' AND NOT "cancelRequested"`;
  if (claimed === 1) await publish(runChannel(runId), { status: "RUNNING" });
  return claimed === 1;
}

export type Heartbeat = { owned: boolean; cancelRequested: boolean };

/** Refreshes the claim; tells the worker whether it still owns the run and whether to stop. */
export async function heartbeat(runId: string, workerId: string): Promise<Heartbeat> {
  const rows = await db.$queryRaw<{ cancelRequested: boolean }[]>`
    UPDATE "TrainingRun" SET "heartbeatAt" = now()
    WHERE id = ${runId} AND "workerId" = ${workerId} AND status = 'RUNNING'
    RETURNING "cancelRequested"`;
  return { owned: rows.length === 1, cancelRequested: rows[0]?.cancelRequested ?? false };
}

async function assertClaim(runId: string, workerId: string, tx: DbClient): Promise<void> {
  const owned = await tx.$executeRaw`
    UPDATE "TrainingRun" SET "heartbeatAt" = now(), "updatedAt" = now()
    WHERE id = ${runId} AND "workerId" = ${workerId} AND status = 'RUNNING'`;
  if (owned !== 1) throw new LostClaimError(runId);
}

/**
 * Writes one epoch's metrics (and, when the checkpoint files for this step are on disk, moves the
 * checkpoint pointer to it) and signals subscribers, in one transaction.
 */
export async function recordEpoch(options: {
  runId: string;
  workerId: string;
  step: number;
  member: string | null;
  metrics: EpochMetrics;
  checkpoint?: { step: number; state: Prisma.InputJsonValue };
}): Promise<void> {
  const { runId, workerId, step, member, metrics, checkpoint } = options;
  await db.$transaction(async (tx) => {
    await assertClaim(runId, workerId, tx);
    await tx.trainingMetric.create({
      data: { runId, step, member, epoch: metrics.epoch, loss: metrics.loss, accuracy: metrics.accuracy, valLoss: metrics.valLoss, valAccuracy: metrics.valAccuracy, elapsedMs: metrics.elapsedMs },
    });
    if (checkpoint) await tx.trainingRun.update({ where: { id: runId }, data: { checkpointStep: checkpoint.step, checkpoint: checkpoint.state } });
    await publish(runChannel(runId), { step }, tx);
  });
}

/** Moves the checkpoint pointer without an epoch (a sweep member finished). */
export async function recordCheckpoint(options: { runId: string; workerId: string; step: number; state: Prisma.InputJsonValue }): Promise<void> {
  await db.$transaction(async (tx) => {
    await assertClaim(options.runId, options.workerId, tx);
    await tx.trainingRun.update({ where: { id: options.runId }, data: { checkpointStep: options.step, checkpoint: options.state } });
  });
}

/** Records where the run trains (backend, device, versions) once the worker has it. */
export async function recordEnvironment(options: { runId: string; workerId: string; backend: string; device: string; versions: Record<string, string> }): Promise<void> {
  await db.$transaction(async (tx) => {
    await assertClaim(options.runId, options.workerId, tx);
    await tx.trainingRun.update({ where: { id: options.runId }, data: { backend: options.backend, device: options.device, versions: options.versions } });
  });
}

/**
 * A resumed attempt continues after the checkpoint: metric rows written after it (by the attempt
 * that died) are removed, so every step appears once and in order.
 */
export async function discardAfterCheckpoint(runId: string, workerId: string): Promise<{ checkpointStep: number; checkpoint: Prisma.JsonValue | null }> {
  return db.$transaction(async (tx) => {
    await assertClaim(runId, workerId, tx);
    const run = await tx.trainingRun.findUniqueOrThrow({ where: { id: runId }, select: { checkpointStep: true, checkpoint: true } });
    await tx.trainingMetric.deleteMany({ where: { runId, step: { gt: run.checkpointStep } } });
    return run;
  });
}

export type RunOutcome =
  | { status: "SUCCEEDED"; result: Prisma.InputJsonValue; artifactBytes: number | null }
  | { status: "CANCELLED"; result: Prisma.InputJsonValue | null }
  | { status: "FAILED"; error: string };

/**
 * Ends a run. A succeeded run earns the learner's "training-run" XP in the same transaction, once
 * per run (the ledger is unique on the run id).
 */
export async function finishRun(options: { runId: string; workerId: string; outcome: RunOutcome }): Promise<void> {
  const { runId, workerId, outcome } = options;
  await db.$transaction(async (tx) => {
    await assertClaim(runId, workerId, tx);
    const run = await tx.trainingRun.update({
      where: { id: runId },
      data: {
        status: outcome.status,
        finishedAt: new Date(),
        heartbeatAt: null,
        result: outcome.status === "FAILED" ? undefined : (outcome.result ?? undefined),
        error: outcome.status === "FAILED" ? outcome.error.slice(0, 2000) : null,
        artifactBytes: outcome.status === "SUCCEEDED" ? outcome.artifactBytes : null,
      },
      select: { userId: true, kind: true },
    });
    if (outcome.status === "SUCCEEDED") {
      await recordActivity({ userId: run.userId, rule: "training-run", sourceId: runId, meta: { runId, kind: run.kind.toLowerCase() } }, tx);
    }
    await publish(runChannel(runId), { status: outcome.status }, tx);
  });
}

/** A worker shutting down hands its run back to the queue (it resumes from its checkpoint). */
export async function releaseRun(runId: string, workerId: string): Promise<boolean> {
  const released = await db.$executeRaw`
    UPDATE "TrainingRun" SET status = 'QUEUED', "workerId" = NULL, "heartbeatAt" = NULL, attempts = greatest(attempts - 1, 0), "updatedAt" = now()
    WHERE id = ${runId} AND "workerId" = ${workerId} AND status = 'RUNNING'`;
  if (released === 1) await publish(runChannel(runId), { status: "QUEUED" });
  return released === 1;
}

/**
 * Runs whose worker stopped sending heartbeats (killed, machine lost) for `expirySeconds`: requeued
 * to resume from their last checkpoint while attempts remain, otherwise failed with the reason; a
 * run whose cancel was pending is cancelled. Any worker or web node may call this at any time.
 * Returns the runs to put back on the queue.
 */
export async function reapStaleRuns(options: { expirySeconds: number; maxAttempts: number }): Promise<string[]> {
  const { expirySeconds, maxAttempts } = options;
  const rows = await db.$queryRaw<{ id: string; status: string }[]>`
    UPDATE "TrainingRun"
    SET status = (CASE WHEN "cancelRequested" THEN 'CANCELLED' WHEN attempts >= ${maxAttempts} THEN 'FAILED' ELSE 'QUEUED' END)::"TrainingRunStatus",
        error = CASE WHEN NOT "cancelRequested" AND attempts >= ${maxAttempts}
          THEN 'The worker training this run stopped responding (no heartbeat for ' || ${Math.round(expirySeconds)}::int || ' s) on each of its ' || attempts || ' attempts; it was not retried again.'
          ELSE error END,
        "finishedAt" = CASE WHEN "cancelRequested" OR attempts >= ${maxAttempts} THEN now() ELSE NULL END,
        "workerId" = NULL, "heartbeatAt" = NULL, "updatedAt" = now()
    WHERE status = 'RUNNING' AND "heartbeatAt" < now() - make_interval(secs => ${expirySeconds})
    RETURNING id, status::text AS status`;
  for (const row of rows) await publish(runChannel(row.id), { status: row.status });
  return rows.filter((row) => row.status === "QUEUED").map((row) => row.id);
}
