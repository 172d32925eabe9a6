import { expect, test } from "@playwright/test";
import { sessionCookie, signUp } from "./helpers";

// Sign-up hashes a password (argon2id): on a busy two-core machine a journey needs more than 30 s.
test.setTimeout(120_000);

test("a session cookie copied before sign-out signs nobody in afterwards", async ({ page, browser }) => {
  await signUp(page, { name: "Replay Tester", prefix: "replay" });
  const copied = await page.context().cookies();
  expect(await sessionCookie(page)).toBeTruthy();

  await page.getByLabel("Account menu for Replay Tester").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);

  const elsewhere = await browser.newContext();
  await elsewhere.addCookies(copied);
  const replay = await elsewhere.newPage();
  await replay.goto("/dashboard");
  await expect(replay).toHaveURL(/\/sign-in/);
  await elsewhere.close();
});

test("sign out of all devices ends the other browser's session too", async ({ page, browser }) => {
  await signUp(page, { name: "Two Devices", prefix: "devices" });
  const other = await browser.newContext();
  await other.addCookies(await page.context().cookies());
  const laptop = await other.newPage();
  await laptop.goto("/dashboard");
  await expect(laptop.getByRole("heading", { name: "Hello, Two Devices" })).toBeVisible();

  await page.goto("/settings");
  await page.getByRole("button", { name: "Sign out of all devices" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await laptop.goto("/dashboard");
  await expect(laptop).toHaveURL(/\/sign-in/);
  await other.close();
});
