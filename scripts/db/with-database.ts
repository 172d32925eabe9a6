// The database a one-off script works on: DATABASE_URL when set, else the embedded PostgreSQL in the
// data dir, started for the run and stopped again (what `npm start` would use).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres } from "./embedded.ts";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export type DatabaseTarget = {
  databaseUrl: string;
  /** For messages: "DATABASE_URL (host:port)" or "embedded PostgreSQL (.data/pg, port 54329)". */
  description: string;
  /** True when this run started the embedded server (its schema may need migrating first). */
  embedded: boolean;
};

export async function withDatabase<T>(run: (target: DatabaseTarget) => Promise<T>): Promise<T> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    return run({ databaseUrl, description: `DATABASE_URL (${new URL(databaseUrl).host})`, embedded: false });
  }

  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`EMBEDDED_PG_PORT must be a port number between 1 and 65535, not "${process.env.EMBEDDED_PG_PORT}".`);
  }
  const dataDir = path.join(path.resolve(process.env.LEARNLOOP_DATA_DIR ?? path.join(projectRoot, ".data")), "pg");
  const db = await startEmbeddedPostgres({ dataDir, port });
  try {
    return await run({
      databaseUrl: db.url,
      description: `embedded PostgreSQL (${path.relative(process.cwd(), dataDir) || dataDir}, port ${port})`,
      embedded: true,
    });
  } finally {
    await db.stop();
  }
}
