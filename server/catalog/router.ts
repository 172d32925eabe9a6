import { z } from "zod";
import { LEVELS, slug } from "@/lib/content/schema";
import { publicProcedure, router } from "../trpc";
import { getCourse, getLesson, listCategories, listCourses } from "./service";

export const catalogListInput = z.object({
  category: slug.optional(),
  level: z.enum(LEVELS).optional(),
  query: z.string().trim().max(100).optional(),
});

export const catalogRouter = router({
  categories: publicProcedure.query(() => listCategories()),
  list: publicProcedure.input(catalogListInput).query(({ ctx, input }) => listCourses({ filters: input, viewerId: ctx.viewer?.id })),
  get: publicProcedure.input(z.object({ slug })).query(({ ctx, input }) => getCourse({ slug: input.slug, viewer: ctx.viewer })),
  lesson: publicProcedure
    .input(z.object({ courseSlug: slug, lessonSlug: slug }))
    .query(({ ctx, input }) => getLesson({ ...input, viewer: ctx.viewer })),
});
