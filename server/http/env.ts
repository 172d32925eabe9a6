import { z } from "zod";
import { EnvError } from "../env";

// Settings of the web server process (scripts/serve.ts), validated when it starts.
export const serveEnvSchema = z.object({
  WEB_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(1)
    .describe("Web server processes sharing the port through node:cluster (one per core is the usual choice). Default 1."),
  TRPC_DIRECT: z
    .enum(["true", "false", "1", "0", "yes", "no"])
    .transform((value) => value === "true" || value === "1" || value === "yes")
    .default(true)
    .describe("Serve /api/trpc from the web server itself (true, default) or through Next's route handler (false: slower; for comparison)."),
});

export type ServeEnv = z.infer<typeof serveEnvSchema>;

export function parseServeEnv(source: Record<string, string | undefined>): ServeEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = serveEnvSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `Environment variable ${String(issue.path[0])} ${issue.message}.`).join("\n"));
}
