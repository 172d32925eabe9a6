import { defineConfig } from "@playwright/test";
import { e2eServer } from "./e2e/server";

// The suite runs against a production build started exactly as `npm start` starts it, on a
// throwaway embedded database (see e2e/server.ts), in the system's Chromium: Playwright's own
// browser download is not used.
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: e2eServer.baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: e2eServer.chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: e2eServer.command,
    url: `${e2eServer.baseURL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: e2eServer.env,
  },
});
