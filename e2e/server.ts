import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { appEnv, BOOT_COMMAND_LINE } from "../scripts/harness/app";

// Fixed per run (the config is loaded by the runner and by each worker, and both must agree), so
// the values come from the environment that scripts/test.mjs prepares, with defaults for a direct
// `npx playwright test`. The app itself is the harness's throwaway app (scripts/harness/app.ts).
const port = Number(process.env.E2E_PORT ?? 3111);
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), "learnloop-e2e");

export const e2eServer = {
  baseURL: `http://127.0.0.1:${port}`,
  dataDir,
  chromiumPath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  command: BOOT_COMMAND_LINE,
  // Demo accounts on; every e2e sign-in comes from 127.0.0.1, so the per-IP limit is raised and
  // the per-account limit is the one under test.
  env: appEnv({ port, pgPort: Number(process.env.E2E_PG_PORT ?? 54391), dataDir }),
};

if (!existsSync(e2eServer.chromiumPath)) {
  throw new Error(
    `No Chromium at ${e2eServer.chromiumPath}. Install one (Debian/Ubuntu: \`apt-get install -y chromium\`) or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
  );
}
