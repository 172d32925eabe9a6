import "server-only";
import { db } from "../db";

export type GlossaryTerm = { term: string; definition: string; courseId: string };

/**
 * Glossary terms of the published courses the learner is enrolled in (games draw on them). Reads
 * the catalog's tables here, in the catalog domain, so other domains never touch them.
 */
export async function listLearnerGlossary(options: { userId: string; limit?: number }): Promise<GlossaryTerm[]> {
  const rows = await db.contentItem.findMany({
    where: {
      kind: "glossary",
      archivedAt: null,
      section: {
        archivedAt: null,
        lesson: { archivedAt: null, course: { status: "PUBLISHED", archivedAt: null, enrollments: { some: { userId: options.userId, leftAt: null } } } },
      },
    },
    orderBy: [{ section: { lesson: { position: "asc" } } }, { position: "asc" }],
    take: options.limit ?? 500,
    select: { data: true, section: { select: { lesson: { select: { courseId: true } } } } },
  });
  return rows.flatMap((row) => {
    const data = row.data as { term?: unknown; definition?: unknown };
    if (typeof data.term !== "string" || typeof data.definition !== "string") return [];
    return [{ term: data.term, definition: data.definition, courseId: row.section.lesson.courseId }];
  });
}
