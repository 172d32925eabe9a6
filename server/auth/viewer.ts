import "server-only";
import { cache } from "react";
import { auth } from "./config";
import type { AuthUser } from "./service";
import { sessionClaims } from "./session-cookie";
import { viewerOfSession } from "./sessions";

type SignedIn = { viewer: AuthUser; sessionId: string };

async function signedInAs(claims: { userId?: string | null; sessionId?: string } | null): Promise<SignedIn | null> {
  if (!claims?.userId || !claims.sessionId) return null;
  const viewer = await viewerOfSession({ userId: claims.userId, sessionId: claims.sessionId });
  return viewer ? { viewer, sessionId: claims.sessionId } : null;
}

/**
 * The signed-in user as the database knows them now, or null. The JWT only says who they are and
 * which server-side session it belongs to; the session must still exist (signing out ends it) and
 * the role and profile are read fresh, so a demotion or a deleted account takes effect at once.
 * Cached per request. For server components and route handlers (reads Next's request headers).
 */
export const getViewer = cache(async (): Promise<AuthUser | null> => (await getSignedIn())?.viewer ?? null);

/** The viewer with the id of their session (for "sign out of other devices"). Cached per request. */
export const getSignedIn = cache(async (): Promise<SignedIn | null> => {
  const session = await auth();
  return signedInAs({ userId: session?.user?.id, sessionId: session?.sessionId });
});

/**
 * The same, for a request Next's route machinery never sees (the tRPC endpoint of the web server):
 * the session cookie is read from these headers and verified exactly as Auth.js's session action
 * does (server/auth/session-cookie.ts), then its server-side session and the user are re-read.
 */
export async function getSignedInFor(headers: Headers): Promise<SignedIn | null> {
  return signedInAs(await sessionClaims(headers));
}
