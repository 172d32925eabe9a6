import "server-only";
import { createPrismaClient, type Db } from "./db-client";

// One Prisma client per process, kept on globalThis so hot reload in development does not open a
// new pool on every edit.
const globalForDb = globalThis as unknown as { learnloopDb?: Db };

export const db: Db = globalForDb.learnloopDb ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalForDb.learnloopDb = db;
