import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { DEFAULT_PARAMETERS } from "../lib/srs/memory-model";
import { simulateLearner } from "../lib/srs/simulate-learner";
import { e2eServer } from "./server";
import { uniqueEmail } from "./helpers";

// A learner with months of review history (simulated, written straight into the app's database)
// optimizes their parameters in settings, reads the comparison, accepts, sees the workload change
// before confirming, and finds the due count of their review queue changed to what was announced.

async function seedHistory(email: string) {
  const password = readFileSync(path.join(e2eServer.dataDir, "pg.password"), "utf8").trim();
  const client = new pg.Client({ host: "127.0.0.1", port: Number(e2eServer.env.EMBEDDED_PG_PORT), user: "postgres", password, database: "learnloop" });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
    const userId = rows[0]!.id;
    // A learner who forgets new cards four times faster than FSRS's defaults assume, and whose memories fade on a steeper curve.
    const trueParameters = DEFAULT_PARAMETERS.map((w, i) => (i < 4 ? w * 0.25 : i === 20 ? 0.5 : w));
    const sim = simulateLearner({ seed: 4242, reviews: 2500, start: new Date(Date.now() - 150 * 86_400_000), newCardsPerDay: 8, trueParameters });
    const ids = new Map([...sim.cards.keys()].map((key) => [key, randomUUID()]));
    const last = new Map(sim.reviews.map((review) => [review.cardId, review.after]));
    await client.query("BEGIN");
    for (const [key, s] of last) {
      await client.query(
        `INSERT INTO "Card" (id, "userId", front, back, state, due, stability, difficulty, "scheduledDays", "learningSteps", reps, lapses, "lastReview", version, "updatedAt")
         VALUES ($1, $2, $3, $4, $5::"CardState", $6, $7, $8, $9, $10, $11, $12, $13, 1, now())`,
        [ids.get(key), userId, `Question ${key}`, `Answer ${key}`, s.state, s.due, s.stability, s.difficulty, s.scheduledDays, s.learningSteps, s.reps, s.lapses, s.lastReview],
      );
    }
    const casts = ["text", "text", "text", "text", "int", '"CardState"', "timestamp", "float8", "float8", "int", "int", "int", "timestamp", "timestamp", '"CardState"'];
    for (let i = 0; i < sim.reviews.length; i += 500) {
      const chunk = sim.reviews.slice(i, i + 500);
      const params = chunk.flatMap((r) => [randomUUID(), randomUUID(), userId, ids.get(r.cardId), r.rating, r.log.state, r.log.due, r.log.stability, r.log.difficulty, r.log.elapsedDays, r.log.scheduledDays, r.log.learningSteps, r.reviewedAt, r.after.due, r.after.state]);
      const tuples = chunk.map((_, row) => `(${casts.map((cast, col) => `$${row * casts.length + col + 1}::${cast}`).join(", ")}, '{}'::jsonb, 1)`);
      await client.query(
        `INSERT INTO "ReviewLog" (id, "reviewId", "userId", "cardId", rating, state, due, stability, difficulty, "elapsedDays", "scheduledDays", "learningSteps", "reviewedAt", "nextDue", "nextState", before, "cardVersion")
         VALUES ${tuples.join(", ")}`,
        params,
      );
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

test("a learner optimizes their memory model, compares, accepts and sees the due count change", async ({ page }) => {
  test.setTimeout(240_000);
  const email = uniqueEmail("memory");
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Memory Learner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("memory-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await seedHistory(email);

  await page.goto("/review");
  const dueBefore = (await page.getByLabel("Cards left").innerText()).match(/^(\d+) due/)![1]!;

  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Your memory model" });
  await expect(section.getByText("scheduled with FSRS's default parameters")).toBeVisible();
  // The workload chart sits by the retention slider, its numbers also in a table.
  await expect(page.getByRole("img", { name: "Expected daily reviews by desired retention" })).toBeVisible();

  await section.getByRole("button", { name: "Optimize my parameters" }).click();
  // The fit runs on the worker `npm start` spawned; progress shows until the evidence arrives.
  const evidence = section.getByRole("region", { name: /^Fit of / });
  await expect(evidence).toBeVisible({ timeout: 180_000 });
  const table = evidence.getByRole("table", { name: "Prediction error on your later reviews" });
  await expect(table.getByRole("row", { name: /Fitted to your reviews/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /FSRS defaults \(what you use now\)/ })).toBeVisible();
  await expect(evidence.getByTestId("fit-verdict")).toContainText("predicted your later reviews better");

  await evidence.getByRole("button", { name: "Use these parameters…" }).click();
  const preview = section.getByRole("region", { name: "Switch to the fitted parameters?" });
  await expect(preview.getByRole("table", { name: "Cards due before and after the switch" })).toBeVisible({ timeout: 60_000 });
  await expect(preview.getByRole("row", { name: /^Today/ }).getByRole("cell").first()).toHaveText(dueBefore);
  const dueAfter = (await preview.getByTestId("due-today-after").innerText()).replace(/,/g, "");
  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations).toEqual([]);
  await preview.getByRole("button", { name: "Confirm and reschedule" }).click();
  await expect(section.getByText(/scheduled with parameters fitted to your own/)).toBeVisible({ timeout: 60_000 });

  await page.goto("/review");
  await expect(page.getByLabel("Cards left")).toContainText(`${dueAfter} due`);

  // The way back: the defaults, with the same preview first.
  await page.goto("/settings");
  await section.getByRole("button", { name: "Go back to the default parameters…" }).click();
  const back = section.getByRole("region", { name: "Switch to the default parameters?" });
  await expect(back.getByTestId("due-today-after")).toHaveText(dueBefore, { timeout: 60_000 });
  await back.getByRole("button", { name: "Confirm and reschedule" }).click();
  await expect(section.getByText("scheduled with FSRS's default parameters")).toBeVisible();
});
