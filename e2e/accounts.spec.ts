import { expect, test } from "@playwright/test";
import { demo, sessionCookie, signIn, uniqueEmail } from "./helpers";

test("sign up, land on the dashboard, sign out, sign in again", async ({ page }) => {
  const email = uniqueEmail("journey");
  await page.goto("/");
  await page.getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Display name").fill("Journey Tester");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole("heading", { name: "Hello, Journey Tester" })).toBeVisible();
  await expect(page.getByText("Welcome to Learnloop! Your account is ready.")).toBeVisible();
  expect(await sessionCookie(page)).toBeTruthy();

  await page.getByText("Journey Tester ▾").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await sessionCookie(page)).toBeUndefined();

  await signIn(page, { email, password: "a-long-password" });
  await expect(page.getByRole("heading", { name: "Hello, Journey Tester" })).toBeVisible();
});

test("sign-up explains a too-short password next to the field", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Short");
  await page.getByLabel("Email").fill(uniqueEmail("short"));
  await page.getByLabel("Password").fill("1234567");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Passwords must be at least 8 characters.")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/sign-up/);
});

test("a wrong password shows an error and sets no session cookie", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demo.learner.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await sessionCookie(page)).toBeUndefined();
});

test("repeated failed sign-ins from one address on one account are slowed down", async ({ page }) => {
  // A fresh account, so the per-account limit is ours alone.
  const email = uniqueEmail("limited");
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Limited");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("the-right-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await page.context().clearCookies();

  await page.goto("/sign-in");
  // Each attempt waits for its own answer: the same message twice in a row would otherwise let the
  // next attempt type into a form that the previous answer is about to reset.
  const attempt = async (password: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    const answered = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/sign-in"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    return page.getByRole("main").getByRole("alert");
  };
  for (let n = 1; n <= 5; n++) {
    await expect(await attempt(`wrong-${n}`)).toHaveText("Email or password is incorrect.");
  }
  // Five failures are free; after them each try from this address waits 1, 2, 4 … seconds.
  let refused = false;
  for (let n = 6; n <= 12 && !refused; n++) {
    refused = (await (await attempt(`wrong-${n}`)).textContent()) === "Too many sign-in attempts. Wait a little and try again.";
  }
  expect(refused).toBe(true);
  expect(await sessionCookie(page)).toBeUndefined();
});

test("profile changes are saved and invalid ones explained", async ({ page }) => {
  await signIn(page, demo.learner);
  await page.goto("/settings");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Choose a valid IANA time zone, such as Europe/Paris.")).toBeVisible();
  await page.getByLabel("Time zone").fill("Pacific/Kiritimati");
  await page.getByLabel("50 XP").check();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByText("0 / 50 XP")).toBeVisible();
  await expect(page.getByText("Pacific/Kiritimati")).toBeVisible();
});
