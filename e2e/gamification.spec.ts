import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

const COURSE = "/courses/sql-basics";
const LESSON = `${COURSE}/lessons/select-where-order-by-limit`;

test("a new learner's lesson section and review become XP, goal progress and badges; the leaderboard lists them until they opt out", async ({ page }) => {
  // Sign-up hashes a password and the journey visits ten pages: more than 30 s on a busy runner.
  test.setTimeout(90_000);
  const name = `Gamer ${Date.now().toString(36)}`;
  await signUp(page, { name, prefix: "gamer" });
  await expect(page.getByTestId("goal-progress")).toHaveText("0 / 20 XP");
  // Nothing to chart yet: the dashboard leads with choosing a course instead of empty charts.
  await expect(page.getByRole("region", { name: "Choose a course to start" })).toBeVisible();
  await expect(page.getByRole("region", { name: "XP over the last 30 days" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Recent badges" })).toHaveCount(0);

  // A lesson section, marked read (10 XP) …
  await page.goto(COURSE);
  await page.getByRole("button", { name: "Enroll" }).click();
  await expect(page.getByText("You are enrolled in this course.")).toBeVisible();
  await page.goto(LESSON);
  await page.getByRole("button", { name: "Mark as read (Summary)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Progress saved." })).toBeVisible();

  // … and one flashcard review (2 XP).
  await page.goto("/review");
  await expect(page.getByTestId("card-front")).toBeVisible();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("card-back")).toBeVisible();
  const rated = page.waitForResponse((response) => response.url().includes("review.rate") && response.ok());
  await page.keyboard.press("3");
  await rated;

  await page.goto("/dashboard");
  await expect(page.getByTestId("goal-progress")).toHaveText("12 / 20 XP");
  await expect(page.getByRole("progressbar", { name: "Daily goal" })).toHaveAttribute("aria-valuenow", "12");
  await expect(page.getByTestId("total-xp")).toHaveText("12 XP");
  const badges = page.getByRole("region", { name: "Recent badges" });
  await expect(badges.getByText("First lesson")).toBeVisible();
  await expect(badges.getByText("First recall")).toBeVisible();
  // The header announces the two badge notifications.
  await expect(page.getByRole("link", { name: "Notifications, 2 unread" })).toBeVisible();

  await page.goto("/badges");
  await expect(page.getByRole("listitem", { name: /^First lesson: earned \d{4}-\d{2}-\d{2}$/ })).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Week streak: locked" })).toContainText("Meet your daily goal 7 days in a row.");

  await page.goto("/leaderboard");
  const table = page.getByRole("table", { name: "Everyone, this week" });
  await expect(table.getByRole("row").filter({ hasText: name })).toContainText("12");
  await expect(page.getByTestId("my-rank")).toContainText("with 12 XP");
  // A new learner starts in Bronze, ranked among Bronze learners, with the zone they are in.
  const tier = page.getByRole("region", { name: "Bronze league" });
  await expect(tier.getByTestId("tier-zones")).toContainText(/The top \d+ move up to Silver\./);
  await expect(tier.getByTestId("tier-zones")).not.toContainText("move down");
  const mine = tier.getByRole("row").filter({ hasText: `${name} (you)` });
  await expect(mine).toContainText(/12\s*(▲ Moves up|Stays)/);
  await page.goto("/dashboard");
  await expect(page.getByTestId("league-tier")).toHaveText("Bronze league");
  await page.goto("/leaderboard");

  await page.goto("/settings");
  await page.getByRole("checkbox", { name: /Hide me from leaderboards/ }).check();
  await expect(page.getByText("You are now hidden from leaderboards.")).toBeVisible();

  await page.goto("/leaderboard");
  await expect(page.getByTestId("my-rank")).toContainText("You are hidden from leaderboards.");
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Bronze league" })).toContainText("you are not ranked and keep your league");
  await page.goto("/leaderboard?period=all");
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});
