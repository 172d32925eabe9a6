import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// Fixed per run (the config is loaded by the runner and by each worker, and both must agree), so
// the values come from the environment that scripts/test.mjs prepares, with defaults for a direct
// `npx playwright test`.
const port = process.env.E2E_PORT ?? "3111";
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), "learnloop-e2e");

export const e2eServer = {
  baseURL: `http://127.0.0.1:${port}`,
  dataDir,
  chromiumPath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  env: {
    PORT: port,
    LEARNLOOP_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54391",
    DATABASE_URL: "",
    AUTH_SECRET: "",
    SEED_DEMO: "true",
    // Every e2e sign-in comes from 127.0.0.1; the per-account limit is the one under test.
    AUTH_RATE_LIMIT_IP: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
  },
};

if (!existsSync(e2eServer.chromiumPath)) {
  throw new Error(
    `No Chromium at ${e2eServer.chromiumPath}. Install one (Debian/Ubuntu: \`apt-get install -y chromium\`) or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
  );
}
