import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { bootApp, throwawayEnv, type BootedApp } from "./harness/app";

// The whole `npm start` path, as an admin would live it: boot on a fresh data dir, write data,
// kill -9 the app, start again. The first boot makes the production build if none is current
// (it is then reused by the e2e step), hence the long timeout.
const app = await throwawayEnv({ prefix: "learnloop-boot-test-", extra: { NODE_ENV: "production" } });
const started: BootedApp[] = [];

async function boot(): Promise<BootedApp> {
  const booted = await bootApp({ ...app, timeoutMs: 540_000 });
  started.push(booted);
  return booted;
}

async function withDb<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const password = readFileSync(path.join(app.dataDir, "pg.password"), "utf8").trim();
  const client = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${app.pgPort}/learnloop` });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await Promise.all(started.map((booted) => booted.stop()));
  app.cleanup();
});

describe("npm start", () => {
  it("comes back with its data after a kill -9 of the app", { timeout: 900_000 }, async () => {
    const first = await boot();
    expect(first.log()).toContain("learner@learnloop.local");
    const secret = readFileSync(path.join(app.dataDir, "auth-secret"), "utf8");
    await withDb((c) => c.query(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('kill9', 'kill9@test.learnloop', 'Survivor', now())`));

    await first.stop("SIGKILL");

    const second = await boot();
    const rows = await withDb((c) => c.query(`SELECT name FROM "User" WHERE id = 'kill9'`));
    expect(rows.rows).toEqual([{ name: "Survivor" }]);
    // Same secret, so sessions issued before the crash stay valid; nothing re-seeded twice.
    expect(readFileSync(path.join(app.dataDir, "auth-secret"), "utf8")).toBe(secret);
    const demo = await withDb((c) => c.query(`SELECT count(*)::int AS n FROM "User" WHERE email LIKE '%@learnloop.local'`));
    expect(demo.rows[0].n).toBe(3);
    expect(second.log()).toContain("production build is up to date");

    expect(await second.stop()).toBe(0);
    expect(second.log()).toContain("database stopped");
  });
});
