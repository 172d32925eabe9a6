import "server-only";
import { db } from "../db";

/** Answers whether the database responds, without throwing. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

/** Public figures for the landing page. */
export async function getPublicStats() {
  const learners = await db.user.count();
  return { learners };
}
