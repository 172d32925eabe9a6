import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "./db/embedded";

// The whole `npm start` path, as an admin would live it: boot on a fresh data dir, write data,
// kill -9 the app, start again. The first boot makes the production build if none is current
// (it is then reused by the e2e step), hence the long timeout.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "learnloop-boot-test-"));
chmodSync(dataDir, 0o755);
const started: ChildProcess[] = [];

async function boot(env: NodeJS.ProcessEnv, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/boot.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 540_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`boot exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not healthy in time:\n${output}`);
}

async function withDb<T>(pgPort: number, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const password = readFileSync(path.join(dataDir, "pg.password"), "utf8").trim();
  const client = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/learnloop` });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 3000));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("comes back with its data after a kill -9 of the app", { timeout: 900_000 }, async () => {
    const port = await findFreePort();
    const pgPort = await findFreePort();
    const env = {
      ...process.env,
      PORT: String(port),
      LEARNLOOP_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      DATABASE_URL: "",
      AUTH_SECRET: "",
      NODE_ENV: "production",
    } as NodeJS.ProcessEnv;

    const first = await boot(env, port);
    expect(first.output()).toContain("learner@learnloop.local");
    const secret = readFileSync(path.join(dataDir, "auth-secret"), "utf8");
    await withDb(pgPort, (c) => c.query(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('kill9', 'kill9@test.learnloop', 'Survivor', now())`));

    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));

    const second = await boot(env, port);
    const rows = await withDb(pgPort, (c) => c.query(`SELECT name FROM "User" WHERE id = 'kill9'`));
    expect(rows.rows).toEqual([{ name: "Survivor" }]);
    // Same secret, so sessions issued before the crash stay valid; nothing re-seeded twice.
    expect(readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toBe(secret);
    const demo = await withDb(pgPort, (c) => c.query(`SELECT count(*)::int AS n FROM "User" WHERE email LIKE '%@learnloop.local'`));
    expect(demo.rows[0].n).toBe(3);
    expect(second.output()).toContain("production build is up to date");

    second.child.kill("SIGTERM");
    const code = await new Promise((resolve) => second.child.once("exit", resolve));
    expect(code).toBe(0);
    expect(second.output()).toContain("database stopped");
  });
});
