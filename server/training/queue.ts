// The pg-boss queue that hands training runs to workers. A job only says "run X may be trained";
// the TrainingRun row decides who trains it (see store.ts), so a duplicate or retried job is
// harmless and pg-boss's own retries are off.
import { PgBoss } from "pg-boss";

export const TRAINING_QUEUE = "training";

export type TrainingJob = { runId: string };

/**
 * How often a supervising worker looks for jobs whose heartbeat stopped (a memory-model fit whose
 * worker died): pg-boss's default is every 60 s, so a killed fit sat for up to 70 s before its
 * retry; every 10 s it is one cheap query per worker and the retry starts within about 20 s.
 */
export const SUPERVISE_INTERVAL_SECONDS = 10;

export function createBoss(databaseUrl: string, options: { supervise?: boolean } = {}): PgBoss {
  return new PgBoss({
    connectionString: databaseUrl,
    max: 3,
    application_name: "learnloop-queue",
    supervise: options.supervise ?? false,
    superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    schedule: false,
  });
}

export async function ensureTrainingQueue(boss: PgBoss): Promise<void> {
  // notify: workers are woken by NOTIFY the moment a run is queued, instead of on their next poll.
  await boss.createQueue(TRAINING_QUEUE, { notify: true, retryLimit: 0, expireInSeconds: 24 * 3600, deleteAfterSeconds: 7 * 24 * 3600 });
}

export async function enqueueTrainingRun(boss: PgBoss, runId: string): Promise<void> {
  await boss.send(TRAINING_QUEUE, { runId } satisfies TrainingJob);
}
