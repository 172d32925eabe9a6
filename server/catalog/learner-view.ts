import { sectionSchema, type Section } from "@/lib/content/schema";
import { joinSectionRow } from "@/lib/content/sections";

type SectionRow = { id: string; type: string; data: unknown; items: { id: string; key: string; kind: string; data: unknown }[] };

type WithIds<T> = T & { itemIds: string[] };
type QuizEntry = { type: "quiz"; title?: string; passPercent: number; questionCount: number };

/** A section as the lesson page receives it: validated content, with quiz answers withheld. */
export type LearnerSection = { id: string } & (WithIds<Exclude<Section, { type: "quiz" }>> | WithIds<QuizEntry>);

/** Rebuilds a section in the content format from its rows, then makes it safe to send to a learner. */
export function toLearnerSection(row: SectionRow): LearnerSection {
  const section = sectionSchema.parse(joinSectionRow(row));
  const itemIds = row.items.map((item) => item.id);
  if (section.type === "quiz") {
    return { id: row.id, type: "quiz", title: section.title, passPercent: section.passPercent, questionCount: section.questions.length, itemIds };
  }
  return { id: row.id, ...section, itemIds };
}
