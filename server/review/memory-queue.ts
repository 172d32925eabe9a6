// The pg-boss queue of memory-model fits, on the same PostgreSQL and the same workers as training
// runs. A job only says "fit X may run"; the MemoryModelFit row decides whether it still needs to
// (see memory-model.ts), so a duplicate or retried job is harmless. Unlike training runs, a fit
// has no checkpoint to resume: a worker killed mid-fit stops sending the job's heartbeat, pg-boss's
// supervisor fails the job, and its retry runs the whole fit again on another worker.
import type { PgBoss } from "pg-boss";
import { createBoss } from "../training/service";

export const MEMORY_FIT_QUEUE = "memory-fit";
export type MemoryFitJob = { fitId: string };
/** A running fit's worker refreshes the job every 5 s; a job 10 s without one is taken for dead and retried (pg-boss's minimum). */
export const MEMORY_FIT_HEARTBEAT_SECONDS = 10;

export function memoryFitQueuePolicy(timeoutSeconds: number) {
  return {
    retryLimit: 2,
    retryDelay: 2,
    heartbeatSeconds: MEMORY_FIT_HEARTBEAT_SECONDS,
    // A fit gives up by itself at the timeout; the job expires a little later, if its worker hangs without dying.
    expireInSeconds: timeoutSeconds + 60,
    deleteAfterSeconds: 7 * 24 * 3600,
  };
}

export async function ensureMemoryFitQueue(boss: PgBoss, timeoutSeconds: number): Promise<void> {
  const policy = memoryFitQueuePolicy(timeoutSeconds);
  await boss.createQueue(MEMORY_FIT_QUEUE, { notify: true, ...policy });
  // createQueue leaves an existing queue as it was: apply the policy, so a changed timeout takes effect.
  await boss.updateQueue(MEMORY_FIT_QUEUE, policy);
}

export async function enqueueMemoryFit(boss: PgBoss, fitId: string): Promise<void> {
  await boss.send(MEMORY_FIT_QUEUE, { fitId } satisfies MemoryFitJob);
}

// One pg-boss client per web process, started on first use, to put fits on the queue.
const globalForBoss = globalThis as unknown as { learnloopMemoryFitBoss?: Promise<PgBoss> };
export function memoryFitQueue(databaseUrl: string, timeoutSeconds: number): Promise<PgBoss> {
  globalForBoss.learnloopMemoryFitBoss ??= (async () => {
    const boss = createBoss(databaseUrl);
    boss.on("error", (error: Error) => console.error("[memory-fit] queue error:", error.message));
    await boss.start();
    await ensureMemoryFitQueue(boss, timeoutSeconds);
    return boss;
  })();
  globalForBoss.learnloopMemoryFitBoss.catch(() => (globalForBoss.learnloopMemoryFitBoss = undefined));
  return globalForBoss.learnloopMemoryFitBoss;
}
