import { z } from "zod";
import { slug } from "@/lib/content/schema";
import { learnerProcedure, router } from "../trpc";
import { saveProgressInput, summaryLevelInput } from "@/lib/progress/schemas";
import { continueWhereLeftOff, courseProgressBySlug, lessonProgress, saveProgress, setSummaryLevel } from "./service";

const lessonProgressInput = z.object({ lessonId: z.string().min(1).max(40) });
const courseProgressInput = z.object({ courseSlug: slug });

export const progressRouter = router({
  lesson: learnerProcedure.input(lessonProgressInput).query(({ ctx, input }) => lessonProgress({ userId: ctx.viewer.id, lessonId: input.lessonId })),
  course: learnerProcedure.input(courseProgressInput).query(({ ctx, input }) => courseProgressBySlug({ userId: ctx.viewer.id, courseSlug: input.courseSlug })),
  continue: learnerProcedure.query(({ ctx }) => continueWhereLeftOff({ userId: ctx.viewer.id })),
  save: learnerProcedure.input(saveProgressInput).mutation(({ ctx, input }) => saveProgress({ userId: ctx.viewer.id, reports: input.reports })),
  setSummaryLevel: learnerProcedure.input(summaryLevelInput).mutation(({ ctx, input }) => setSummaryLevel({ userId: ctx.viewer.id, level: input.level })),
});
