// `npm run bench`: every benchmark in this folder, one after the other (each in its own process, so
// one's load never overlaps another's measurement). `npm run bench -- lab review` runs the chosen ones.
// Each writes its report to bench/results/<name>.md and prints its table.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const NOT_BENCHMARKS = new Set(["index.ts", "bare-server.ts"]);
const all = readdirSync(here)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !NOT_BENCHMARKS.has(file) && !file.startsWith("_"))
  .map((file) => file.replace(/\.ts$/, ""))
  .sort((a, b) => (a === "http" ? -1 : b === "http" ? 1 : a.localeCompare(b)));
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !all.includes(name));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(", ")}; there are: ${all.join(", ")}.`);
  process.exit(1);
}
let failed = 0;
for (const name of chosen.length ? chosen : all) {
  console.log(`\n▶ bench ${name}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(here, `${name}.ts`)], { stdio: "inherit" });
  if (result.status !== 0) {
    failed++;
    console.error(`✖ bench ${name} failed (exit ${result.status ?? result.signal}).`);
  }
}
process.exit(failed ? 1 : 0);
