import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { auth } from "./config";
import { sessionClaims, sessionCookieName } from "./session-cookie";

// The web server's tRPC endpoint reads the session with sessionClaims; Next's routes with auth().
// Both must accept and refuse the same cookies.
const secret = process.env.AUTH_SECRET!;
const HTTP_NAME = "authjs.session-token";
const HTTPS_NAME = "__Secure-authjs.session-token";

async function token(options: { sub?: string; salt: string; secret?: string; maxAge?: number }) {
  return encode({ token: { sub: options.sub ?? "user-1", sid: "session-1", name: "Ada", email: "ada@test.learnloop" }, secret: options.secret ?? secret, salt: options.salt, maxAge: options.maxAge });
}

type Claims = { userId: string; sessionId: string | undefined } | null;

async function ours(headers: Headers): Promise<Claims> {
  return sessionClaims(headers);
}

/** What our session callback makes of the cookie when Auth.js's session action reads it. */
async function authJs(headers: Headers): Promise<Claims> {
  const discarded = { headers: new Headers() };
  const session = (await (auth as unknown as (context: object) => Promise<{ user?: { id?: string }; sessionId?: string } | null>)({ req: { headers }, res: discarded })) ?? null;
  return session?.user?.id ? { userId: session.user.id, sessionId: session.sessionId } : null;
}

function headers(entries: Record<string, string>): Headers {
  return new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "127.0.0.1:3000", ...entries });
}

describe("the session cookie, read outside Next", () => {
  it("agrees with Auth.js on valid, missing, tampered, foreign, expired, mis-named, chunked and bearer-only sessions", async () => {
    const valid = await token({ salt: HTTP_NAME });
    const secure = await token({ salt: HTTPS_NAME });
    const signedIn = { userId: "user-1", sessionId: "session-1" };
    const cases: [string, Headers, Claims][] = [
      ["valid, http", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${valid}` }), signedIn],
      ["no cookie", headers({ "x-forwarded-proto": "http" }), null],
      ["tampered", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${valid.slice(0, -4)}AAAA` }), null],
      ["another site's secret", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${await token({ salt: HTTP_NAME, secret: "another-secret-0123456789abcdef-0123456789" })}` }), null],
      ["expired", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${await token({ salt: HTTP_NAME, maxAge: -3600 })}` }), null],
      ["valid, https", headers({ "x-forwarded-proto": "https", cookie: `${HTTPS_NAME}=${secure}` }), signedIn],
      ["http cookie on https", headers({ "x-forwarded-proto": "https", cookie: `${HTTP_NAME}=${valid}` }), null],
      ["no proto header: https", headers({ cookie: `${HTTPS_NAME}=${secure}` }), signedIn],
      ["cookie for another salt", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${secure}` }), null],
      ["chunked", headers({ "x-forwarded-proto": "http", cookie: `other=1; ${HTTP_NAME}.1=${valid.slice(100)}; ${HTTP_NAME}.0=${valid.slice(0, 100)}` }), signedIn],
      ["bearer only", headers({ "x-forwarded-proto": "http", authorization: `Bearer ${valid}` }), null],
      ["no subject", headers({ "x-forwarded-proto": "http", cookie: `${HTTP_NAME}=${await token({ salt: HTTP_NAME, sub: "" })}` }), null],
    ];
    for (const [name, request, expected] of cases) {
      expect({ name, ours: await ours(request) }).toEqual({ name, ours: expected });
      expect({ name, authJs: await authJs(request) }).toEqual({ name, authJs: expected });
    }
  });

  it("names the cookie as Auth.js does: __Secure- on https, from X-Forwarded-Proto (default https)", () => {
    expect(sessionCookieName(headers({ "x-forwarded-proto": "http" }))).toBe(HTTP_NAME);
    expect(sessionCookieName(headers({ "x-forwarded-proto": "https" }))).toBe(HTTPS_NAME);
    expect(sessionCookieName(headers({}))).toBe(HTTPS_NAME);
  });
});
