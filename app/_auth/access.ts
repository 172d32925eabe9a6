// Page guards for server components: who may see a route, decided before it renders (every
// procedure still checks access itself). Not a UI component, so it lives apart from _components/.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Role } from "@/server/generated/prisma/enums";
import type { AuthUser } from "@/server/auth/service";
import { getViewer } from "@/server/auth/viewer";

/** The signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireViewer(returnTo: string): Promise<AuthUser> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return viewer;
}

/** The signed-in user if their role is one of `roles`; otherwise the 403 page. */
export async function requireRole(returnTo: string, roles: Role[]): Promise<AuthUser> {
  const viewer = await requireViewer(returnTo);
  if (!roles.includes(viewer.role)) forbidden();
  return viewer;
}
