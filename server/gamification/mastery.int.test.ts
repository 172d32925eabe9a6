import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createCaller } from "../router";
import { createQuizCourse } from "../test/quiz-course";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";

/** A quiz course whose lesson also teaches one key concept, and that concept's content item. */
async function courseWithConcept() {
  const course = await createQuizCourse();
  const lesson = await db.lesson.findFirstOrThrow({ where: { slug: course.lessonSlug, course: { slug: course.courseSlug } }, select: { id: true } });
  const section = await db.lessonSection.create({ data: { lessonId: lesson.id, type: "key-concepts", position: 0, data: {} } });
  const item = await db.contentItem.create({ data: { sectionId: section.id, key: "epoch", kind: "key-concept", position: 0, data: { term: "Epoch", explanation: "One pass over the data." } } });
  return { course, item };
}

describe("mastery by concept", () => {
  it("rises from Familiar to Proficient to Mastered with recall and the lesson's quiz, per learner", async () => {
    const [learner, other] = await Promise.all([createTestUser(), createTestUser()]);
    const { course, item } = await courseWithConcept();
    const mastery = () => createCaller(createContextFor(learner)).gamification.mastery();
    const card = await db.card.create({ data: { userId: learner.id, contentItemId: item.id } });
    expect((await mastery()).concepts).toEqual([]);

    await db.card.update({ where: { id: card.id }, data: { reps: 1, stability: 2 } });
    expect((await mastery()).concepts).toMatchObject([{ term: "Epoch", level: "Familiar", bestQuizPercent: null }]);
    await db.card.update({ where: { id: card.id }, data: { reps: 4, stability: 25 } });
    // Three weeks of recall, but the lesson's quiz is not passed yet.
    expect((await mastery()).concepts[0]?.level).toBe("Proficient");

    const quiz = createCaller(createContextFor(learner)).quiz;
    const attempt = await quiz.start({ ...course, mode: "GRADED" });
    let sequence = 0;
    for (const question of attempt.questions) {
      const view = question.view!;
      const answer =
        view.type === "single-choice"
          ? { type: "single-choice" as const, choice: view.options.indexOf("Paris") }
          : view.type === "true-false"
            ? { type: "true-false" as const, value: true }
            : view.type === "short-text"
              ? { type: "short-text" as const, text: "distinct" }
              : { type: "numeric" as const, text: "42" };
      await quiz.saveAnswer({ attemptId: attempt.id, questionId: question.id, sequence: ++sequence, answer });
    }
    expect((await quiz.finish({ attemptId: attempt.id })).result?.percent).toBe(100);
    const result = await mastery();
    expect(result.concepts).toMatchObject([{ term: "Epoch", level: "Mastered", bestQuizPercent: 100 }]);
    expect(result.counts).toEqual({ Familiar: 0, Proficient: 0, Mastered: 1 });

    expect((await createCaller(createContextFor(other)).gamification.mastery()).concepts).toEqual([]);
  });
});
