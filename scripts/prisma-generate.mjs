// Generates the Prisma client offline. `prisma generate` never runs the schema engine, but the CLI
// insists on finding one first and would try to download it; pointing it at any existing file
// (here, node itself) satisfies that check when no native engine is installed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const enginesDir = path.dirname(require.resolve("@prisma/engines/package.json"));
  const native = path.join(enginesDir, "schema-engine-debian-openssl-3.0.x");
  env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync(native) ? native : process.execPath;
}
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
