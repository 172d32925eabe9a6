import { z } from "zod";
import { slug } from "@/lib/content/schema";
import { instructorProcedure, router } from "../trpc";
import { getClass } from "./class";
import {
  addLesson,
  createCourse,
  deleteLesson,
  getCourse,
  getStudioSummary,
  listCourses,
  publishCourse,
  renameLesson,
  reorderLessons,
  saveLesson,
  unpublishCourse,
  updateCourse,
} from "./service";
import { exportCourseZip, importCourseZip, MAX_ZIP_BYTES } from "./zip";

// Every procedure is for instructors and admins; which courses each may touch is decided in the
// service's queries (owners and admins only). Content arrives loosely typed on purpose: the service
// checks it with content:check's rules and answers with per-field problems instead of a zod error.

const courseInput = z.object({ slug });
const lessonInput = z.object({ slug, lessonId: z.string().min(1).max(100) });
const contentObject = z.record(z.string(), z.unknown());
const shortText = z.string().max(1_000);

export const studioCreateInput = z.object({ title: shortText, slug: shortText, category: shortText, level: shortText });
export const studioUpdateInput = courseInput.extend({ fields: contentObject });
export const studioAddLessonInput = courseInput.extend({ title: shortText, lessonSlug: shortText.optional() });
export const studioRenameLessonInput = lessonInput.extend({ title: shortText });
export const studioReorderLessonsInput = courseInput.extend({ lessonIds: z.array(z.string().min(1).max(100)).max(500) });
export const studioSaveLessonInput = lessonInput.extend({ lesson: contentObject });
// Base64 is 4/3 of the bytes; the service refuses anything over MAX_ZIP_BYTES with a sentence.
export const studioImportZipInput = z.object({ zipBase64: z.string().min(1).max(Math.ceil((MAX_ZIP_BYTES * 4) / 3) + 1_024) });

export const studioRouter = router({
  summary: instructorProcedure.query(() => getStudioSummary()),
  list: instructorProcedure.query(({ ctx }) => listCourses({ actor: ctx.viewer })),
  create: instructorProcedure.input(studioCreateInput).mutation(({ ctx, input }) => createCourse({ actor: ctx.viewer, input })),
  get: instructorProcedure.input(courseInput).query(({ ctx, input }) => getCourse({ actor: ctx.viewer, slug: input.slug })),
  update: instructorProcedure.input(studioUpdateInput).mutation(({ ctx, input }) => updateCourse({ actor: ctx.viewer, ...input })),
  publish: instructorProcedure.input(courseInput).mutation(({ ctx, input }) => publishCourse({ actor: ctx.viewer, slug: input.slug })),
  unpublish: instructorProcedure.input(courseInput).mutation(({ ctx, input }) => unpublishCourse({ actor: ctx.viewer, slug: input.slug })),
  addLesson: instructorProcedure.input(studioAddLessonInput).mutation(({ ctx, input }) => addLesson({ actor: ctx.viewer, ...input })),
  renameLesson: instructorProcedure.input(studioRenameLessonInput).mutation(({ ctx, input }) => renameLesson({ actor: ctx.viewer, ...input })),
  reorderLessons: instructorProcedure
    .input(studioReorderLessonsInput)
    .mutation(({ ctx, input }) => reorderLessons({ actor: ctx.viewer, ...input })),
  deleteLesson: instructorProcedure.input(lessonInput).mutation(({ ctx, input }) => deleteLesson({ actor: ctx.viewer, ...input })),
  saveLesson: instructorProcedure.input(studioSaveLessonInput).mutation(({ ctx, input }) => saveLesson({ actor: ctx.viewer, ...input })),
  importZip: instructorProcedure.input(studioImportZipInput).mutation(({ ctx, input }) => importCourseZip({ actor: ctx.viewer, zipBase64: input.zipBase64 })),
  exportZip: instructorProcedure.input(courseInput).mutation(({ ctx, input }) => exportCourseZip({ actor: ctx.viewer, slug: input.slug })),
  class: instructorProcedure.input(courseInput).query(({ ctx, input }) => getClass({ actor: ctx.viewer, slug: input.slug })),
});
