import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client";

export type Db = PrismaClient;

/**
 * What a function that reads or writes the database takes: the process's client or an open
 * transaction (a PrismaClient is one too). The one name for it, passed as the trailing `client`
 * argument (docs/architecture.md, "The database client").
 */
export type DbClient = Prisma.TransactionClient;

/** A pg pool of the app's size (DB_POOL_MAX, default 10). */
export function createPool(options: { databaseUrl?: string; max?: number } = {}): pg.Pool {
  const connectionString = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!connectionString) throw new Error("Environment variable DATABASE_URL is required but not set.");
  const max = options.max ?? Number(process.env.DB_POOL_MAX ?? 10);
  return new pg.Pool({ connectionString, max });
}

/**
 * A Prisma client over node-postgres. Used by the app (server/db.ts), scripts and tests. Given a
 * pool, it runs over that pool (and ends it on $disconnect).
 */
export function createPrismaClient(options: { databaseUrl?: string; max?: number; pool?: pg.Pool } = {}): PrismaClient {
  const pool = options.pool ?? createPool(options);
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}
