// Vitest global setup for the integration project: one throwaway PostgreSQL cluster per run, with
// every migration applied. Test files reach it through process.env.DATABASE_URL (the workers'
// environment is built after this runs) or `inject("databaseUrl")`.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findFreePort, startEmbeddedPostgres } from "./embedded.ts";
import { applyMigrations } from "./migrations.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "learnloop-test-db-"));
  // mkdtemp creates 0700; PostgreSQL runs as OS user `postgres` when the tests run as root.
  await fs.chmod(root, 0o755);
  const lines: string[] = [];
  const db = await startEmbeddedPostgres({
    dataDir: path.join(root, "pg"),
    port: await findFreePort(),
    log: (line) => lines.push(line),
  }).catch(async (error: unknown) => {
    await fs.rm(root, { recursive: true, force: true });
    throw new Error(`Could not start the test database: ${String(error)}\n${lines.slice(-20).join("\n")}`);
  });

  const teardown = async () => {
    await db.stop();
    await fs.rm(root, { recursive: true, force: true });
  };
  try {
    await applyMigrations({ databaseUrl: db.url });
  } catch (error) {
    await teardown();
    throw error;
  }

  process.env.DATABASE_URL = db.url;
  project.provide("databaseUrl", db.url);
  return teardown;
}
