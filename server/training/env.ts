// Settings of server training (the web server, which enqueues and enforces quotas, and the
// workers, which train), validated like server/env.ts: a malformed value stops the process with a
// sentence naming the variable. Kept apart from server/env.ts because a worker on a GPU machine
// needs DATABASE_URL and these, not the web server's secrets.
import path from "node:path";
import { z } from "zod";
import { EnvError } from "../env";

const count = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const trainingEnvSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .refine((value) => /^postgres(ql)?:\/\//.test(value), "must be a postgresql:// connection URL")
      .describe("The same database as the web servers: workers find their runs there."),
    LEARNLOOP_DATA_DIR: z.string().min(1).default(".data").describe("Where the embedded database, its password and the generated secret live."),
    STORAGE_DIR: z
      .string()
      .min(1)
      .optional()
      .describe("Where training checkpoints and trained models are kept (unset: `<LEARNLOOP_DATA_DIR>/storage`). Shared (e.g. NFS) between web nodes and workers on different machines."),
    WORKER_CONCURRENCY: count(1, 64).describe("Training runs one worker process trains at once (1–64). With the wasm backend (one thread) more than 1 interleaves runs rather than speeding them up."),
    WORKER_AUTOSTART: z
      .enum(["true", "false", "1", "0", "yes", "no"])
      .transform((value) => value === "true" || value === "1" || value === "yes")
      .default(true)
      .describe("`npm start` spawns a training worker beside the web server. `false` on web nodes when workers run on their own machines."),
    TRAINING_BACKEND: z
      .enum(["tensorflow-gpu", "tensorflow", "wasm", "cpu"])
      .optional()
      .describe("Force the worker's TensorFlow.js backend (unset: the best available, tried in this order)."),
    TRAINING_MAX_CONCURRENT_RUNS: count(2, 1000).describe("Server training runs one learner may have queued or running at once."),
    TRAINING_MAX_EPOCHS: count(1000, 1_000_000).describe("Epochs one run may train in all (a sweep counts every member run's epochs)."),
    TRAINING_MAX_EXAMPLES: count(60_000, 10_000_000).describe("Training examples one run may train on (its dataset size)."),
    TRAINING_HEARTBEAT_SECONDS: z.coerce.number().min(0.2).max(300).default(5).describe("How often a worker refreshes the heartbeat of the run it trains."),
    TRAINING_EXPIRY_SECONDS: z
      .coerce.number()
      .min(1)
      .max(3600)
      .default(60)
      .describe(
        "A run whose heartbeat is older than this (its worker was killed or lost) is requeued from its last checkpoint, or failed with the reason once its attempts are used up. At least twice the heartbeat.",
      ),
    TRAINING_MAX_ATTEMPTS: count(3, 20).describe("Attempts a run gets before a lost worker fails it instead of requeueing it."),
    // FSRS memory-model fits (server/review/memory-model.ts), which run on the same workers.
    MEMORY_FIT_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(300)
      .describe("The longest one memory-model fit may take before it is abandoned (the learner's parameters stay as they were)."),
    MEMORY_FIT_REFIT_REVIEWS: count(500, 1_000_000).describe("New reviews since a learner's last memory-model fit that trigger an automatic refit."),
  })
  .refine((env) => env.TRAINING_EXPIRY_SECONDS >= env.TRAINING_HEARTBEAT_SECONDS * 2, {
    path: ["TRAINING_EXPIRY_SECONDS"],
    message: "must be at least twice TRAINING_HEARTBEAT_SECONDS (a run is declared lost after missing heartbeats)",
  });

export type TrainingEnv = z.infer<typeof trainingEnvSchema> & { storageDir: string };

export function parseTrainingEnv(source: Record<string, string | undefined>): TrainingEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = trainingEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const problem = issue.code === "invalid_type" && cleaned[name] === undefined ? "is required but not set" : issue.message;
      return `Environment variable ${name} ${problem}.`;
    });
    throw new EnvError(lines.join("\n"));
  }
  const env = result.data;
  const storageDir = path.resolve(env.STORAGE_DIR ?? path.join(env.LEARNLOOP_DATA_DIR, "storage"));
  return { ...env, storageDir };
}

let cached: TrainingEnv | undefined;

export function getTrainingEnv(): TrainingEnv {
  cached ??= parseTrainingEnv(process.env);
  return cached;
}
