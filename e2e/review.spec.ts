import { expect, type Page, test } from "@playwright/test";
import { uniqueEmail } from "./helpers";

const COURSE = "/courses/sql-basics";
const LESSON = `${COURSE}/lessons/select-where-order-by-limit`;

/** An interval label ("10m", "8d", "2mo", "1.5y") in days, to compare two of them. */
function days(label: string): number {
  const match = /^([\d.]+)(m|h|d|mo|y)$/.exec(label);
  if (!match) throw new Error(`Unexpected interval label ${label}`);
  const unit = { m: 1 / 1440, h: 1 / 24, d: 1, mo: 30.4, y: 365 }[match[2] as "m" | "h" | "d" | "mo" | "y"];
  return Number(match[1]) * unit;
}

async function saveReviewSettings(page: Page, options: { newCardsPerDay: number; retentionKey: "Home" | "End" }) {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Flashcard reviews" });
  await form.getByLabel(/Desired retention/).focus();
  await page.keyboard.press(options.retentionKey);
  await expect(form.getByLabel(/Desired retention/)).toHaveValue(options.retentionKey === "Home" ? "0.7" : "0.97");
  await form.getByLabel("New cards per day").fill(String(options.newCardsPerDay));
  await form.getByRole("button", { name: "Save review settings" }).click();
  await expect(form.getByText("Review settings saved.")).toBeVisible();
}

const front = (page: Page) => page.getByTestId("card-front");
const easyLabel = (page: Page) => page.getByTestId("interval-4");

test("study a lesson, review its cards with the keyboard, undo, see the summary and the stats", async ({ page }) => {
  // A fresh learner, so the cards and reviews are ours alone.
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Review Learner");
  await page.getByLabel("Email").fill(uniqueEmail("review"));
  await page.getByLabel("Password").fill("review-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  // Two new cards a day keeps the session short; the settings form itself is used further down.
  const saved = await page.request.post("/api/trpc/review.updateSettings", { data: { json: { desiredRetention: 0.9, newCardsPerDay: 2 } } });
  expect(saved.ok()).toBe(true);
  await page.goto(COURSE);
  await page.getByRole("button", { name: "Enroll" }).click();
  await expect(page.getByText("You are enrolled in this course.")).toBeVisible();
  await page.goto(LESSON);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await page.goto("/review");
  await expect(page.getByLabel("Cards left")).toContainText("0 due · 2 new");
  const first = await front(page).innerText();
  await expect(page.getByTestId("card-back")).toHaveCount(0);

  await page.keyboard.press("Space");
  await expect(page.getByTestId("card-back")).toBeVisible();
  await expect(page.getByTestId("interval-1")).toHaveText("1m");
  const easyAt90 = await easyLabel(page).innerText();
  await page.keyboard.press("1");
  // The forgotten card waits a minute; the other new card comes first.
  await expect(front(page)).not.toHaveText(first);
  const second = await front(page).innerText();

  await page.keyboard.press("u");
  await expect(page.getByText("Rating undone. The card is back.")).toBeAttached();
  await expect(front(page)).toHaveText(first);
  await expect(page.getByTestId("card-back")).toHaveCount(0);

  await page.keyboard.press("Space");
  await page.keyboard.press("4");
  await expect(front(page)).toHaveText(second);
  await page.keyboard.press("Space");
  await expect(page.getByTestId("card-back")).toBeVisible();
  await page.keyboard.press("3");
  // Good on a new card is a 10-minute learning step: it comes back at once, answer hidden.
  await expect(page.getByTestId("card-back")).toHaveCount(0);
  await expect(front(page)).toHaveText(second);
  await page.keyboard.press("Space");
  await page.keyboard.press("4");

  const summary = page.getByRole("region", { name: "Session complete" });
  await expect(summary).toBeVisible();
  await expect(summary.getByText("Reviewed", { exact: true }).locator("xpath=following-sibling::dd")).toHaveText("3");
  await expect(summary.getByText("Accuracy", { exact: true }).locator("xpath=following-sibling::dd")).toHaveText("100%");

  await summary.getByRole("link", { name: "See your statistics" }).click();
  await expect(page.getByRole("heading", { name: "Review statistics" })).toBeVisible();
  await expect(page.getByText("3 reviews in the last 182 days.")).toBeVisible();
  const counts = page.getByRole("region", { name: "Your cards" });
  await expect(counts.getByText("Review", { exact: true }).locator("xpath=following-sibling::dd")).toHaveText("2");
  await expect(page.getByRole("img", { name: "Due cards, next 30 days" })).toBeVisible();
  // Both charts carry their axes: cards due against days, and weekdays and months on the heatmap.
  await expect(page.getByTestId("forecast-y-label")).toHaveText("Cards due");
  await expect(page.getByTestId("forecast-x-label")).toHaveText("Day (in your time zone)");
  await expect(page.getByTestId("heatmap-weekday")).toHaveText(["Mon", "Wed", "Fri"]);
  expect(await page.getByTestId("heatmap-month").count()).toBeGreaterThanOrEqual(6);
  await expect(page.getByText("Fewer reviews")).toBeVisible();

  // A lower desired retention means longer intervals: the Easy label of a new card grows.
  await saveReviewSettings(page, { newCardsPerDay: 3, retentionKey: "Home" });
  await page.goto("/review");
  await expect(page.getByLabel("Cards left")).toContainText("1 new");
  await page.keyboard.press("Space");
  await expect(easyLabel(page)).toBeVisible();
  const easyAt70 = await easyLabel(page).innerText();
  expect(days(easyAt70)).toBeGreaterThan(days(easyAt90) * 2);
});
