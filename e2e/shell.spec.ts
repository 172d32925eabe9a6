import { expect, test } from "@playwright/test";

test("the landing page says what Learnloop is and is keyboard-navigable", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Learn business, technology and design your way");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Courses", "Dashboard", "Review", "My cards", "Games", "Leaderboard", "Lab"]);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("responses carry the security headers", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("'wasm-unsafe-eval'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("health reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, db: "up" });
});

test("an unknown page gets the 404 page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("tRPC subscriptions stream over server-sent events", async ({ request }) => {
  const input = encodeURIComponent(JSON.stringify({ json: { intervalMs: 100, count: 3 } }));
  const response = await request.get(`/api/trpc/system.clock?input=${input}`, { headers: { Accept: "text/event-stream" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/event-stream");
  const body = await response.text();
  const ticks = [...body.matchAll(/"tick":(\d+)/g)].map((match) => Number(match[1]));
  expect(ticks).toEqual([0, 1, 2]);
});
