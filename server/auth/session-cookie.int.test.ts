import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { auth } from "./config";
import { sessionCookieName, sessionUserId } from "./session-cookie";

// The web server's tRPC endpoint reads the session with sessionUserId; Next's routes with auth().
// Both must accept and refuse the same cookies.
const secret = process.env.AUTH_SECRET!;
const HTTP_NAME = "authjs.session-token";
const HTTPS_NAME = "__Secure-authjs.session-token";

async function token(options: { sub?: string; salt: string; secret?: string; maxAge?: number }) {
  return encode({ token: { sub: options.sub ?? "user-1", name: "Ada", email: "ada@test.learnloop" }, secret: options.secret ?? secret, salt: options.salt, maxAge: options.maxAge });
}

async function authJsUserId(headers: Headers): Promise<string | null> {
  const discarded = { headers: new Headers() };
  const session = (await (auth as unknown as (context: object) => Promise<{ user?: { id?: string } } | null>)({ req: { headers }, res: discarded })) ?? null;
  return session?.user?.id || null;
}

function headers(entries: Record<string, string>): Headers {
  return new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "127.0.0.1:3000", ...entries });
}

describe("the session cookie, read outside Next", () => {
  it("agrees with Auth.js on valid, missing, tampered, foreign, expired, mis-named, chunked and bearer-only sessions", async () => {
    const valid = await token({ salt: HTTP_NAME });
    const secure = await token({ salt: HTTPS_NAME });
    const cases: [string, Headers, string | null][] = [
      ["valid, http", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${valid}` }), "user-1"],
      ["no cookie", headers({ "x-forwarded-proto": "http" }), null],
      ["tampered", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${valid.slice(0, -4)}AAAA` }), null],
      ["another site's secret", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${await token({ salt: HTTP_NAME, secret: "another-secret-0123456789abcdef-0123456789" })}` }), null],
      ["expired", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${await token({ salt: HTTP_NAME, maxAge: -3600 })}` }), null],
      ["valid, https", headers({ "x-forwarded-proto": "https", cookie: `${HTTPS_NAME}=${secure}` }), "user-1"],
      ["http cookie on https", headers({ "x-forwarded-proto": "https", cookie: `${HTTP_NAME}=${valid}` }), null],
      ["no proto header: https", headers({ cookie: `${HTTPS_NAME}=${secure}` }), "user-1"],
      ["cookie for another salt", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${secure}` }), null],
      ["chunked", headers({ "x-forwarded-proto": "http", cookie: `other=1; ${HTTP_NAME}.1=${valid.slice(100)}; ${HTTP_NAME}.0=${valid.slice(0, 100)}` }), "user-1"],
      ["bearer only", headers({ "x-forwarded-proto": "http", authorization: `Bearer ${valid}` }), null],
      ["no subject", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${await token({ salt: HTTP_NAME, sub: "" })}` }), null],
    ];
    for (const [name, request, expected] of cases) {
      expect({ name, ours: await sessionUserId(request) }).toEqual({ name, ours: expected });
      expect({ name, authJs: await authJsUserId(request) }).toEqual({ name, authJs: expected });
    }
  });

  it("names the cookie as Auth.js does: __Secure- on https, from X-Forwarded-Proto (default https)", () => {
    expect(sessionCookieName(headers({ "x-forwarded-proto": "http" }))).toBe(HTTP_NAME);
    expect(sessionCookieName(headers({ "x-forwarded-proto": "https" }))).toBe(HTTPS_NAME);
    expect(sessionCookieName(headers({}))).toBe(HTTPS_NAME);
  });
});
