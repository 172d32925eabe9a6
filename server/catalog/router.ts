import { z } from "zod";
import { catalogListInput } from "@/lib/catalog/schemas";
import { slug } from "@/lib/content/schema";
import { publicProcedure, router } from "../trpc";
import { getCourse, getLesson, listCategories, listCourses } from "./service";

export const catalogRouter = router({
  categories: publicProcedure.query(() => listCategories()),
  list: publicProcedure.input(catalogListInput).query(({ ctx, input }) => listCourses({ filters: input, viewerId: ctx.viewer?.id })),
  get: publicProcedure.input(z.object({ slug })).query(({ ctx, input }) => getCourse({ slug: input.slug, viewer: ctx.viewer })),
  lesson: publicProcedure
    .input(z.object({ courseSlug: slug, lessonSlug: slug }))
    .query(({ ctx, input }) => getLesson({ ...input, viewer: ctx.viewer })),
});
