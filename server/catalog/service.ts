import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { DomainError } from "../errors";
import { toLearnerSection, type LearnerSection } from "./learner-view";

export type CatalogFilters = { category?: string; level?: string; query?: string };

const liveLessons = { archivedAt: null } satisfies Prisma.LessonWhereInput;
const liveSections = { archivedAt: null } satisfies Prisma.LessonSectionWhereInput;

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

/** A course page: published courses for everyone, drafts only for their owners and admins. */
export async function getCourse(options: { slug: string; viewer: AuthUser | null }) {
  const course = await db.course.findUnique({
    where: { slug: options.slug },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      description: true,
      level: true,
      estimatedMinutes: true,
      tags: true,
      authors: true,
      status: true,
      archivedAt: true,
      category: { select: { slug: true, title: true } },
      owners: { select: { user: { select: { name: true } } } },
      lessons: {
        where: liveLessons,
        orderBy: { position: "asc" },
        select: {
          id: true,
          slug: true,
          title: true,
          summary: true,
          estimatedMinutes: true,
          sections: { where: liveSections, orderBy: { position: "asc" }, select: { id: true, type: true } },
        },
      },
    },
  });
  if (!course || course.archivedAt) throw new DomainError("NOT_FOUND", "That course does not exist.");
  const preview = course.status !== "PUBLISHED";
  if (preview && !(await canPreview(course.id, options.viewer))) throw new DomainError("NOT_FOUND", "That course does not exist.");
  const enrollment = options.viewer
    ? await db.enrollment.findUnique({
        where: { userId_courseId: { userId: options.viewer.id, courseId: course.id } },
        select: { enrolledAt: true, leftAt: true },
      })
    : null;
  const { owners, archivedAt: _archived, ...rest } = course;
  return {
    ...rest,
    preview,
    instructors: owners.map((owner) => owner.user.name),
    enrolled: Boolean(enrollment && !enrollment.leftAt),
  };
}

/**
 * A lesson as a learner may see it. Quiz sections carry no questions here (answer keys must not
 * reach the browser before an answer); the quiz itself serves them one at a time.
 */
export async function getLesson(options: { courseSlug: string; lessonSlug: string; viewer: AuthUser | null }) {
  const course = await getCourse({ slug: options.courseSlug, viewer: options.viewer });
  const index = course.lessons.findIndex((lesson) => lesson.slug === options.lessonSlug);
  const summary = course.lessons[index];
  if (!summary) throw new DomainError("NOT_FOUND", "That lesson does not exist.");
  const lesson = await db.lesson.findUniqueOrThrow({
    where: { id: summary.id },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      objectives: true,
      estimatedMinutes: true,
      sections: {
        where: liveSections,
        orderBy: { position: "asc" },
        select: {
          id: true,
          type: true,
          data: true,
          items: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, key: true, kind: true, data: true } },
        },
      },
    },
  });
  const sections: LearnerSection[] = lesson.sections.map(toLearnerSection);
  return {
    course: { slug: course.slug, title: course.title, preview: course.preview, enrolled: course.enrolled },
    lesson: { ...lesson, sections },
    previous: course.lessons[index - 1] ? { slug: course.lessons[index - 1]!.slug, title: course.lessons[index - 1]!.title } : null,
    next: course.lessons[index + 1] ? { slug: course.lessons[index + 1]!.slug, title: course.lessons[index + 1]!.title } : null,
  };
}

export * from "./glossary";
