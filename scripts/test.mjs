// `npm test`: typecheck, lint, unit, integration (real PostgreSQL, started and removed by the run)
// and Playwright e2e against a production build in the system's Chromium. Stops at the first
// failing step and ends with one "N passed, N failed" line over all tests.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./harness/free-port.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reports = mkdtempSync(path.join(os.tmpdir(), "learnloop-test-reports-"));
// `npm test -- e2e e2e/lesson.spec.ts`: step names choose steps; anything else filters e2e specs.
const STEPS = ["typecheck", "lint", "unit", "integration", "e2e"];
const only = process.argv.slice(2).filter((arg) => STEPS.includes(arg));
const specFilters = process.argv.slice(2).filter((arg) => !STEPS.includes(arg));
const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
}

function step(name, command, args, { env = {}, after } = {}) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n▶ ${name}: ${[command, ...args].join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, TZ: "UTC", ...env } });
  const seconds = (Date.now() - started) / 1000;
  timings.push(`${name} ${seconds.toFixed(0)} s`);
  after?.();
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${result.status ?? result.signal}).`);
    finish(1);
  }
}

function finish(code) {
  rmSync(reports, { recursive: true, force: true });
  console.log(`\n${timings.join(" · ")}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
  process.exit(code);
}

const npx = (bin) => path.join(root, "node_modules", ".bin", bin);

step("typecheck", npx("tsc"), ["--noEmit", "-p", "."]);
step("lint", npx("eslint"), ["--max-warnings=0", "."]);
for (const project of ["unit", "integration"]) {
  const file = path.join(reports, `${project}.json`);
  step(project, npx("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], {
    after: () => countVitest(file),
  });
}

if (!only.length || only.includes("e2e")) {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    console.error(
      `\n✖ e2e needs Chromium at ${chromium}. Install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
    finish(1);
  }
  // A throwaway data dir the `postgres` OS user can traverse (the boot runs it as that user as root).
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "learnloop-e2e-"));
  chmodSync(dataDir, 0o755);
  const file = path.join(reports, "e2e.json");
  try {
    step("e2e", npx("playwright"), ["test", "--reporter=list,json", ...specFilters], {
      env: {
        E2E_PORT: String(await freePort()),
        E2E_PG_PORT: String(await freePort()),
        E2E_DATA_DIR: dataDir,
        PLAYWRIGHT_JSON_OUTPUT_NAME: file,
      },
      after: () => countPlaywright(file),
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
finish(totals.failed ? 1 : 0);
