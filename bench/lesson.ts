// `npm run bench -- lesson`: the lesson page in headless Chromium against the production build.
// Boots the app as `npm start` does (production build, throwaway embedded database, demo users),
// signs in the demo learner and, side by side in one run, opens a lesson page, its course page and
// the ML lab page, each several times in a fresh browser context (empty cache), measuring:
//   - first-load JS: every script the page loads, gzip-compressed here (zlib's default level: about
//     what a gzip-serving proxy would send), and whether any of it is TensorFlow.js;
//   - TTFB (navigation responseStart − startTime) and LCP (largest-contentful-paint), medians.
// Writes bench/results/lesson.md. CHROMIUM_PATH picks the browser (default /usr/bin/chromium).
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { bootApp, throwawayEnv } from "./_app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const RUNS = 5;
const BUDGET_KB = 200;
const PAGES = [
  ["lesson", "/courses/transfer-learning/lessons/what-is-transfer-learning"],
  ["course", "/courses/transfer-learning"],
  ["lab", "/lab"],
] as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

type Visit = {
  jsGzipBytes: number;
  jsFiles: number;
  tfjs: boolean;
  ttfbMs: number;
  lcpMs: number;
  /** Where the time between TTFB and LCP goes: first contentful paint, the HTML's last byte, its size, and what the LCP element was. */
  fcpMs: number;
  htmlDoneMs: number;
  htmlKb: number;
  lcpElement: string;
};

