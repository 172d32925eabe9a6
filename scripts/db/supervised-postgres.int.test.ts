import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort, startSupervisedPostgres, type EmbeddedDb } from "./embedded";

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe("the supervised embedded PostgreSQL", () => {
  let root = "";
  let db: EmbeddedDb | undefined;
  afterAll(async () => {
    await db?.stop();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it("is started again when it dies, on the same URL, and says so", async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "learnloop-supervised-pg-"));
    await fs.chmod(root, 0o755);
    const reports: string[] = [];
    db = await startSupervisedPostgres({
      dataDir: path.join(root, "pg"),
      port: await findFreePort(),
      report: (line) => reports.push(line),
    });
    expect(await canQuery(db.url)).toBe(true);

    const pid = Number((await fs.readFile(path.join(root, "pg", "postmaster.pid"), "utf8")).split("\n")[0]);
    process.kill(pid, "SIGKILL");
    await db.exited;
    const deadline = Date.now() + 60_000;
    while (!(await canQuery(db.url)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await canQuery(db.url)).toBe(true);
    expect(reports[0]).toBe("the embedded PostgreSQL stopped unexpectedly (killed by SIGKILL); restarting it…");
    expect(reports.at(-1)).toBe("the embedded PostgreSQL is running again (restart 1)");

    // A deliberate stop is not a crash: nothing restarts it.
    await db.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await canQuery(db.url)).toBe(false);
    expect(reports.filter((line) => line.includes("stopped unexpectedly"))).toHaveLength(1);
    db = undefined;
  }, 90_000);
});
