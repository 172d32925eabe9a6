// The baseline for the HTTP benchmarks: a bare node:http server answering the same database
// queries as the app's /api/health and `system.stats`, over a pg pool of the same size. For a
// signed-in request (`/stats?session`) it also does what the app's context does: verify the
// Auth.js session cookie with the same decode (server/auth/session-token.ts, same salt and
// secret) and read the session row with its user (the app's query, server/auth/sessions.ts).
// `/stats?session=authjs` decodes with Auth.js's own decode instead, on every request, and reads
// the user's row only: the baseline of the figures before 2026-12-03.
import http from "node:http";
import { decode } from "next-auth/jwt";
import pg from "pg";
import { decodeSessionToken } from "../server/auth/session-token";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });
const secret = process.env.AUTH_SECRET ?? "";
const COOKIE = "authjs.session-token";

async function viewerId(cookieHeader: string | undefined, authJs: boolean): Promise<string | null> {
  const token = cookieHeader
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  if (!token) return null;
  const payload = await (authJs ? decode({ token, secret, salt: COOKIE }) : decodeSessionToken({ token, secret, salt: COOKIE })).catch(() => null);
  if (!payload?.sub) return null;
  if (authJs) {
    const { rows } = await pool.query<{ id: string }>('SELECT id, email, name, role, timezone, "dailyGoalXp" FROM "User" WHERE id = $1 LIMIT 1', [payload.sub]);
    return rows[0]?.id ?? null;
  }
  const { rows } = await pool.query<{ userId: string; expiresMs: number }>(
    `SELECT s."userId", (extract(epoch FROM s.expires) * 1000)::float8 AS "expiresMs", u.id, u.email, u.name, u.role::text AS role, u.timezone, u."dailyGoalXp"
     FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s."sessionToken" = $1`,
    [payload.sid],
  );
  const row = rows[0];
  return row && row.userId === payload.sub && row.expiresMs > Date.now() ? row.userId : null;
}

const server = http.createServer(async (request, response) => {
  try {
    if (request.url === "/health") {
      await pool.query("SELECT 1");
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, db: "up" }));
    } else if (request.url === "/stats" || request.url === "/stats?session" || request.url === "/stats?session=authjs") {
      if (request.url !== "/stats" && !(await viewerId(request.headers.cookie, request.url.endsWith("=authjs")))) throw new Error("no session");
      const { rows } = await pool.query<{ count: string }>('SELECT count(*)::text AS count FROM "User"');
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ learners: Number(rows[0]?.count ?? 0) }));
    } else {
      response.writeHead(404).end();
    }
  } catch (error) {
    response.writeHead(500).end(String(error));
  }
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
process.on("SIGTERM", () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
