import "server-only";
import { getEnv } from "../env";

// Checks every tRPC call passes before its input is parsed (server/trpc.ts), whichever server
// hands the request over: Next's route handler or a Node server of our own.

export const NUL_MESSAGE = "Text cannot contain NUL characters (U+0000). Remove them and try again.";
export const CROSS_SITE_MESSAGE = "This request came from another site, so it was refused. Use Learnloop's own pages.";

/** Where a NUL character hides in a JSON-like value (a string or an object key), or null. */
export function nulPath(value: unknown, path = "input", depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object" || depth > 32) return null;
  for (const [key, entry] of Object.entries(value)) {
    if (key.includes("\u0000")) return path;
    const found = nulPath(entry, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Whether a state-changing request was sent by a page of another site (cross-site request
 * forgery). Browsers send `Origin` on every POST and `Sec-Fetch-Site` on every request; a request
 * with neither comes from no browser, which no other site can make a visitor send. The site's own
 * origins are AUTH_URL's and the ones the request was addressed to (`Host`, and `X-Forwarded-Host`
 * from a proxy: a page cannot set that header on a cross-site request without a preflight).
 */
export function crossSite(headers: Headers): boolean {
  if (headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return true;
  const own = new Set<string>();
  const authUrl = getEnv().AUTH_URL;
  if (authUrl) own.add(new URL(authUrl).origin);
  for (const host of [headers.get("host"), headers.get("x-forwarded-host")]) {
    for (const entry of host?.split(",") ?? []) {
      const name = entry.trim().toLowerCase();
      if (name) own.add(`http://${name}`).add(`https://${name}`);
    }
  }
  return !own.has(origin.toLowerCase());
}
