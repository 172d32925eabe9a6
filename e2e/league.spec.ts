import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { weekKey } from "../lib/gamification/league";
import { signUp } from "./helpers";
import { e2eServer } from "./server";

// A week cannot be made to pass in a browser test, so last week's league rows are written straight
// into the run's database, as recordActivity would have written them then. Everything after that
// is the server's own: the first league read after the boundary closes the week and moves tiers.

async function database() {
  const password = readFileSync(`${path.join(e2eServer.dataDir, "pg")}.password`, "utf8").trim();
  const client = new pg.Client({ host: "127.0.0.1", port: Number(e2eServer.env.EMBEDDED_PG_PORT), user: "postgres", password, database: "learnloop" });
  await client.connect();
  return client;
}

test.describe.configure({ timeout: 90_000 });

test("last week's top of Bronze is promoted to Silver at the weekly close, once, shown in the learner's time zone", async ({ page }) => {
  const name = `Climber ${Date.now().toString(36)}`;
  await signUp(page, { name, prefix: "climber" });
  const lastWeek = weekKey(new Date(Date.now() - 7 * 24 * 3600_000));
  const client = await database();
  try {
    const closed = await client.query(`SELECT 1 FROM "LeagueWeek" WHERE week = $1`, [lastWeek]);
    expect(closed.rowCount, "last week must still be open in this run's database").toBe(0);
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE name = $1`, [name]);
    const climber = rows[0]!.id;
    const rival = `rival-${randomUUID()}`;
    await client.query(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($1, $2, $3, now())`, [rival, `${rival}@e2e.learnloop`, `Rival ${rival.slice(6, 12)}`]);
    const reached = new Date(`${lastWeek}T12:00:00Z`);
    for (const [userId, xp] of [[climber, 120], [rival, 40]] as const) {
      await client.query(`INSERT INTO "LeagueScore" (period, scope, "userId", xp, "reachedAt") VALUES ($1, 'global', $2, $3, $4)`, [lastWeek, userId, xp, reached]);
    }
    await client.query(`UPDATE "User" SET timezone = 'Pacific/Kiritimati' WHERE id = $1`, [climber]);

    // Two ranked in Bronze: the top one moves up (⌈2 × 7/30⌉ = 1), nobody drops out of Bronze.
    await page.goto("/leaderboard");
    const league = page.getByRole("region", { name: "Silver league" });
    await expect(league.getByTestId("last-week")).toHaveText("Last week you finished #1 of 2 in Bronze: promoted to Silver.");
    // The week closes Monday 00:00 UTC, which is Monday 14:00 in Kiritimati (UTC+14).
    await expect(league.getByTestId("tier-zones")).toContainText("The week closes Monday, 2:00 PM GMT+14 (Pacific/Kiritimati).");
    await page.goto("/dashboard");
    await expect(page.getByTestId("league-tier")).toHaveText("Silver league");

    // Reading again closes nothing twice: still Silver, and the rival stays in Bronze.
    await page.goto("/leaderboard");
    await expect(page.getByRole("region", { name: "Silver league" })).toBeVisible();
    const tiers = await client.query<{ id: string; leagueTier: number }>(`SELECT id, "leagueTier" FROM "User" WHERE id = ANY($1) ORDER BY "leagueTier" DESC`, [[climber, rival]]);
    expect(tiers.rows).toEqual([
      { id: climber, leagueTier: 1 },
      { id: rival, leagueTier: 0 },
    ]);
    const results = await client.query(`SELECT outcome FROM "LeagueResult" WHERE week = $1 AND "userId" = ANY($2) ORDER BY rank`, [lastWeek, [climber, rival]]);
    expect(results.rows).toEqual([{ outcome: "PROMOTED" }, { outcome: "STAYED" }]);
  } finally {
    await client.end();
  }
});
