import { z } from "zod";
import { slug } from "@/lib/content/schema";
import { learnerProcedure, router } from "../trpc";
import { getRecording } from "./service";

export const recordingInput = z.object({
  courseSlug: slug,
  lessonSlug: slug,
  sectionId: z.string().min(1).max(64),
  /** The scene of a dialogue or the chapter of an audiobook, from 0. */
  part: z.number().int().min(0).max(999),
});

export const narrationRouter = router({
  recording: learnerProcedure.input(recordingInput).query(({ ctx, input }) => getRecording({ ...input, viewer: ctx.viewer })),
});