async function visit(browser: Browser, storage: Awaited<ReturnType<BrowserContext["storageState"]>>, url: string): Promise<Visit> {
  const context = await browser.newContext({ storageState: storage });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const holder = window as unknown as { __lcp: number; __lcpElement: string };
    holder.__lcp = 0;
    holder.__lcpElement = "";
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        holder.__lcp = entry.startTime;
        const element = (entry as PerformanceEntry & { element?: Element | null }).element;
        holder.__lcpElement = element ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""} (${(element.textContent ?? "").trim().length} chars)` : "?";
      }
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  const scripts: Promise<{ bytes: number; tfjs: boolean }>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    scripts.push(
      response
        .body()
        .then((body) => ({ bytes: gzipSync(body).length, tfjs: /@tensorflow|tfjs-core|tensorflow\.js/i.test(body.toString("latin1")) }))
        .catch(() => ({ bytes: 0, tfjs: false })),
    );
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  // LCP is final once the user interacts; a click on nothing stops further candidates.
  await page.mouse.click(1, 1);
  const timing = await page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const holder = window as unknown as { __lcp: number; __lcpElement: string };
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return {
      ttfb: navigation.responseStart - navigation.startTime,
      lcp: holder.__lcp,
      lcpElement: holder.__lcpElement,
      fcp: fcp ? fcp.startTime : 0,
      htmlDone: navigation.responseEnd - navigation.startTime,
      htmlBytes: navigation.decodedBodySize,
    };
  });
  const loaded = await Promise.all(scripts);
  await context.close();
  return {
    jsGzipBytes: loaded.reduce((sum, script) => sum + script.bytes, 0),
    jsFiles: loaded.length,
    tfjs: loaded.some((script) => script.tfjs),
    ttfbMs: timing.ttfb,
    lcpMs: timing.lcp,
    fcpMs: timing.fcp,
    htmlDoneMs: timing.htmlDone,
    htmlKb: timing.htmlBytes / 1024,
    lcpElement: timing.lcpElement,
  };
}

async function main() {
  const app = await throwawayEnv({ prefix: "learnloop-bench-lesson-" });
  const baseURL = app.baseURL;
  console.log("Booting the app for the lesson benchmark (a production build is made first if none is current)…");
  const booted = await bootApp(app).catch((error: unknown) => {
    app.cleanup();
    throw error;
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const signIn = await browser.newContext();
    const page = await signIn.newPage();
    await page.goto(`${baseURL}/sign-in`);
    await page.getByLabel("Email").fill("learner@learnloop.local");
    await page.getByLabel("Password").fill("learnloop-learner");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/dashboard/);
    await page.goto(`${baseURL}/courses/transfer-learning`);
    await page.getByRole("button", { name: "Enroll" }).click();
    await page.getByText("You are enrolled in this course.").waitFor();
    const storage = await signIn.storageState();
    await signIn.close();

    // One warm-up visit per page (the server compiles nothing in production, but its caches fill).
    for (const [, url] of PAGES) await visit(browser, storage, `${baseURL}${url}`);
    const figures = new Map<string, Visit[]>(PAGES.map(([name]) => [name, []]));
    // Interleaved, so load on the machine hits every page alike.
    for (let run = 0; run < RUNS; run++) {
      for (const [name, url] of PAGES) figures.get(name)!.push(await visit(browser, storage, `${baseURL}${url}`));
    }
    const summary = PAGES.map(([name, url]) => {
      const visits = figures.get(name)!;
      return {
        name,
        url,
        jsKb: median(visits.map((entry) => entry.jsGzipBytes)) / 1024,
        jsFiles: median(visits.map((entry) => entry.jsFiles)),
        tfjs: visits.some((entry) => entry.tfjs),
        ttfb: median(visits.map((entry) => entry.ttfbMs)),
        lcp: median(visits.map((entry) => entry.lcpMs)),
        fcp: median(visits.map((entry) => entry.fcpMs)),
        htmlDone: median(visits.map((entry) => entry.htmlDoneMs)),
        htmlKb: median(visits.map((entry) => entry.htmlKb)),
        lcpElement: visits[visits.length - 1]!.lcpElement,
      };
    });
    const lesson = summary[0]!;
    const lines = [
      `Learnloop lesson page benchmark — ${new Date().toISOString()} — headless Chromium (${chromiumPath}), production build, ${os.cpus().length} cores, median of ${RUNS} cold-cache visits per page, signed in and enrolled, load average ${os.loadavg().map((value) => value.toFixed(1)).join(" / ")} at the end`,
      "",
      "| page | first-load JS (gzip) | scripts | TensorFlow.js loaded | TTFB | HTML done | FCP | LCP | HTML | LCP element |",
      "|---|---:|---:|---|---:|---:|---:|---:|---:|---|",
      ...summary.map(
        (entry) =>
          `| ${entry.name} (\`${entry.url}\`) | ${entry.jsKb.toFixed(1)} kB | ${entry.jsFiles} | ${entry.tfjs ? "yes" : "no"} | ${entry.ttfb.toFixed(0)} ms | ${entry.htmlDone.toFixed(0)} ms | ${entry.fcp.toFixed(0)} ms | ${entry.lcp.toFixed(0)} ms | ${entry.htmlKb.toFixed(0)} kB | ${entry.lcpElement} |`,
      ),
      "",
      `Lesson page first-load JS: ${lesson.jsKb.toFixed(1)} kB gzip, budget ${BUDGET_KB} kB: ${lesson.jsKb <= BUDGET_KB ? "within" : "OVER"} budget.`,
      ...summary.slice(1).map((entry) => `Lesson ÷ ${entry.name}: JS ${(lesson.jsKb / entry.jsKb).toFixed(2)}×, TTFB ${(lesson.ttfb / entry.ttfb).toFixed(2)}×, LCP ${(lesson.lcp / entry.lcp).toFixed(2)}×.`),
    ];
    const report = lines.join("\n");
    console.log(`\n${report}`);
    mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    writeFileSync(path.join(root, "bench", "results", "lesson.md"), `${report}\n`);
    if (lesson.jsKb > BUDGET_KB || lesson.tfjs) process.exitCode = 1;
  } finally {
    await browser.close();
    await booted.stop();
    app.cleanup();
  }
}

await main();
