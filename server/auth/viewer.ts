import "server-only";
import { cache } from "react";
import { db } from "../db";
import { auth } from "./config";
import { authUserSelect, type AuthUser } from "./service";

/**
 * The signed-in user as the database knows them now, or null. The JWT only says who they are; their
 * role and profile are read fresh, so a demotion or a deleted account takes effect at once.
 * Cached per request.
 */
export const getViewer = cache(async (): Promise<AuthUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return db.user.findUnique({ where: { id }, select: authUserSelect });
});
