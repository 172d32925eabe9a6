// Settings of server-rendered lesson audio, validated like server/env.ts. The storage location is
// the one server training uses (STORAGE_DIR, else <LEARNLOOP_DATA_DIR>/storage), so one shared
// folder serves every web node.
import path from "node:path";
import { z } from "zod";
import { EnvError } from "../env";

export const narrationEnvSchema = z.object({
  LEARNLOOP_DATA_DIR: z.string().min(1).default(".data").describe("Folder of the app's own data; storage defaults to its storage/ subfolder."),
  STORAGE_DIR: z.string().min(1).optional().describe("Folder for stored files (rendered lesson audio under narration/); shared by all web nodes."),
  LESSON_AUDIO: z
    .enum(["server", "off"])
    .default("server")
    .describe("`server` renders dialogues and audiobook chapters to audio on the server for browsers without speech voices; `off` never renders (players then show the transcript)."),
});

export type NarrationEnv = z.infer<typeof narrationEnvSchema> & { storageDir: string };

export function parseNarrationEnv(source: Record<string, string | undefined>): NarrationEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = narrationEnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `Environment variable ${String(issue.path[0] ?? "environment")} ${issue.message}.`).join("\n"));
  }
  const env = result.data;
  // Configured at run time, never a build input: the file tracer must not follow it.
  return { ...env, storageDir: path.resolve(/*turbopackIgnore: true*/ env.STORAGE_DIR ?? path.join(env.LEARNLOOP_DATA_DIR, "storage")) };
}

let cached: NarrationEnv | undefined;

export function getNarrationEnv(): NarrationEnv {
  cached ??= parseNarrationEnv(process.env);
  return cached;
}
