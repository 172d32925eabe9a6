import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { findFreePort, PortTakenError, startEmbeddedPostgres, type EmbeddedDb } from "./embedded.ts";
import { applyMigrations, diffMigrationsToSchema } from "./migrations.ts";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const migrationsDir = path.join(projectRoot, "prisma", "migrations");
const fixture = path.join(projectRoot, "scripts", "db", "fixtures", "start-embedded.ts");

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("reach the test workers through DATABASE_URL", () => {
    expect(process.env.DATABASE_URL).toMatch(/^postgresql:\/\/.+@127\.0\.0\.1:\d+\/learnloop$/);
    expect(process.env.DATABASE_URL).toBe(inject("databaseUrl"));
  });

  // Boots an in-memory PGlite as the shadow database: several seconds on a busy 2-core runner.
  it("agree with schema.prisma", { timeout: 90_000 }, async () => {
    expect(await diffMigrationsToSchema()).toBe("");
  });

  it("apply once, recording every folder with the sha256 of its migration.sql", async () => {
    const databaseUrl = inject("databaseUrl");
    const again = await applyMigrations({ databaseUrl });
    expect(again.applied).toEqual([]);

    const folders = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders.length).toBeGreaterThan(0);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      databaseUrl,
      "SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((row) => row.migration_name)).toEqual(folders);
    for (const row of rows) {
      const sql = readFileSync(path.join(migrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
    }
  });
});

describe("embedded PostgreSQL", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function tempDataDir(): Promise<string> {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), "learnloop-embedded-"));
    await fs.chmod(root, 0o755);
    cleanups.push(() => fs.rm(root, { recursive: true, force: true }));
    return path.join(root, "pg");
  }

  async function start(dataDir: string, port: number): Promise<EmbeddedDb> {
    const db = await startEmbeddedPostgres({ dataDir, port });
    cleanups.push(() => db.stop());
    return db;
  }

  it("keeps its data across a restart and leaves the process's exit handling alone", async () => {
    const dataDir = await tempDataDir();
    const port = await findFreePort();
    const signalListeners = () => ["SIGINT", "SIGTERM", "SIGHUP", "beforeExit"].map((e) => process.listenerCount(e));
    const listenersBefore = signalListeners();

    const first = await start(dataDir, port);
    expect(signalListeners()).toEqual(listenersBefore);
    await query(first.url, "CREATE TABLE note (body text NOT NULL)");
    await query(first.url, "INSERT INTO note (body) VALUES ('kept')");
    await first.stop();
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);

    const restartedAt = Date.now();
    const second = await start(dataDir, port);
    expect(Date.now() - restartedAt).toBeLessThan(5_000);
    expect(second.url).toBe(first.url);
    expect(await query(second.url, "SELECT body FROM note")).toEqual([{ body: "kept" }]);
  });

  it("takes over a data dir whose server outlived a kill -9 of its app", async () => {
    const dataDir = await tempDataDir();
    const port = await findFreePort();
    const child = spawn(process.execPath, ["--import", "tsx", fixture, dataDir, String(port)], {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("READY")) resolve();
      });
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) => reject(new Error(`fixture exited (${code}) before READY: ${output}`)));
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;

    const orphanPid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    cleanups.push(async () => {
      try {
        process.kill(orphanPid, "SIGKILL");
      } catch {
        // Already stopped, as expected.
      }
    });
    expect(() => process.kill(orphanPid, 0)).not.toThrow();

    const db = await start(dataDir, port);
    expect(await query(db.url, "SELECT note FROM survivor")).toEqual([{ note: "written before kill -9" }]);
  });

  it("refuses a port another program holds, or moves to a free one when asked", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const taken = (holder.address() as net.AddressInfo).port;
    const dataDir = await tempDataDir();

    await expect(startEmbeddedPostgres({ dataDir, port: taken })).rejects.toThrow(PortTakenError);
    const db = await startEmbeddedPostgres({ dataDir, port: taken, whenPortTaken: "free-port" });
    cleanups.push(() => db.stop());
    expect(db.port).not.toBe(taken);
    expect(db.url).toContain(`:${db.port}/`);
    expect(await query(db.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it.skipIf(process.getuid?.() !== 0)("names the directory that the postgres user cannot enter", async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), "learnloop-private-"));
    cleanups.push(() => fs.rm(root, { recursive: true, force: true }));
    await fs.chmod(root, 0o700);
    await expect(startEmbeddedPostgres({ dataDir: path.join(root, "data", "pg"), port: 1 })).rejects.toThrow(
      `cannot enter ${root} (no execute permission for others): run \`chmod o+x ${root}\` or set LEARNLOOP_DATA_DIR`,
    );
  });
});
