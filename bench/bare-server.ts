// The baseline for the HTTP benchmarks: a bare node:http server answering the same database
// queries as the app's /api/health and `system.stats`, over a pg pool of the same size.
import http from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });

const server = http.createServer(async (request, response) => {
  try {
    if (request.url === "/health") {
      await pool.query("SELECT 1");
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, db: "up" }));
    } else if (request.url === "/stats") {
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
