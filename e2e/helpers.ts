import { expect, type Page } from "@playwright/test";

export const demo = {
  learner: { email: "learner@learnloop.local", password: "learnloop-learner" },
  instructor: { email: "instructor@learnloop.local", password: "learnloop-instructor" },
  admin: { email: "admin@learnloop.local", password: "learnloop-admin" },
};

export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

export async function sessionCookie(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((cookie) => cookie.name.includes("authjs.session-token"));
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.learnloop`;
}

/** Signs up a fresh learner (their data is theirs alone) and lands on the dashboard. */
export async function signUp(page: Page, options: { name: string; prefix: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill(options.name);
  await page.getByLabel("Email").fill(uniqueEmail(options.prefix));
  await page.getByLabel("Password").fill(`${options.prefix}-password`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}
