// A throwaway PostgreSQL for a benchmark or a one-off run: an embedded server on a free port, in a
// folder under the OS temp dir that OS user `postgres` can traverse, with every migration applied.
// `withThrowawayDatabase` sets DATABASE_URL (and a bench-only AUTH_SECRET) for the run, then stops
// the server and removes the folder, whatever the run did.
import { rmSync } from "node:fs";
import path from "node:path";
import { findFreePort, startEmbeddedPostgres } from "../db/embedded.ts";
import { applyMigrations } from "../db/migrations.ts";
import { throwawayDataDir } from "./app.ts";

export async function withThrowawayDatabase<T>(prefix: string, run: (databaseUrl: string) => Promise<T>): Promise<T> {
  const dataRoot = throwawayDataDir(prefix);
  try {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, "pg"), port: await findFreePort(), log: () => {} });
    try {
      await applyMigrations({ databaseUrl: pg.url });
      process.env.DATABASE_URL = pg.url;
      process.env.AUTH_SECRET ??= "bench-only-auth-secret-0123456789abcdef";
      return await run(pg.url);
    } finally {
      await pg.stop();
    }
  } finally {
    rmSync(dataRoot, { recursive: true, force: true });
  }
}
