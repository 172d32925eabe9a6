import "server-only";
import { db } from "../db";
import type { Db } from "../db-client";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number; bucket: Date };

const BUCKET_MS = 1_000;

/**
 * Counts one attempt against `key` and says whether the attempts in the last `windowMs` (this one
 * included) are within `limit`. A sliding window made of one-second buckets: a fixed per-minute
 * window would let a burst straddling the minute through twice. The counters live in PostgreSQL so
 * every web node shares them; the upsert's row lock keeps simultaneous attempts exact.
 */
export async function hitRateLimit(
  options: { key: string; limit: number; windowMs?: number; now?: Date },
  client: Pick<Db, "$queryRaw" | "$executeRaw"> = db,
): Promise<RateLimitResult> {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? new Date();
  const bucket = new Date(Math.floor(now.getTime() / BUCKET_MS) * BUCKET_MS);
  const since = new Date(bucket.getTime() - windowMs + BUCKET_MS);
  const rows = await client.$queryRaw<{ count: number; earlier: number | null; oldest: Date | null }[]>`
    WITH hit AS (
      INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
      VALUES (${options.key}, ${bucket}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
      RETURNING "count"
    )
    SELECT (SELECT "count" FROM hit)::int AS "count",
           (SELECT sum("count") FROM "RateLimitBucket"
             WHERE "key" = ${options.key} AND "windowStart" >= ${since} AND "windowStart" < ${bucket})::int AS "earlier",
           (SELECT min("windowStart") FROM "RateLimitBucket"
             WHERE "key" = ${options.key} AND "windowStart" >= ${since} AND "windowStart" < ${bucket}) AS "oldest"`;
  const row = rows[0];
  const count = Number(row?.count ?? 1) + Number(row?.earlier ?? 0);
  // Old buckets are useless; sweep them now and then rather than on every hit.
  if (Math.random() < 0.02) {
    await client.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "windowStart" < ${new Date(now.getTime() - 3_600_000)}`;
  }
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : bucket.getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + windowMs - now.getTime()) / 1000));
  return { allowed: count <= options.limit, count, retryAfterSeconds, bucket };
}

/** Takes back one counted attempt (e.g. a sign-in that succeeded: only failures should add up). */
export async function refundRateLimit(
  options: { key: string; bucket: Date },
  client: Pick<Db, "$executeRaw"> = db,
): Promise<void> {
  await client.$executeRaw`
    UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0)
    WHERE "key" = ${options.key} AND "windowStart" = ${options.bucket}`;
}

/** The attempts counted against `key` in the last `windowMs`, and when the latest one was, without counting one. */
export async function recentHits(
  options: { key: string; windowMs: number; now?: Date },
  client: Pick<Db, "$queryRaw"> = db,
): Promise<{ count: number; last: Date | null }> {
  const now = options.now ?? new Date();
  const since = new Date(Math.floor((now.getTime() - options.windowMs) / BUCKET_MS) * BUCKET_MS + BUCKET_MS);
  const rows = await client.$queryRaw<{ count: number | null; last: Date | null }[]>`
    SELECT sum("count")::int AS "count", max("windowStart") AS "last" FROM "RateLimitBucket"
    WHERE "key" = ${options.key} AND "windowStart" >= ${since} AND "count" > 0`;
  return { count: Number(rows[0]?.count ?? 0), last: rows[0]?.last ? new Date(rows[0].last) : null };
}

/** Forgets every attempt counted against `key` (e.g. an address's failures once it signed in). */
export async function clearRateLimit(key: string, client: Pick<Db, "$executeRaw"> = db): Promise<void> {
  await client.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "key" = ${key}`;
}
