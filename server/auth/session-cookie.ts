import "server-only";
import { getEnv } from "../env";
import { decodeSessionToken } from "./session-token";

// The user id in an Auth.js session cookie, read the way Auth.js's session action reads it
// (@auth/core lib/actions/session.js with `strategy: "jwt"`, as `auth()` runs it), without the
// rest of that action: the refreshed cookie it re-encrypts on every call is thrown away by our
// callers anyway (server components cannot set cookies). server/auth/session-cookie.int.test.ts
// checks the two agree on every kind of cookie.

const BASE_NAME = "authjs.session-token";

/**
 * Auth.js's choice of cookie name: `__Secure-` when the site's URL is https, where the URL is
 * AUTH_URL if set, else built from X-Forwarded-Proto (default https) — createActionURL in
 * @auth/core lib/utils/env.js, then `useSecureCookies = url.protocol === "https:"`.
 */
export function sessionCookieName(headers: Headers): string {
  const authUrl = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  const protocol = authUrl ? new URL(authUrl).protocol : `${(headers.get("x-forwarded-proto") ?? "https").replace(/:$/, "")}:`;
  return `${protocol === "https:" ? "__Secure-" : ""}${BASE_NAME}`;
}

/** Cookie pairs as the `cookie` package (vendored in @auth/core) parses them: the first of a name wins. */
function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length > 1) value = value.slice(1, -1);
    if (value.includes("%")) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // the cookie package keeps a value it cannot decode as it is
      }
    }
    cookies.set(name, value);
  }
  return cookies;
}

/** The session token, joined from its chunks (`name`, `name.0`, `name.1`…) as Auth.js's SessionStore does. */
function sessionToken(cookies: Map<string, string>, name: string): string {
  const chunks = [...cookies].filter(([key, value]) => key.startsWith(name) && value);
  chunks.sort(([a], [b]) => Number.parseInt(a.split(".").pop() || "0") - Number.parseInt(b.split(".").pop() || "0"));
  return chunks.map(([, value]) => value).join("");
}

/**
 * The claims of the request's session cookie that say who is signed in (the user's id and the
 * server-side session it belongs to, see sessions.ts), or null when there is no valid cookie.
 */
export async function sessionClaims(headers: Headers): Promise<{ userId: string; sessionId: string | undefined } | null> {
  const name = sessionCookieName(headers);
  const token = sessionToken(parseCookies(headers.get("cookie") ?? ""), name);
  if (!token) return null;
  try {
    const payload = await decodeSessionToken({ token, secret: getEnv().AUTH_SECRET, salt: name });
    // Our callbacks (server/auth/config.ts) set `user.id = token.sub ?? ""` and `sessionId = token.sid`.
    if (!payload?.sub) return null;
    return { userId: payload.sub, sessionId: typeof payload.sid === "string" ? payload.sid : undefined };
  } catch {
    return null;
  }
}
