import "server-only";
import { db } from "../db";
import { DomainError } from "../errors";
import { lastXpAt } from "../gamification/service";
import { mostForgottenCards } from "../review/stats";
import { lastProgressAt } from "../progress/service";
import { courseCompletion } from "./completion";
import { editableBy, type Actor } from "./service";

/**
 * The class view of a course: its enrolled learners with completion and last activity, and each
 * lesson's completion, and the flashcards its learners forget most. Most-missed questions are null
 * until quiz attempts are recorded (the quiz issue).
 */
export async function getClass(options: { actor: Actor; slug: string }) {
  const course = await db.course.findFirst({
    where: { slug: options.slug, ...editableBy(options.actor) },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      lessons: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, title: true } },
      enrollments: {
        where: { leftAt: null },
        orderBy: { enrolledAt: "asc" },
        select: { enrolledAt: true, user: { select: { id: true, name: true } } },
      },
    },
  });
  if (!course) throw new DomainError("NOT_FOUND", "That course does not exist in your studio.");

  const learnerIds = course.enrollments.map((enrollment) => enrollment.user.id);
  // Any XP a learner earned counts as activity, wherever on the site it was earned, and so does
  // moving forward in this course's lessons (reading earns no XP).
  const [latestXpByUser, latestProgressByUser] = await Promise.all([
    lastXpAt({ userIds: learnerIds }),
    lastProgressAt({ courseId: course.id, learnerIds }),
  ]);
  const completion = await courseCompletion({ courseId: course.id, lessonIds: course.lessons.map((lesson) => lesson.id), learnerIds });

  const learners = course.enrollments.map(({ enrolledAt, user }) => {
    const lastActivityAt = [latestXpByUser.get(user.id), latestProgressByUser.get(user.id)].reduce<Date>(
      (latest, at) => (at && at > latest ? at : latest),
      enrolledAt,
    );
    return {
      name: user.name,
      enrolledAt,
      lastActivityAt,
      completionPercent: completion.byLearner.get(user.id) ?? 0,
    };
  });
  return {
    course: { slug: course.slug, title: course.title, status: course.status },
    progressTracked: completion.tracked,
    learners,
    lessons: course.lessons.map((lesson) => ({ title: lesson.title, completionPercent: completion.byLesson.get(lesson.id) ?? 0 })),
    mostMissedQuestions: null,
    mostForgottenCards: await mostForgottenCards({ courseId: course.id }),
  };
}
