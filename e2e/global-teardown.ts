import { rm } from "node:fs/promises";
import { e2eServer } from "./server";

export default async function globalTeardown() {
  // The web server (and its database) has been stopped by now; drop the throwaway data.
  if (!process.env.E2E_KEEP_DATA) await rm(e2eServer.dataDir, { recursive: true, force: true });
}
