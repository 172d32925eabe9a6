import fs from "node:fs/promises";
import path from "node:path";
import { loadContent, type ContentSnapshot, type LoadedContent } from "@/lib/content/load";

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

/** Reads and validates the content folder at `root` (what `npm run content:check` runs). */
export async function checkContent(options: { root: string }): Promise<LoadedContent> {
  return loadContent(await readContentSnapshot(options.root));
}
