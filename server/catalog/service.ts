import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { DomainError } from "../errors";
import { courseOutline, courseStamp, lessonBody, liveLessons } from "./published";

export type CatalogFilters = { category?: string; level?: string; query?: string };


/** Whether the viewer may see a course that is not published: its owners and admins, in the studio's preview. */
async function canPreview(courseId: string, viewer: AuthUser | null): Promise<boolean> {
  if (!viewer) return false;
  if (viewer.role === "ADMIN") return true;
  if (viewer.role !== "INSTRUCTOR") return false;
  const owner = await db.courseOwner.findUnique({ where: { courseId_userId: { courseId, userId: viewer.id } }, select: { userId: true } });
  return Boolean(owner);
}

export async function listCategories() {
  return db.category.findMany({ orderBy: { position: "asc" }, select: { slug: true, title: true, description: true } });
}

/** Published courses matching the filters, with the viewer's enrollment when signed in. */
export async function listCourses(options: { filters: CatalogFilters; viewerId?: string }) {
  const { category, level, query } = options.filters;
  const words = query?.trim().toLowerCase();
  const where: Prisma.CourseWhereInput = {
    status: "PUBLISHED",
    archivedAt: null,
    ...(category ? { categorySlug: category } : {}),
    ...(level ? { level } : {}),
    ...(words
      ? {
          OR: [
            { title: { contains: words, mode: "insensitive" } },
            { summary: { contains: words, mode: "insensitive" } },
            { tags: { has: words.replace(/\s+/g, "-") } },
          ],
        }
      : {}),
  };
  const courses = await db.course.findMany({
    where,
    orderBy: [{ category: { position: "asc" } }, { title: "asc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      level: true,
      estimatedMinutes: true,
      tags: true,
      category: { select: { slug: true, title: true } },
      _count: { select: { lessons: { where: liveLessons } } },
      enrollments: options.viewerId ? { where: { userId: options.viewerId, leftAt: null }, select: { enrolledAt: true } } : false,
    },
  });
  return courses.map(({ _count, enrollments, ...course }) => ({
    ...course,
    lessonCount: _count.lessons,
    enrolled: Boolean(enrollments?.length),
  }));
}

/**
 * The course row behind a slug as the viewer may see it (published for everyone; a draft only for
 * its owners and admins, as a preview), with the viewer's enrollment read alongside.
 */
async function visibleCourse(options: { slug: string; viewer: AuthUser | null }) {
  const [stamp, enrollment] = await Promise.all([
    courseStamp({ slug: options.slug }),
    options.viewer
      ? db.enrollment.findFirst({ where: { userId: options.viewer.id, course: { slug: options.slug } }, select: { leftAt: true } })
      : null,
  ]);
  if (!stamp || stamp.archivedAt) throw new DomainError("NOT_FOUND", "That course does not exist.");
  const preview = stamp.status !== "PUBLISHED";
  if (preview && !(await canPreview(stamp.id, options.viewer))) throw new DomainError("NOT_FOUND", "That course does not exist.");
  return { stamp, preview, enrolled: Boolean(enrollment && !enrollment.leftAt) };
}

/** A course page: published courses for everyone, drafts only for their owners and admins. */
export async function getCourse(options: { slug: string; viewer: AuthUser | null }) {
  const { stamp, preview, enrolled } = await visibleCourse(options);
  const outline = await courseOutline(stamp);
  return { ...outline, preview, enrolled };
}

/**
 * A lesson as a learner may see it. Quiz sections carry no questions here (answer keys must not
 * reach the browser before an answer); the quiz itself serves them one at a time.
 */
export async function getLesson(options: { courseSlug: string; lessonSlug: string; viewer: AuthUser | null }) {
  const { stamp, preview, enrolled } = await visibleCourse({ slug: options.courseSlug, viewer: options.viewer });
  const course = await courseOutline(stamp);
  const index = course.lessons.findIndex((lesson) => lesson.slug === options.lessonSlug);
  const summary = course.lessons[index];
  if (!summary) throw new DomainError("NOT_FOUND", "That lesson does not exist.");
  const lesson = await lessonBody(stamp, summary.id);
  const previous = course.lessons[index - 1];
  const next = course.lessons[index + 1];
  return {
    course: { id: course.id, slug: course.slug, title: course.title, preview, enrolled },
    lesson,
    previous: previous ? { slug: previous.slug, title: previous.title } : null,
    next: next ? { slug: next.slug, title: next.title } : null,
  };
}

export * from "./glossary";
export * from "./reads";
export { clearPublishedCache } from "./published";
