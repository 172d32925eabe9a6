// `npm run bench:lab` (also the second half of `npm run bench`): the ML lab in headless Chromium.
// Boots the app as `npm start` does (production build, throwaway embedded database, demo users),
// then for each TensorFlow.js backend (webgl, wasm, cpu) opens /lab?backend=…, and measures:
//   - time to the end of the default experiment (preset transfer-feature-extraction: feature
//     extraction, 10 examples per class, 20 epochs), from the click to the final test accuracy,
//     data and model loading included;
//   - training samples/second of each strategy with the same settings (feature extraction trains
//     only the head, on features cached once; fine-tuning and from scratch run the full network).
// Writes bench/results/lab.md. CHROMIUM_PATH picks the browser (default /usr/bin/chromium).
import { chromium, type Page } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bootApp, throwawayEnv } from "./_app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const BACKENDS = ["webgl", "wasm", "cpu"] as const;
const STRATEGIES = [
  ["feature-extraction", "Feature extraction"],
  ["fine-tuning", "Fine-tuning"],
  ["from-scratch", "From scratch"],
] as const;

type StrategyFigures = { seconds: number; trainingSeconds: number; samplesPerSecond: number; testAccuracy: string };
type BackendFigures = { backend: string; ran: string; firstRunSeconds: number | null; strategies: Partial<Record<string, StrategyFigures>>; error?: string };

async function signIn(page: Page, baseURL: string) {
  await page.goto(`${baseURL}/sign-in`);
  await page.getByLabel("Email").fill("learner@learnloop.local");
  await page.getByLabel("Password").fill("learnloop-learner");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard/);
}

async function runStrategy(page: Page, strategy: string, label: string, timeoutMs: number): Promise<StrategyFigures> {
  await page.getByRole("radio", { name: label }).first().check();
  const rowsBefore = await page.locator(`tr[data-strategy="${strategy}"]`).count();
  const started = performance.now();
  await page.getByRole("button", { name: `Train ${label.toLowerCase()}` }).click();
  const rows = page.locator(`tr[data-strategy="${strategy}"]`);
  await rows.nth(rowsBefore).waitFor({ timeout: 10_000 });
  const row = rows.first();
  await page.waitForFunction((el) => el?.getAttribute("data-status") === "done", await row.elementHandle(), { timeout: timeoutMs });
  const seconds = (performance.now() - started) / 1000;
  const time = await row.getByTestId("training-time").textContent();
  const rate = await row.getByTestId("samples-per-second").textContent();
  const accuracy = await row.getByTestId("test-accuracy").textContent();
  return { seconds, trainingSeconds: Number.parseFloat(time ?? "NaN"), samplesPerSecond: Number.parseFloat(rate ?? "NaN"), testAccuracy: accuracy ?? "?" };
}

async function benchBackend(baseURL: string, backend: string): Promise<BackendFigures> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const figures: BackendFigures = { backend, ran: "?", firstRunSeconds: null, strategies: {} };
  try {
    const page = await browser.newPage();
    await signIn(page, baseURL);
    await page.goto(`${baseURL}/lab?preset=transfer-feature-extraction&backend=${backend}`);
    const status = page.getByTestId("backend");
    await status.filter({ hasText: /Running on|No backend/ }).waitFor({ timeout: 60_000 });
    const text = (await status.textContent()) ?? "";
    if (!text.includes("Running on")) return { ...figures, ran: "unavailable", error: text };
    figures.ran = /Running on (\w+)/.exec(text)?.[1] ?? "?";
    // The first run is the default experiment, cold: it also fetches the data and the model.
    for (const [strategy, label] of STRATEGIES) {
      figures.strategies[strategy] = await runStrategy(page, strategy, label, 600_000);
      if (figures.firstRunSeconds === null) figures.firstRunSeconds = figures.strategies[strategy]!.seconds;
    }
    // A second, warm run of the default experiment.
    figures.strategies["feature-extraction (warm)"] = await runStrategy(page, "feature-extraction", "Feature extraction", 120_000);
  } catch (error) {
    figures.error = (error as Error).message.split("\n")[0];
  } finally {
    await browser.close();
  }
  return figures;
}

async function main() {
  const app = await throwawayEnv({ prefix: "learnloop-bench-lab-" });
  console.log("Booting the app for the lab benchmark (a production build is made first if none is current)…");
  const booted = await bootApp(app).catch((error: unknown) => {
    app.cleanup();
    throw error;
  });
  const baseURL = app.baseURL;
  try {
    const results: BackendFigures[] = [];
    for (const backend of BACKENDS) {
      console.log(`  ${backend}…`);
      results.push(await benchBackend(baseURL, backend));
    }
    const cell = (f: BackendFigures, strategy: string) => {
      const s = f.strategies[strategy];
      return s ? `${s.samplesPerSecond.toFixed(0)} samples/s (${s.trainingSeconds.toFixed(2)} s, ${s.testAccuracy})` : "–";
    };
    const lines = [
      `Learnloop ML lab benchmark — ${new Date().toISOString()} — headless Chromium (${chromiumPath}, --disable-gpu), ${os.cpus().length} cores`,
      "Default experiment: Fashion-MNIST 0–4 → 5–9, 10 examples per class, 20 epochs, batch 16; 500 validation and 500 test images.",
      "",
      "| backend | default experiment, click to test accuracy (cold: data + model fetched) | same, warm | feature extraction (head on cached features) | fine-tuning (head first, then conv2 with it) | from scratch (whole network) |",
      "|---|---:|---:|---:|---:|---:|",
      ...results.map((f) =>
        f.error && !Object.keys(f.strategies).length
          ? `| ${f.backend} | unavailable: ${f.error} | | | | |`
          : `| ${f.backend}${f.ran !== f.backend ? ` (ran ${f.ran})` : ""} | ${f.firstRunSeconds?.toFixed(1) ?? "–"} s | ${f.strategies["feature-extraction (warm)"]?.seconds.toFixed(1) ?? "–"} s | ${cell(f, "feature-extraction")} | ${cell(f, "fine-tuning")} | ${cell(f, "from-scratch")} |${f.error ? ` error: ${f.error}` : ""}`,
      ),
      "",
      "Samples/s counts training examples processed per second of training time (forward + backward passes, validation after every epoch included).",
    ];
    const report = lines.join("\n");
    console.log(`\n${report}`);
    mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    writeFileSync(path.join(root, "bench", "results", "lab.md"), `${report}\n`);
  } finally {
    await booted.stop();
    app.cleanup();
  }
}

await main();
