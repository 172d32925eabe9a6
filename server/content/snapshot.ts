import fs from "node:fs/promises";
import path from "node:path";
import { loadContent, type ContentSnapshot, type LoadedContent } from "@/lib/content/load";
import type { MeasurementsByBase } from "@/lib/content/measure-tokens";
import { measurements } from "@/lib/ml/measurements";

// Reads a content folder into a ContentSnapshot for lib/content/load.ts. No `server-only`: the
// content scripts and the boot run it under plain Node.

/** Every file under `root` (paths relative to it, with `/`), with the text of the YAML ones. */
export async function readContentSnapshot(root: string): Promise<ContentSnapshot> {
  const files = new Map<string, string>();
  const paths = new Set<string>();
  const visit = async (relative: string): Promise<void> => {
    const entries = await fs.readdir(path.join(root, relative), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" && relative === "") return [];
      throw error;
    });
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await visit(child);
      } else if (entry.isFile()) {
        paths.add(child);
        if (/\.ya?ml$/.test(entry.name)) files.set(child, await fs.readFile(path.join(root, child), "utf8"));
      }
    }
  };
  await visit("");
  return { files, paths };
}

/**
 * The lab's measurements files (`<dir>/<base>/measurements.json`) by base model, for the lessons'
 * `{measure: …}` tokens. A file that does not parse is left out, so its tokens are reported as missing.
 */
export async function readMeasurements(dir: string): Promise<MeasurementsByBase> {
  const out: MeasurementsByBase = {};
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const text = await fs.readFile(path.join(dir, entry.name, "measurements.json"), "utf8").catch(() => null);
    if (text === null) continue;
    const parsed = measurements.safeParse(JSON.parse(text));
    if (parsed.success) out[entry.name] = parsed.data;
  }
  return out;
}

/** Where the measurements live: public/models of the project. */
export const DEFAULT_MEASUREMENTS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "public", "models");

/**
 * Reads and validates the content folder at `root` (what `npm run content:check` runs), with the
 * `{measure: …}` tokens checked against the measurements in `measurementsDir`.
 */
export async function checkContent(options: { root: string; measurementsDir?: string }): Promise<LoadedContent> {
  const snapshot = await readContentSnapshot(options.root);
  return loadContent({ ...snapshot, measurements: await readMeasurements(options.measurementsDir ?? DEFAULT_MEASUREMENTS_DIR) });
}
