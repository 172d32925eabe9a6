// The training worker: takes runs from the pg-boss queue and trains them with lib/ml, up to
// WORKER_CONCURRENCY at a time, on the best TensorFlow.js backend this machine has. Any number of
// workers, on any machines with the same DATABASE_URL (and, to resume each other's runs, the same
// STORAGE_DIR), share the queue. While it trains a run it refreshes the run's heartbeat; every
// worker also reaps runs whose heartbeat expired (a killed worker's) and requeues or fails them.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { EnvError } from "../env";
import { listen } from "../realtime/pubsub";
import { startTrainingBackend } from "./backend";
import { getTrainingEnv } from "./env";
import { ensureMemoryFitQueue, MEMORY_FIT_QUEUE, type MemoryFitJob } from "../review/service";
import { createBoss, ensureTrainingQueue, enqueueTrainingRun, TRAINING_QUEUE, type TrainingJob } from "./queue";
import { executeRun, type RunControl } from "./runner";
import { CANCEL_CHANNEL, claimRun, heartbeat, reapStaleRuns, releaseRun } from "./store";

const log = (line: string) => console.log(`[worker] ${line}`);

async function main() {
  const env = getTrainingEnv();
  process.env.DB_POOL_MAX ??= String(env.WORKER_CONCURRENCY + 3);
  const { db } = await import("../db");
  const { runFit, sweepFits } = await import("../review/service");
  const { closeLeagueWeeks, settleAllPending } = await import("../gamification/service");
  const workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const backend = await startTrainingBackend(env.TRAINING_BACKEND);
  const skipped = backend.attempts.filter((a) => a.error).map((a) => `${a.choice}: ${a.error}`);
  log(`backend ${backend.backend} (${backend.choice}) on ${backend.device}${skipped.length ? `; unavailable: ${skipped.join("; ")}` : ""}`);

  const boss = createBoss(env.DATABASE_URL, { supervise: true });
  boss.on("error", (error: Error) => log(`queue error: ${error.message}`));
  await boss.start();
  await ensureTrainingQueue(boss);
  await ensureMemoryFitQueue(boss, env.MEMORY_FIT_TIMEOUT_SECONDS);

  const active = new Map<string, RunControl>();
  const running = new Set<Promise<unknown>>();
  let shuttingDown = false;
  const heartbeatMs = env.TRAINING_HEARTBEAT_SECONDS * 1000;

  const stopListening = await listen(CANCEL_CHANNEL, (message) => {
    const runId = "runId" in message && typeof message.runId === "string" ? message.runId : null;
    const control = runId ? active.get(runId) : undefined;
    if (control && !control.stop) control.stop = "cancel";
  });

  const reap = async () => {
    try {
      const requeued = await reapStaleRuns({ expirySeconds: env.TRAINING_EXPIRY_SECONDS, maxAttempts: env.TRAINING_MAX_ATTEMPTS });
      for (const runId of requeued) {
        log(`run ${runId}: its worker stopped responding; requeued to resume from its last checkpoint`);
        await enqueueTrainingRun(boss, runId);
      }
    } catch (error) {
      log(`reaping stale runs failed: ${(error as Error).message}`);
    }
  };
  await reap();
  const reaper = setInterval(() => void reap(), heartbeatMs);

  // League weeks close at the boundary even when nobody opens a league page (the reads close them
  // too; closing is idempotent, so every worker and web node may try).
  // Also the sweep of derived state left pending by a web process that stopped between a rating's
  // commit and its pass (server/gamification/pending.ts): at start, and every minute.
  const closeLeagues = async () => {
    try {
      const applied = await settleAllPending();
      if (applied) log(`applied the derived state of ${applied} activit${applied === 1 ? "y" : "ies"} left pending`);
      for (const week of await closeLeagueWeeks()) log(`league week ${week} closed: tiers moved`);
    } catch (error) {
      log(`closing league weeks failed: ${(error as Error).message}`);
    }
  };
  void closeLeagues();
  const leagueCloser = setInterval(() => void closeLeagues(), 60_000);

  async function handle(runId: string) {
    if (shuttingDown) return;
    if (!(await claimRun(runId, workerId))) {
      log(`run ${runId}: not queued any more (claimed elsewhere, finished or cancelled); skipped`);
      return;
    }
    log(`claimed run ${runId}`);
    const control: RunControl = { stop: null };
    active.set(runId, control);
    const beat = setInterval(() => {
      heartbeat(runId, workerId)
        .then((state) => {
          if (!state.owned) control.stop ??= "lost";
          else if (state.cancelRequested) control.stop ??= "cancel";
        })
        .catch((error: Error) => log(`run ${runId}: heartbeat failed: ${error.message}`));
    }, heartbeatMs);
    try {
      const next = await executeRun({ runId, workerId, storageDir: env.storageDir, backend, control, log });
      if (next === "release" && (await releaseRun(runId, workerId))) {
        await enqueueTrainingRun(boss, runId);
        log(`run ${runId}: handed back to the queue (worker stopping)`);
      } else {
        log(`run ${runId}: ${control.stop === "cancel" ? "cancelled" : "finished"}`);
      }
    } finally {
      clearInterval(beat);
      active.delete(runId);
    }
  }

  await boss.work<TrainingJob>(
    TRAINING_QUEUE,
    { localConcurrency: env.WORKER_CONCURRENCY, batchSize: 1, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 5 },
    async ([job]) => {
      if (!job) return;
      const task = handle(job.data.runId);
      running.add(task);
      try {
        await task;
      } finally {
        running.delete(task);
      }
    },
  );
  // Memory-model fits: seconds of CPU each, one at a time per worker beside the training runs.
  await boss.work<MemoryFitJob>(MEMORY_FIT_QUEUE, { localConcurrency: 1, batchSize: 1, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 5 }, async ([job]) => {
    if (!job || shuttingDown) return;
    const outcome = await runFit({ fitId: job.data.fitId, timeoutSeconds: env.MEMORY_FIT_TIMEOUT_SECONDS, log });
    log(`fit ${job.data.fitId}: ${outcome}`);
  });
  const sweep = async () => {
    try {
      const queued = await sweepFits({ timeoutSeconds: env.MEMORY_FIT_TIMEOUT_SECONDS, refitReviews: env.MEMORY_FIT_REFIT_REVIEWS });
      if (queued.length) log(`queued ${queued.length} automatic memory-model fit(s)`);
    } catch (error) {
      log(`memory-model sweep failed: ${(error as Error).message}`);
    }
  };
  void sweep();
  const sweeper = setInterval(() => void sweep(), 10 * 60_000);

  log(`ready: ${workerId}, concurrency ${env.WORKER_CONCURRENCY}, storage ${env.storageDir}`);

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`${signal}: handing runs in progress back to the queue…`);
    for (const control of active.values()) control.stop ??= "shutdown";
    clearInterval(reaper);
    clearInterval(sweeper);
    clearInterval(leagueCloser);
    await Promise.allSettled([...running]);
    await boss.stop({ graceful: true, timeout: 10_000 }).catch(() => undefined);
    await stopListening().catch(() => undefined);
    await db.$disconnect();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

try {
  await main();
} catch (error) {
  console.error(error instanceof EnvError ? `[worker] ${error.message}` : error);
  process.exit(1);
}
