// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, or, when it is unset, to the
// embedded PostgreSQL server in the data dir (started for the run and stopped again).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres } from "./db/embedded.ts";
import { applyMigrations } from "./db/migrations.ts";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<string> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const result = await applyMigrations({ databaseUrl });
    return describe(result, `DATABASE_URL (${new URL(databaseUrl).host})`);
  }

  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`EMBEDDED_PG_PORT must be a port number between 1 and 65535, not "${process.env.EMBEDDED_PG_PORT}".`);
  }
  const dataDir = path.join(path.resolve(process.env.LEARNLOOP_DATA_DIR ?? path.join(projectRoot, ".data")), "pg");
  const db = await startEmbeddedPostgres({ dataDir, port });
  try {
    const result = await applyMigrations({ databaseUrl: db.url });
    return describe(result, `embedded PostgreSQL (${path.relative(process.cwd(), dataDir) || dataDir}, port ${port})`);
  } finally {
    await db.stop();
  }
}

function describe(result: { applied: string[]; engine: "native" | "wasm" }, target: string): string {
  if (result.applied.length === 0) return `No pending migrations: ${target} is up to date.`;
  const count = result.applied.length === 1 ? "1 migration" : `${result.applied.length} migrations`;
  return `Applied ${count} to ${target} with the ${result.engine} schema engine: ${result.applied.join(", ")}.`;
}

try {
  console.log(await main());
} catch (error) {
  console.error(`db:migrate failed: ${oneLine(error)}`);
  process.exit(1);
}

// Engine errors span several lines and end in a Rust backtrace ("0: schema_engine_wasm::…", "at …").
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !/^\d+: /.test(line) && !/^at /.test(line))
    .join(" ");
}
