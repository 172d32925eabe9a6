import { z } from "zod";
import { slug } from "@/lib/content/schema";
import { learnerProcedure, router } from "../trpc";
import { enroll, leave, myCourses } from "./service";

export const enrollmentInput = z.object({ courseSlug: slug });

export const enrollmentRouter = router({
  enroll: learnerProcedure.input(enrollmentInput).mutation(({ ctx, input }) => enroll({ userId: ctx.viewer.id, courseSlug: input.courseSlug })),
  leave: learnerProcedure.input(enrollmentInput).mutation(({ ctx, input }) => leave({ userId: ctx.viewer.id, courseSlug: input.courseSlug })),
  mine: learnerProcedure.query(({ ctx }) => myCourses({ userId: ctx.viewer.id })),
});
