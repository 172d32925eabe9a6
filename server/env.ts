import { isIP } from "node:net";
import { z } from "zod";

// Every setting the app reads, validated once. The boot script fills DATABASE_URL (embedded server)
// and AUTH_SECRET (generated, kept under the data dir) before the web server starts, so the
// two-command start needs no editing; in production they come from the environment.
const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), "must be a postgresql:// connection URL");

function isProxyEntry(entry: string): boolean {
  const [address, prefix, extra] = entry.split("/");
  const family = isIP(address ?? "");
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/**
 * Which proxies in front of the app may report the client's address in X-Forwarded-For: a number
 * of hops (0, the default: none, the connection's peer is the client), or a comma-separated list
 * of proxy addresses and CIDR ranges. See server/http/client-address.ts.
 */
const trustProxy = z
  .string()
  .default("0")
  .transform((value, context): TrustProxy => {
    const trimmed = value.trim();
    if (/^\d{1,2}$/.test(trimmed)) return { hops: Number(trimmed), proxies: [] };
    const proxies = trimmed.split(",").map((entry) => entry.trim()).filter(Boolean);
    const bad = proxies.find((entry) => !isProxyEntry(entry));
    if (proxies.length === 0 || bad !== undefined) {
      context.addIssue({
        code: "custom",
        message: `must be a number of trusted proxy hops (default 0) or a comma-separated list of proxy addresses or CIDR ranges such as 10.0.0.1,10.0.0.0/8${bad === undefined ? "" : ` ("${bad}" is neither)`}`,
      });
      return z.NEVER;
    }
    return { hops: 0, proxies };
  })
  .describe("Proxies trusted to report the client's address in X-Forwarded-For: a hop count or a list of addresses/CIDR ranges.");
export type TrustProxy = { hops: number; proxies: string[] };

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: postgresUrl,
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (run `npx auth secret` or leave unset to generate one)"),
  AUTH_URL: z.url().optional(),
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().min(1).optional(),
  AUTH_GOOGLE_ID: z.string().min(1).optional(),
  AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
  // Failed sign-ins on one account from all addresses together in 15 minutes before it pauses
  // (one address alone is slowed down long before: see server/auth/sign-in-policy.ts).
  AUTH_RATE_LIMIT_ACCOUNT: z.coerce.number().int().positive().default(50),
  AUTH_RATE_LIMIT_IP: z.coerce.number().int().positive().default(30),
  SEED_DEMO: booleanString.default(true),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  TRUST_PROXY: trustProxy,
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Parses an environment, throwing one sentence per problem that names the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const problem = issue.code === "invalid_type" && cleaned[name] === undefined ? "is required but not set" : issue.message;
    return `Environment variable ${name} ${problem}.`;
  });
  throw new EnvError(lines.join("\n"));
}

/** Paired OAuth variables: one without the other is a mistake worth stopping for. */
export function checkOAuthPairs(env: Env): void {
  const pairs = [
    ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
    ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
  ] as const;
  for (const [id, secret] of pairs) {
    if (Boolean(env[id]) !== Boolean(env[secret])) {
      throw new EnvError(`Environment variables ${id} and ${secret} must be set together (only one is set).`);
    }
  }
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    cached = parseEnv(process.env);
    checkOAuthPairs(cached);
  }
  return cached;
}
