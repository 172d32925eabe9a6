// Progress inputs the service also types its options with (docs/architecture.md, "Input schemas").
import { z } from "zod";
import { SUMMARY_LEVELS } from "./rules";

const positionSchema = z
  .object({
    line: z.number().int().min(0).max(100_000).optional(),
    chapter: z.number().int().min(0).max(1_000).optional(),
    chapters: z.record(z.string().max(100), z.number().int().min(0).max(100_000)).optional(),
  })
  .strict()
  .refine((position) => !position.chapters || Object.keys(position.chapters).length <= 200, "too many chapters");

export const progressReportSchema = z.object({
  sectionId: z.string().min(1).max(40),
  percent: z.number().min(0).max(100),
  complete: z.boolean().default(false),
  position: positionSchema.optional(),
  /** When the learner made this progress (ms since epoch); replayed offline reports carry their own time. */
  at: z.number().int().positive(),
});

export const saveProgressInput = z.object({ reports: z.array(progressReportSchema).min(1).max(50) });
export type SaveProgressInput = z.infer<typeof saveProgressInput>;

export const summaryLevelInput = z.object({ level: z.enum(SUMMARY_LEVELS) });
