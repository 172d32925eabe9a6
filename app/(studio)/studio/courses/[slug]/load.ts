import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireRole } from "@/app/_auth/access";
import { getServerCaller } from "@/app/_trpc/server";
import { isNotFound } from "@/app/_trpc/not-found";

/** The course for the studio pages, or the 404 page when the viewer may not edit it (or it does not exist). */
export const loadStudioCourse = cache(async (slug: string, returnTo: string) => {
  await requireRole(returnTo, ["INSTRUCTOR", "ADMIN"]);
  const caller = await getServerCaller();
  try {
    return await caller.studio.get({ slug });
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
});
