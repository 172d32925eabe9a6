import "server-only";
import { randomBytes } from "node:crypto";
import type { Role } from "../generated/prisma/enums";
import { db, sql } from "../db";
import type { AuthUser } from "./service";

// Server-side sessions under Auth.js's JWT strategy. The signed cookie names its session row
// (`sid`); a request is signed in only while that row exists, so signing out, changing the
// password and "sign out of all devices" end a session at once, even for a copy of the cookie
// replayed later. The rows live in Auth.js's own Session table (unused by the JWT strategy).

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const DAY_MS = 24 * 60 * 60_000;

/** Opens a session for a user who just signed in; its id goes into the JWT. */
export async function openSession(userId: string, now = new Date()): Promise<string> {
  const sessionToken = randomBytes(24).toString("base64url");
  await db.$transaction([
    // Expired rows of this user are useless; sweep them as a new one is made.
    db.session.deleteMany({ where: { userId, expires: { lt: now } } }),
    db.session.create({ data: { sessionToken, userId, expires: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) } }),
  ]);
  return sessionToken;
}

type SessionRow = { userId: string; expiresMs: number; id: string; email: string; name: string; role: Role; timezone: string; dailyGoalXp: number };
const SESSION_QUERY = `SELECT s."userId", (extract(epoch FROM s.expires) * 1000)::float8 AS "expiresMs",
  u.id, u.email, u.name, u.role::text AS role, u.timezone, u."dailyGoalXp"
  FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s."sessionToken" = $1`;

/**
 * The user a JWT's claims stand for, as the database knows them now, or null when the session was
 * ended or has expired (or the token predates server-side sessions). A session in use is extended
 * at most once a day, as Auth.js extends its cookie.
 */
export async function viewerOfSession(
  claims: { userId: string; sessionId: string | undefined },
  now = new Date(),
): Promise<AuthUser | null> {
  if (!claims.sessionId) return null;
  // Every signed-in request runs this: one round trip, straight to the pool (see server/db.ts).
  // The columns are authUserSelect's. Prisma stores DateTime as UTC `timestamp(3)`, whose epoch
  // PostgreSQL reads without any time zone: the milliseconds are the instant Prisma wrote.
  const { rows } = await sql.query<SessionRow>(SESSION_QUERY, [claims.sessionId]);
  const row = rows[0];
  if (!row || row.userId !== claims.userId || row.expiresMs <= now.getTime()) return null;
  if (row.expiresMs - now.getTime() < SESSION_MAX_AGE_SECONDS * 1000 - DAY_MS) {
    await db.session.updateMany({
      where: { sessionToken: claims.sessionId },
      data: { expires: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    });
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, timezone: row.timezone, dailyGoalXp: row.dailyGoalXp };
}

/** Ends one session (signing out on this device). */
export async function endSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { sessionToken: sessionId } });
}

/** Ends every session of a user, or every one but `except` (the device that asked). Returns how many ended. */
export async function endSessions(options: { userId: string; except?: string | null }): Promise<number> {
  const { count } = await db.session.deleteMany({
    where: { userId: options.userId, ...(options.except ? { sessionToken: { not: options.except } } : {}) },
  });
  return count;
}
