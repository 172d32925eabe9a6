// `npm run db:migration:new -- <name>`: writes the SQL that takes the database from the migrations
// folder to schema.prisma as a new migration (offline, no database needed).
import path from "node:path";
import { createMigration } from "./db/migrations.ts";

const name = process.argv[2];
if (process.argv.length !== 3 || !name || !/^[A-Za-z0-9_-]+$/.test(name)) {
  console.error("Give one migration name made of letters, digits, _ or -, e.g. `npm run db:migration:new -- add_course_tags`.");
  process.exit(1);
}

try {
  const migration = await createMigration(name);
  if (migration) {
    console.log(`Created ${path.relative(process.cwd(), path.join(migration.dir, "migration.sql"))}`);
  } else {
    console.log("No changes: schema.prisma already matches the migrations.");
  }
} catch (error) {
  console.error(`Could not create the migration: ${oneLine(error)}`);
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
