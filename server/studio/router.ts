import { z } from "zod";
import { slug } from "@/lib/content/schema";
import { instructorProcedure, router } from "../trpc";
import { MAX_MEDIA_BYTES } from "@/lib/media/sniff";
import { getClass } from "./class";
import { uploadMedia } from "./media";
import {
  addLesson,
  createCourse,
  deleteLesson,
  discardDraft,
  getCourse,
  getDraftChanges,
  getStudioSummary,
  listCourses,
  publishCourse,
  renameLesson,
  reorderLessons,
  saveLesson,
  unpublishCourse,
  updateCourse,
} from "./service";
import { addStaff, listStaff, removeStaff } from "./staff";
import { exportCourseZip, importCourseZip, MAX_ZIP_BYTES } from "./zip";

// Every procedure is for instructors and admins; which courses each may touch is decided in the
// service's queries (the course's staff and admins only). Content arrives loosely typed on purpose: the service
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
export const studioAddStaffInput = courseInput.extend({ email: z.email().max(320), role: z.enum(["OWNER", "CO_INSTRUCTOR"]) });
export const studioRemoveStaffInput = courseInput.extend({ userId: z.string().min(1).max(100) });
// Base64 of the largest upload; the service checks each kind's own limit and sniffs the bytes.
export const studioUploadMediaInput = courseInput.extend({
  kind: z.enum(["image", "audio"]),
  dataBase64: z.string().min(1).max(Math.ceil((MAX_MEDIA_BYTES.audio * 4) / 3) + 1_024),
});
export const studioImportZipInput = z.object({ zipBase64: z.string().min(1).max(Math.ceil((MAX_ZIP_BYTES * 4) / 3) + 1_024) });

export const studioRouter = router({
  summary: instructorProcedure.query(() => getStudioSummary()),
  list: instructorProcedure.query(({ ctx }) => listCourses({ actor: ctx.viewer })),
  create: instructorProcedure.input(studioCreateInput).mutation(({ ctx, input }) => createCourse({ actor: ctx.viewer, input })),
  get: instructorProcedure.input(courseInput).query(({ ctx, input }) => getCourse({ actor: ctx.viewer, slug: input.slug })),
  update: instructorProcedure.input(studioUpdateInput).mutation(({ ctx, input }) => updateCourse({ actor: ctx.viewer, ...input })),
  publish: instructorProcedure.input(courseInput).mutation(({ ctx, input }) => publishCourse({ actor: ctx.viewer, slug: input.slug })),
  changes: instructorProcedure.input(courseInput).query(({ ctx, input }) => getDraftChanges({ actor: ctx.viewer, slug: input.slug })),
  discardDraft: instructorProcedure.input(courseInput).mutation(({ ctx, input }) => discardDraft({ actor: ctx.viewer, slug: input.slug })),
  staff: instructorProcedure.input(courseInput).query(({ ctx, input }) => listStaff({ actor: ctx.viewer, slug: input.slug })),
  addStaff: instructorProcedure.input(studioAddStaffInput).mutation(({ ctx, input }) => addStaff({ actor: ctx.viewer, ...input })),
  removeStaff: instructorProcedure.input(studioRemoveStaffInput).mutation(({ ctx, input }) => removeStaff({ actor: ctx.viewer, ...input })),
  uploadMedia: instructorProcedure.input(studioUploadMediaInput).mutation(({ ctx, input }) => uploadMedia({ actor: ctx.viewer, ...input })),
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
