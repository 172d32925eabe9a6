import { describe, expect, it } from "vitest";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import { createQuizCourse } from "./test-course";

// A whole class at once: many requests on one attempt, and many learners on one quiz, with the
// app's default pool (DB_POOL_MAX, 10 connections). Every call must succeed, and what each one
// acknowledged must be in the database afterwards.

const quiz = (user: AuthUser) => createCaller(createContextFor(user)).quiz;

type Attempt = Awaited<ReturnType<ReturnType<typeof quiz>["start"]>>;

function anyAnswer(item: Attempt["questions"][number]) {
  const view = item.view!;
  switch (view.type) {
    case "single-choice":
      return { type: "single-choice" as const, choice: view.options.indexOf("Paris") };
    case "true-false":
      return { type: "true-false" as const, value: true };
    case "short-text":
      return { type: "short-text" as const, text: "distinct" };
    case "numeric":
      return { type: "numeric" as const, text: "41" };
    default:
      throw new Error(`no test answer for ${view.type}`);
  }
}

describe("quiz attempts under concurrency", () => {
  it("answers 20 concurrent finishes of one attempt with the same finished attempt, scored once", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    const attempt = await quiz(learner).start({ ...course, mode: "GRADED" });
    let sequence = 0;
    for (const item of attempt.questions)
      await quiz(learner).saveAnswer({
        attemptId: attempt.id,
        questionId: item.id,
        sequence: ++sequence,
        answer: anyAnswer(item),
      });

    const results = await Promise.allSettled(Array.from({ length: 20 }, () => quiz(learner).finish({ attemptId: attempt.id })));
    const failures = results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
    expect(failures).toEqual([]);
    const finished = results.map((result) => (result as PromiseFulfilledResult<Attempt>).value);
    expect(new Set(finished.map((view) => view.state))).toEqual(new Set(["FINISHED"]));
    // Three of four right: 1 + 1 + 1 of 5 points.
    for (const view of finished) expect(view.result).toEqual(finished[0]!.result);
    expect(finished[0]!.result).toMatchObject({ earned: 3, possible: 5, percent: 60, correctCount: 3 });
    expect(await db.xpEvent.count({ where: { userId: learner.id, source: "quiz", sourceId: attempt.id } })).toBe(1);
  });

  it("takes 20 concurrent saves of one attempt without a failure and keeps the highest applied one", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    const attempt = await quiz(learner).start({ ...course, mode: "GRADED" });
    const item = attempt.questions.find((entry) => entry.view?.type === "short-text")!;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        quiz(learner).saveAnswer({
          attemptId: attempt.id,
          questionId: item.id,
          sequence: index + 1,
          answer: { type: "short-text", text: `answer ${index + 1}` },
        }),
      ),
    );
    const failures = results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
    expect(failures).toEqual([]);
    const stored = await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt.id }, select: { sequence: true } });
    const answer = await db.quizAnswer.findFirstOrThrow({
      where: { attemptId: attempt.id },
      select: { sequence: true, response: true },
    });
    // The highest sequence number that was applied is the one stored, and its text is the answer.
    const appliedSequences = results.flatMap((result, index) =>
      result.status === "fulfilled" && result.value.applied ? [index + 1] : [],
    );
    expect(stored.sequence).toBe(Math.max(...appliedSequences));
    expect(answer).toEqual({ sequence: stored.sequence, response: { type: "short-text", text: `answer ${stored.sequence}` } });
  });

  it("serves 30 learners starting, answering and finishing one quiz at the same moment", async () => {
    const course = await createQuizCourse();
    const learners = await Promise.all(Array.from({ length: 30 }, () => createTestUser()));
    const play = async (learner: AuthUser) => {
      const caller = quiz(learner);
      // A double click on Start and on Finish, and every answer sent at once.
      const [attempt, again] = await Promise.all([
        caller.start({ ...course, mode: "GRADED" }),
        caller.start({ ...course, mode: "GRADED" }),
      ]);
      expect(again.id).toBe(attempt.id);
      const saved = await Promise.all(
        attempt.questions.map((item, index) =>
          caller.saveAnswer({ attemptId: attempt.id, questionId: item.id, sequence: index + 1, answer: anyAnswer(item) }),
        ),
      );
      const [finished, duplicate] = await Promise.all([
        caller.finish({ attemptId: attempt.id }),
        caller.finish({ attemptId: attempt.id }),
      ]);
      expect(duplicate.result).toEqual(finished.result);
      return { attempt, saved, finished };
    };
    const results = await Promise.allSettled(learners.map(play));
    const failures = results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
    expect(failures).toEqual([]);

    for (const [index, result] of results.entries()) {
      const { attempt, saved, finished } = (result as PromiseFulfilledResult<Awaited<ReturnType<typeof play>>>).value;
      const learner = learners[index]!;
      // Saves sent at once arrive in any order: the ones applied are exactly the ones stored.
      const applied = saved.filter((entry) => entry.applied).length;
      expect(applied).toBeGreaterThanOrEqual(1);
      const stored = await db.quizAnswer.count({ where: { attemptId: attempt.id } });
      expect(stored).toBe(applied);
      expect(finished.state).toBe("FINISHED");
      expect(await db.quizAttempt.count({ where: { userId: learner.id } })).toBe(1);
      expect(await db.xpEvent.count({ where: { userId: learner.id, source: "quiz" } })).toBe(1);
    }
  }, 120_000);
});
