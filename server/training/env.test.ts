import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTrainingEnv } from "./env";

const url = "postgresql://u:p@127.0.0.1:5432/db";

describe("training settings", () => {
  it("applies the documented defaults, with storage under the data dir", () => {
    const env = parseTrainingEnv({ DATABASE_URL: url, LEARNLOOP_DATA_DIR: "/srv/learnloop" });
    expect(env.WORKER_CONCURRENCY).toBe(1);
    expect(env.TRAINING_MAX_CONCURRENT_RUNS).toBe(2);
    expect(env.storageDir).toBe("/srv/learnloop/storage");
    expect(parseTrainingEnv({ DATABASE_URL: url }).storageDir).toBe(path.resolve(".data/storage"));
    expect(parseTrainingEnv({ DATABASE_URL: url, STORAGE_DIR: "/mnt/models" }).storageDir).toBe("/mnt/models");
  });

  it("names each malformed variable", () => {
    expect(() => parseTrainingEnv({ DATABASE_URL: url, WORKER_CONCURRENCY: "0" })).toThrow(/WORKER_CONCURRENCY/);
    expect(() => parseTrainingEnv({ DATABASE_URL: url, TRAINING_MAX_EPOCHS: "many" })).toThrow(/TRAINING_MAX_EPOCHS/);
    expect(() => parseTrainingEnv({ DATABASE_URL: url, TRAINING_BACKEND: "tpu" })).toThrow(/TRAINING_BACKEND/);
    expect(() => parseTrainingEnv({})).toThrow("Environment variable DATABASE_URL is required but not set.");
    expect(() => parseTrainingEnv({ DATABASE_URL: url, TRAINING_HEARTBEAT_SECONDS: "10", TRAINING_EXPIRY_SECONDS: "15" })).toThrow(/TRAINING_EXPIRY_SECONDS must be at least twice/);
  });
});
