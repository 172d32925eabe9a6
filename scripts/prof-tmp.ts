import "../server/server-only-hook";
const { db } = await import("../server/db");
const pg = (await import("pg")).default;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
async function time(name: string, fn: () => Promise<unknown>, n = 3000, conc = 20) {
  for (let i = 0; i < 200; i++) await fn();
  const t = performance.now(); const c0 = process.cpuUsage();
  let left = n;
  await Promise.all(Array.from({ length: conc }, async () => { while (left-- > 0) await fn(); }));
  const ms = performance.now() - t; const c = process.cpuUsage(c0);
  console.log(name.padEnd(24), (n / ms * 1000).toFixed(0).padStart(6), "ops/s", ((c.user + c.system) / n).toFixed(0).padStart(5), "cpu µs/op");
}
const u = await db.user.findFirstOrThrow({ select: { id: true } });
for (let r = 0; r < 2; r++) {
await time("pg count", () => pool.query('SELECT count(*)::text AS count FROM "User"'));
await time("pg user by id", () => pool.query('SELECT id, email, name, role, timezone, "dailyGoalXp" FROM "User" WHERE id = $1 LIMIT 1', [u.id]));
await time("prisma count", () => db.user.count());
await time("prisma findUnique", () => db.user.findUnique({ where: { id: u.id }, select: { id: true, email: true, name: true, role: true, timezone: true, dailyGoalXp: true } }));
await time("prisma $queryRaw count", () => db.$queryRaw`SELECT count(*)::int AS count FROM "User"`);
}
process.exit(0);
