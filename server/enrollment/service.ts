import "server-only";
import { findCourse } from "../catalog/service";
import { db } from "../db";
import { DomainError } from "../errors";
import { addCourseCards } from "../review/service";

async function publishedCourse(slug: string) {
  const course = await findCourse({ slug });
  if (!course || course.status !== "PUBLISHED" || course.archivedAt) throw new DomainError("NOT_FOUND", "That course does not exist.");
  return course;
}

/** Enrolls the learner; enrolling again is a no-op, and re-joining after leaving keeps the history. */
export async function enroll(options: { userId: string; courseSlug: string }) {
  const course = await publishedCourse(options.courseSlug);
  const courseId = course.id;
  const enrollment = await db.enrollment.upsert({
    where: { userId_courseId: { userId: options.userId, courseId } },
    create: { userId: options.userId, courseId },
    update: { leftAt: null },
    select: { enrolledAt: true, leftAt: true },
  });
  // The course's setting: every flashcard joins the learner's collection now, not lesson by lesson.
  if (course.addAllCardsOnEnroll) await addCourseCards({ userId: options.userId, courseId });
  return enrollment;
}

/** Leaves a course. Progress and cards stay, ready for a return. */
export async function leave(options: { userId: string; courseSlug: string }) {
  const course = await findCourse({ slug: options.courseSlug });
  if (!course) throw new DomainError("NOT_FOUND", "That course does not exist.");
  await db.enrollment.updateMany({
    where: { userId: options.userId, courseId: course.id, leftAt: null },
    data: { leftAt: new Date() },
  });
  return { left: true };
}

/** The learner's current courses, most recently joined first, with where to resume. */
export async function myCourses(options: { userId: string }) {
  const enrollments = await db.enrollment.findMany({
    where: { userId: options.userId, leftAt: null, course: { status: "PUBLISHED", archivedAt: null } },
    orderBy: { enrolledAt: "desc" },
    select: {
      enrolledAt: true,
      course: {
        select: {
          slug: true,
          title: true,
          summary: true,
          level: true,
          estimatedMinutes: true,
          category: { select: { title: true } },
          lessons: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { slug: true, title: true } },
        },
      },
    },
  });
  return enrollments.map(({ enrolledAt, course: { lessons, ...course } }) => ({
    ...course,
    enrolledAt,
    lessonCount: lessons.length,
    nextLesson: lessons[0] ?? null,
  }));
}
