import "server-only";
import { cache } from "react";
import { db } from "../db";
import type { Session } from "next-auth";
import { auth } from "./config";
import { sessionUserId } from "./session-cookie";
import { authUserSelect, type AuthUser } from "./service";

async function viewerOf(session: Session | null): Promise<AuthUser | null> {
  const id = session?.user?.id;
  if (!id) return null;
  return db.user.findUnique({ where: { id }, select: authUserSelect });
}

/**
 * The signed-in user as the database knows them now, or null. The JWT only says who they are; their
 * role and profile are read fresh, so a demotion or a deleted account takes effect at once.
 * Cached per request. For server components and route handlers (reads Next's request headers).
 */
export const getViewer = cache(async (): Promise<AuthUser | null> => viewerOf(await auth()));

/**
 * The same, for a request Next's route machinery never sees (the tRPC endpoint of the web server):
 * the session cookie is read from these headers and verified exactly as Auth.js's session action
 * does (server/auth/session-cookie.ts), and the user re-read from the database.
 */
export async function getViewerFor(headers: Headers): Promise<AuthUser | null> {
  const id = await sessionUserId(headers);
  return id ? viewerOf({ user: { id } } as Session) : null;
}
