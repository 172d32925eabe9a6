import "server-only";
import { cache } from "react";
import { auth } from "./config";
import type { AuthUser } from "./service";
import { sessionClaims } from "./session-cookie";
import { viewerOfSession } from "./sessions";

type SignedIn = { viewer: AuthUser; sessionId: string } | null;

async function signedInAs(claims: { userId?: string; sessionId?: string } | null): Promise<SignedIn> {
  const { userId, sessionId } = claims ?? {};
  if (!userId || !sessionId) return null;
  const viewer = await viewerOfSession({ userId, sessionId });
  return viewer ? { viewer, sessionId } : null;
}

/**
 * The signed-in user as the database knows them now, or null. The JWT only says who they are and
 * which server-side session it belongs to; the session must still exist (signing out ends it) and
 * the role and profile are read fresh, so a demotion or a deleted account takes effect at once.
 * Cached per request.
 */
export const getViewer = cache(async (): Promise<AuthUser | null> => (await getSignedIn())?.viewer ?? null);

/** The viewer with the id of their session (for "sign out of other devices"). Cached per request. */
export const getSignedIn = cache(async (): Promise<SignedIn> => {
  const session = await auth();
  return signedInAs({ userId: session?.user?.id, sessionId: session?.sessionId });
});

/**
 * The same, for a request Next's route machinery never sees (the web server's own tRPC endpoint):
 * the session cookie is read from these headers and verified exactly as Auth.js's session action
 * does (server/auth/session-cookie.ts); the session and the user are then checked the same way.
 */
export async function getSignedInFor(headers: Headers): Promise<SignedIn> {
  return signedInAs(await sessionClaims(headers));
}
