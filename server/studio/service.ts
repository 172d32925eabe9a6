import "server-only";
import { db } from "../db";

/** The instructor's home figures. Courses and class analytics join these as they land. */
export async function getStudioSummary() {
  const learners = await db.user.count({ where: { role: "LEARNER" } });
  return { learners };
}
