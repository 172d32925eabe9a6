import "server-only";
import { cache } from "react";
import { auth } from "./config";
import type { AuthUser } from "./service";
import { viewerOfSession } from "./sessions";

/**
 * The signed-in user as the database knows them now, or null. The JWT only says who they are and
 * which server-side session it belongs to; the session must still exist (signing out ends it) and
 * the role and profile are read fresh, so a demotion or a deleted account takes effect at once.
 * Cached per request.
 */
export const getViewer = cache(async (): Promise<AuthUser | null> => (await getSignedIn())?.viewer ?? null);

/** The viewer with the id of their session (for "sign out of other devices"). Cached per request. */
export const getSignedIn = cache(async (): Promise<{ viewer: AuthUser; sessionId: string } | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!id || !sessionId) return null;
  const viewer = await viewerOfSession({ userId: id, sessionId });
  return viewer ? { viewer, sessionId } : null;
});
