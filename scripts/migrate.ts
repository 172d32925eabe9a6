// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, or, when it is unset, to the
// embedded PostgreSQL server in the data dir (started for the run and stopped again).
import { applyMigrations } from "./db/migrations.ts";
import { withDatabase } from "./db/with-database.ts";

async function main(): Promise<string> {
  return withDatabase(async ({ databaseUrl, description }) => describe(await applyMigrations({ databaseUrl }), description));
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
