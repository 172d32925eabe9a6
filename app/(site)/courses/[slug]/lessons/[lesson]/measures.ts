import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { renderMeasureTokensDeep, sourcesFile, type MeasurementsByBase, type Source } from "@/lib/content/measure-tokens";
import { measurements } from "@/lib/ml/measurements";

// The figures and sources a lesson's {measure: …} and {cite: …} tokens render from: the lab's
// measurements files (public/models/<base>/measurements.json) and content/sources.yaml, read once
// per server process (`npm run content:check` has checked every token against the same files).

let loaded: Promise<{ data: MeasurementsByBase; sources: Source[] }> | null = null;

async function load(): Promise<{ data: MeasurementsByBase; sources: Source[] }> {
  const root = /*turbopackIgnore: true*/ process.cwd();
  const data: MeasurementsByBase = {};
  const modelsDir = path.join(root, "public", "models");
  for (const entry of await readdir(modelsDir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory()) continue;
    const text = await readFile(path.join(modelsDir, entry.name, "measurements.json"), "utf8").catch(() => null);
    const parsed = text === null ? null : measurements.safeParse(JSON.parse(text));
    if (parsed?.success) data[entry.name] = parsed.data;
  }
  const sourcesText = await readFile(path.join(root, "content", "sources.yaml"), "utf8").catch(() => null);
  const sources = sourcesText === null ? [] : (sourcesFile.safeParse(parse(sourcesText)).data?.sources ?? []);
  return { data, sources };
}

/** The value with every measurement and citation token rendered as text. */
export async function renderMeasures<T>(value: T): Promise<T> {
  loaded ??= load();
  const { data, sources } = await loaded;
  return renderMeasureTokensDeep(value, data, sources);
}
