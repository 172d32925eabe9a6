import "server-only";
import { db } from "../db";
import type { Db } from "../db-client";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * Counts one attempt against `key` in a fixed window and says whether it is within `limit`.
 * The counter lives in PostgreSQL so every web node shares it; one upsert keeps it exact under
 * concurrency.
 */
export async function hitRateLimit(
  options: { key: string; limit: number; windowMs?: number; now?: Date },
  client: Pick<Db, "$queryRaw" | "$executeRaw"> = db,
): Promise<RateLimitResult> {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? new Date();
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await client.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
    VALUES (${options.key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  // Old windows are useless; sweep them now and then rather than on every hit.
  if (Math.random() < 0.02) {
    await client.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "windowStart" < ${new Date(now.getTime() - 3_600_000)}`;
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: count <= options.limit, count, retryAfterSeconds };
}

/** The client address as the nearest proxy reported it (Next sets x-forwarded-for itself). */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  return first || headers.get("x-real-ip") || "unknown";
}
