import "server-only";
import type pg from "pg";
import { createPool, createPrismaClient, type Db } from "./db-client";

// One Prisma client per process, kept on globalThis so hot reload in development does not open a
// new pool on every edit. Its pg pool is shared with `sql`: the few queries that run on every
// request (the session check) go to the pool directly, where one round trip costs a fifth of the
// CPU it costs through Prisma's query engine (docs/benchmarks.md, "The serving path").
const globalForDb = globalThis as unknown as { learnloopDb?: { db: Db; sql: pg.Pool } };

function connect(): { db: Db; sql: pg.Pool } {
  const sql = createPool();
  // An idle connection the server dropped (a restart): the pool replaces it; unheard, it would end the process.
  sql.on("error", (error) => console.error("[db] idle connection lost:", error.message));
  return { db: createPrismaClient({ pool: sql }), sql };
}

const shared = globalForDb.learnloopDb ?? connect();
if (process.env.NODE_ENV !== "production") globalForDb.learnloopDb = shared;

export const db: Db = shared.db;
/** The pool under `db`, for the hot-path reads that take raw SQL. Ended by `db.$disconnect()`. */
export const sql: pg.Pool = shared.sql;
