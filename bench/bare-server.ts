// The baseline for the HTTP benchmarks: a bare node:http server answering the same database
// queries as the app's /api/health and `system.stats`, over a pg pool of the same size. For a
// signed-in request (`/stats?session`) it also does what the app's context does: verify the
// Auth.js session cookie with the same JWT decode (next-auth/jwt, same salt and secret) and read
// the user's row (the columns of authUserSelect).
import http from "node:http";
import { decode } from "next-auth/jwt";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });
const secret = process.env.AUTH_SECRET ?? "";
const COOKIE = "authjs.session-token";

async function viewerId(cookieHeader: string | undefined): Promise<string | null> {
  const token = cookieHeader
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  if (!token) return null;
  const payload = await decode({ token, secret, salt: COOKIE }).catch(() => null);
  if (!payload?.sub) return null;
  const { rows } = await pool.query<{ id: string }>('SELECT id, email, name, role, timezone, "dailyGoalXp" FROM "User" WHERE id = $1 LIMIT 1', [payload.sub]);
  return rows[0]?.id ?? null;
}

const server = http.createServer(async (request, response) => {
  try {
    if (request.url === "/health") {
      await pool.query("SELECT 1");
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, db: "up" }));
    } else if (request.url === "/stats" || request.url === "/stats?session") {
      if (request.url === "/stats?session" && !(await viewerId(request.headers.cookie))) throw new Error("no session");
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
