import { expect, test } from "@playwright/test";
import { demo, signIn, uniqueEmail } from "./helpers";

test("a learner gets a 403 page at /studio and FORBIDDEN from an instructor procedure", async ({ page }) => {
  await signIn(page, demo.learner);
  await expect(page.getByRole("link", { name: "Studio" })).toHaveCount(0);
  const response = await page.goto("/studio");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

  const api = await page.request.get("/api/trpc/studio.summary");
  expect(api.status()).toBe(403);
  const body = await api.json();
  expect(body.error.json.data.code).toBe("FORBIDDEN");
});

test("an anonymous visitor is sent to sign in and back", async ({ page }) => {
  await page.goto("/studio");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fstudio/);
  await page.getByLabel("Email").fill(demo.instructor.email);
  await page.getByLabel("Password").fill(demo.instructor.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/studio$/);
  await expect(page.getByRole("heading", { name: "Studio" })).toBeVisible();
});

test("an admin makes a learner an instructor, who then reaches the studio", async ({ browser }) => {
  const email = uniqueEmail("promoted");
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  await learner.goto("/sign-up");
  await learner.getByLabel("Display name").fill("Promoted Person");
  await learner.getByLabel("Email").fill(email);
  await learner.getByLabel("Password").fill("promote-me-please");
  await learner.getByRole("button", { name: "Create account" }).click();
  await expect(learner).toHaveURL(/\/dashboard/);
  expect((await learner.goto("/studio"))?.status()).toBe(403);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, demo.admin);
  await admin.getByRole("link", { name: "Admin" }).click();
  await admin.getByLabel("Search by name or email").fill(email);
  await admin.getByLabel(`Role for ${email}`, { exact: true }).selectOption("INSTRUCTOR");
  await admin.getByRole("button", { name: `Save role for ${email}` }).click();
  await expect(admin.getByText("Role changed for Promoted Person.")).toBeVisible();

  // The role is read fresh on every request: no new sign-in needed.
  expect((await learner.goto("/studio"))?.status()).toBe(200);
  await expect(learner.getByRole("link", { name: "Studio" })).toBeVisible();
  await learnerContext.close();
  await adminContext.close();
});
