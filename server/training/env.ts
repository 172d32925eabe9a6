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
    DATABASE_URL: z.string().refine((value) => /^postgres(ql)?:\/\//.test(value), "must be a postgresql:// connection URL"),
    LEARNLOOP_DATA_DIR: z.string().min(1).default(".data"),
    STORAGE_DIR: z.string().min(1).optional(),
    WORKER_CONCURRENCY: count(1, 64),
    WORKER_AUTOSTART: z
      .enum(["true", "false", "1", "0", "yes", "no"])
      .transform((value) => value === "true" || value === "1" || value === "yes")
      .default(true),
    TRAINING_BACKEND: z.enum(["tensorflow-gpu", "tensorflow", "wasm", "cpu"]).optional(),
    TRAINING_MAX_CONCURRENT_RUNS: count(2, 1000),
    TRAINING_MAX_EPOCHS: count(1000, 1_000_000),
    TRAINING_MAX_EXAMPLES: count(60_000, 10_000_000),
    TRAINING_HEARTBEAT_SECONDS: z.coerce.number().min(0.2).max(300).default(5),
    TRAINING_EXPIRY_SECONDS: z.coerce.number().min(1).max(3600).default(60),
    TRAINING_MAX_ATTEMPTS: count(3, 20),
    // FSRS memory-model fits (server/review/memory-model.ts), which run on the same workers: the
    // longest one fit may take before it is abandoned (the learner's parameters stay as they were),
    // and how many new reviews since a learner's last fit trigger an automatic refit.
    MEMORY_FIT_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
    MEMORY_FIT_REFIT_REVIEWS: count(500, 1_000_000),
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
