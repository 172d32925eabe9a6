import { expect, test, type Page } from "@playwright/test";
import { demo, signIn } from "./helpers";

// Every page at 360 px (the narrowest common phone): the page never scrolls sideways, and no
// link, control, heading or text sits outside the screen unless it is inside a box that scrolls
// sideways on purpose (the lesson's format bar, wide tables).

test.use({ viewport: { width: 360, height: 740 } });
test.describe.configure({ timeout: 180_000 });

const PUBLIC = ["/", "/courses", "/courses/sql-basics", "/sign-in", "/sign-up"];
const LEARNER = [
  "/dashboard",
  "/courses/sql-basics/lessons/select-where-order-by-limit",
  "/my-courses",
  "/review",
  "/review/stats",
  "/cards",
  "/cards/new",
  "/games",
  "/games/typing",
  "/games/math",
  "/games/match",
  "/games/sequence",
  "/games/english",
  "/leaderboard",
  "/badges",
  "/notifications",
  "/settings",
  "/live",
  "/lab",
  "/courses/sql-basics/lessons/select-where-order-by-limit/quiz",
];
const ADMIN = ["/studio", "/studio/courses/new", "/admin/users"];

async function offscreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    // A screen-reader-only text is absolutely positioned: inside a sideways scroller that is not
    // itself positioned, it escapes to the page and makes the whole page scroll sideways.
    if (document.documentElement.scrollWidth > width + 1) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide in ${width})`);
    const scrollsSideways = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent).overflowX;
        if (overflow === "auto" || overflow === "scroll") return true;
      }
      return false;
    };
    // Every box outside a sideways scroller, reported at the outermost one that crosses the edge.
    const crossing = new Set<Element>();
    for (const element of document.querySelectorAll("body *")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || element.closest(".sr-only") || getComputedStyle(element).visibility === "hidden") continue;
      if (scrollsSideways(element)) continue;
      if (box.right > width + 1 || box.left < -1) {
        crossing.add(element);
        if (element.parentElement && crossing.has(element.parentElement)) continue;
        const text = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
        problems.push(`<${element.tagName.toLowerCase()} class="${element.getAttribute("class") ?? ""}"> "${text}" spans ${Math.round(box.left)}–${Math.round(box.right)} px`);
      }
    }
    return problems;
  });
}

async function checkPages(page: Page, paths: string[]) {
  const failures: Record<string, string[]> = {};
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await expect(page.locator("main h1").first()).toBeVisible();
    const problems = await offscreen(page);
    if (problems.length) failures[path] = problems.slice(0, 8);
  }
  expect(failures).toEqual({});
}

test("the header folds into a Menu button that opens every link, by keyboard too", async ({ page }) => {
  await page.goto("/courses");
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  // One header row, not two or three.
  const header = await page.locator("header").first().boundingBox();
  expect(header!.height).toBeLessThan(80);

  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  for (const label of ["Courses", "Dashboard", "Review", "My cards", "Games", "Leaderboard", "Lab"]) await expect(nav.getByRole("link", { name: label })).toBeInViewport();
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Courses" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  await page.goto("/");
  await menu.click();
  await nav.getByRole("link", { name: "Courses" }).click();
  await expect(page).toHaveURL(/\/courses$/);
  await expect(nav).toBeHidden();

  // At desktop width the links are in the header row and the button is gone.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(menu).toBeHidden();
  await expect(nav.getByRole("link", { name: "Courses" })).toBeVisible();
});

test("the lesson's format bar is one row that scrolls sideways, and a format reached by keyboard scrolls into view", async ({ page }) => {
  await signIn(page, demo.learner);
  await page.goto("/courses/sql-basics/lessons/select-where-order-by-limit");
  const bar = page.getByTestId("format-bar");
  const links = page.getByRole("navigation", { name: "Formats of this lesson" }).getByRole("link");
  const first = await links.first().boundingBox();
  const last = links.last();
  const barBox = await bar.boundingBox();
  expect(barBox!.height).toBeLessThan(first!.height * 1.8);
  expect(await bar.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await expect(last).not.toBeInViewport();
  await last.focus();
  await expect(last).toBeInViewport();
  await last.click();
  await expect(page).toHaveURL(/#section-/);
});

test("public pages fit 360 px", async ({ page }) => {
  await checkPages(page, PUBLIC);
});

test("a learner's pages fit 360 px", async ({ page }) => {
  await signIn(page, demo.learner);
  await checkPages(page, LEARNER);
});

test("studio and admin pages fit 360 px", async ({ page }) => {
  await signIn(page, demo.admin);
  await checkPages(page, ADMIN);
});
