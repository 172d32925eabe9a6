import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: path.join(root, "scripts/db/empty-module.ts") },
    ],
  },
  test: {
    environment: "node",
    // AUTH_SECRET is required by server/env.ts; tests get a fixed one that signs nothing real.
    env: { TZ: "UTC", AUTH_SECRET: "vitest-only-auth-secret-0123456789abcdef" },
    // next-auth imports `next/server` without an extension, which only resolves through Vite.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**", "**/.next/**", "e2e/**", ".data/**"],
          // TensorFlow.js tests train small networks: seconds each, more on a busy machine.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["**/node_modules/**", "**/.next/**", "e2e/**", ".data/**"],
          globalSetup: ["scripts/db/test-global-setup.ts"],
          // One database for the whole run: test files take turns rather than race on it.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
