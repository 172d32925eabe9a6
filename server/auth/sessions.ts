import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { authUserSelect, type AuthUser } from "./service";

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
  const session = await db.session.findUnique({
    where: { sessionToken: claims.sessionId },
    select: { userId: true, expires: true, user: { select: authUserSelect } },
  });
  if (!session || session.userId !== claims.userId || session.expires <= now) return null;
  if (session.expires.getTime() - now.getTime() < SESSION_MAX_AGE_SECONDS * 1000 - DAY_MS) {
    await db.session.updateMany({
      where: { sessionToken: claims.sessionId },
      data: { expires: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    });
  }
  return session.user;
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
