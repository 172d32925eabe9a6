import { expect, test, type Page } from "@playwright/test";
import { demo, signIn } from "./helpers";

// The Content Security Policy: scripts run only with the response's nonce (proxy.ts), and every
// page still works under it — no violation reported while the main pages load and run.

type Violation = { directive: string; blocked: string; page: string; source?: string };

/** Collects every CSP violation the page reports (the DOM event and the console's message). */
async function watchViolations(page: Page): Promise<Violation[]> {
  const violations: Violation[] = [];
  await page.exposeFunction("__reportCspViolation", (violation: Violation) => violations.push(violation));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (v: Violation) => void }).__reportCspViolation({ directive: event.effectiveDirective, blocked: event.blockedURI, page: location.pathname, source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}` });
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy")) violations.push({ directive: "console", blocked: message.text(), page: page.url() });
  });
  return violations;
}

function scriptSrc(policy: string): string {
  return policy.split(";").map((directive) => directive.trim()).find((directive) => directive.startsWith("script-src ")) ?? "";
}

test("pages carry a fresh nonce in script-src and no 'unsafe-inline' for scripts; the tRPC endpoint a policy of its own", async ({ request }) => {
  const first = (await request.get("/")).headers()["content-security-policy"] ?? "";
  const second = (await request.get("/courses")).headers()["content-security-policy"] ?? "";
  const nonce = (policy: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc(policy))?.[1];
  expect(nonce(first)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(nonce(second)).toBeTruthy();
  expect(nonce(second)).not.toBe(nonce(first));
  for (const policy of [first, second]) {
    expect(scriptSrc(policy)).not.toContain("'unsafe-inline'");
    expect(scriptSrc(policy)).toContain("'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
  }
  const trpc = (await request.get("/api/trpc/system.stats")).headers()["content-security-policy"] ?? "";
  expect(trpc).toContain("default-src 'none'");
});

test("Next's own scripts carry the nonce; an inline script or handler without it, in the page itself, does not run", async ({ page }) => {
  const violations = await watchViolations(page);
  // The payload arrives in the HTML as a stored XSS would (parser-inserted); the response, its
  // headers and its policy are the server's own.
  await page.route("**/courses", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</body>", '<script>window.__injected = true</script><img src="data:,x" onerror="window.__handler = true"></body>');
    await route.fulfill({ response, body: html });
  });
  const response = await page.goto("/courses");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc(response?.headers()["content-security-policy"] ?? ""))?.[1];
  expect(nonce).toBeTruthy();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Every script Next wrote carries this response's nonce (the injected one excepted), and they ran:
  // its inline scripts fill the flight data the page hydrates from.
  const scripts = await page.locator("script").evaluateAll((elements) => elements.map((element) => ({ nonce: (element as HTMLScriptElement).nonce, text: element.textContent ?? "" })));
  const own = scripts.filter((script) => !script.text.includes("__injected"));
  expect(own.length).toBeGreaterThan(0);
  for (const script of own) expect(script.nonce).toBe(nonce);
  expect(await page.evaluate(() => Array.isArray((self as unknown as { __next_f?: unknown }).__next_f))).toBe(true);

  await expect.poll(() => violations.filter((violation) => violation.directive.startsWith("script-src")).length).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __handler?: boolean }).__handler)).toBeUndefined();
});

test("the main pages run under the policy without a single violation", async ({ browser }) => {
  test.setTimeout(180_000);
  const learner = await browser.newPage();
  const violations = await watchViolations(learner);
  await signIn(learner, demo.learner);
  await expect(learner.getByRole("heading", { level: 1 })).toBeVisible();

  await learner.goto("/courses/transfer-learning/lessons/what-is-transfer-learning");
  await expect(learner.getByRole("heading", { level: 1 })).toBeVisible();

  await learner.goto("/review");
  await expect(learner.getByRole("heading", { level: 1 })).toBeVisible();

  // TensorFlow.js on WebAssembly: compiles wasm and starts its worker.
  await learner.goto("/lab?backend=wasm");
  await expect(learner.getByTestId("backend")).toContainText("Running on wasm", { timeout: 60_000 });
  await learner.close();

  const instructor = await browser.newPage();
  const instructorViolations = await watchViolations(instructor);
  await signIn(instructor, demo.instructor);
  await instructor.goto("/studio");
  await expect(instructor.getByRole("heading", { level: 1 })).toBeVisible();
  await instructor.close();

  expect(violations).toEqual([]);
  expect(instructorViolations).toEqual([]);
});
