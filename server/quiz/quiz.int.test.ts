import { describe, expect, it } from "vitest";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import { createQuizCourse } from "../test/quiz-course";
import { codeOf } from "../test/error-code";

type Caller = ReturnType<typeof createCaller>;
type Attempt = Awaited<ReturnType<Caller["quiz"]["attempt"]>>;
type Item = Attempt["questions"][number];

const quiz = (user: AuthUser) => createCaller(createContextFor(user)).quiz;

/** The answer (in shown order) that is right for each test question, read from what the learner sees. */
function rightAnswer(item: Item) {
  const view = item.view!;
  switch (view.type) {
    case "single-choice":
      return { type: "single-choice" as const, choice: view.options.indexOf("Paris") };
    case "true-false":
      return { type: "true-false" as const, value: true };
    case "short-text":
      return { type: "short-text" as const, text: " distinct " };
    case "numeric":
      return { type: "numeric" as const, text: "42" };
    default:
      throw new Error(`no test answer for ${view.type}`);
  }
}

const SECRETS = ["EXPLAIN-", "DISTINCT", "correct", "accepted", "tolerance", "\"answer\":42"];
function expectNoKeys(payload: unknown, except: string[] = []) {
  const json = JSON.stringify(payload);
  for (const secret of SECRETS) if (!except.includes(secret)) expect(json, `payload leaks ${secret}`).not.toContain(secret);
}

describe("graded quizzes", () => {
  it("keeps every key and explanation on the server until the attempt is finished, then scores it once", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    const overview = await quiz(learner).overview(course);
    expectNoKeys(overview);
    const started = await quiz(learner).start({ ...course, mode: "GRADED" });
    expectNoKeys(started);
    expect(started.questions).toHaveLength(4);

    let sequence = 0;
    for (const item of started.questions.slice(0, 3)) {
      const saved = await quiz(learner).saveAnswer({ attemptId: started.id, questionId: item.id, sequence: ++sequence, answer: rightAnswer(item) });
      expect(saved.applied).toBe(true);
      expectNoKeys(saved);
    }
    // A reload resumes the same attempt with every saved answer.
    const resumed = await quiz(learner).start({ ...course, mode: "GRADED" });
    expect(resumed.id).toBe(started.id);
    expect(resumed.sequence).toBe(3);
    expect(resumed.questions.filter((item) => item.answer !== null)).toHaveLength(3);
    expect(resumed.questions[2]!.answer).toEqual({ type: "short-text", text: " distinct " });
    expectNoKeys(resumed);
    expectNoKeys(await quiz(learner).attempt({ attemptId: started.id }));

    const finished = await quiz(learner).finish({ attemptId: started.id });
    expect(finished.state).toBe("FINISHED");
    // 1 + 1 + 1 of 5 points (the numeric question is worth 2 and was not answered).
    expect(finished.result).toMatchObject({ earned: 3, possible: 5, percent: 60, passed: false, correctCount: 3 });
    expect(finished.questions.every((item) => item.revealed?.explanation.startsWith("EXPLAIN-"))).toBe(true);
    const again = await quiz(learner).finish({ attemptId: started.id });
    expect(again.result).toEqual(finished.result);
    const xp = await db.xpEvent.findMany({ where: { userId: learner.id, source: "quiz" }, select: { sourceId: true, amount: true } });
    expect(xp).toEqual([{ sourceId: started.id, amount: Math.round(30 * 0.6) }]);
  });

  it("applies a sequence number once: duplicates and stale retries get the current state", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    const attempt = await quiz(learner).start({ ...course, mode: "GRADED" });
    const item = attempt.questions.find((q) => q.view?.type === "short-text")!;
    const results = await Promise.all(
      [1, 1, 1, 1].map(() => quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: item.id, sequence: 1, answer: { type: "short-text", text: "first" } })),
    );
    expect(results.filter((result) => result.applied)).toHaveLength(1);
    await quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: item.id, sequence: 3, answer: { type: "short-text", text: "third" } });
    const stale = await quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: item.id, sequence: 2, answer: { type: "short-text", text: "second" } });
    expect(stale.applied).toBe(false);
    expect(stale.attempt.sequence).toBe(3);
    expect(stale.attempt.questions.find((q) => q.id === item.id)!.answer).toEqual({ type: "short-text", text: "third" });
    expect(await db.quizAnswer.count({ where: { attemptId: attempt.id } })).toBe(1);
  });

  it("rejects answers that do not fit the question with a sentence", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    const attempt = await quiz(learner).start({ ...course, mode: "GRADED" });
    const choice = attempt.questions.find((q) => q.view?.type === "single-choice")!;
    await expect(quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: choice.id, sequence: 1, answer: { type: "single-choice", choice: 9 } })).rejects.toThrow(/option that does not exist/);
    await expect(quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: choice.id, sequence: 2, answer: { type: "true-false", value: true } })).rejects.toThrow(/single-choice question/);
    await expect(quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: "not-a-question", sequence: 3, answer: { type: "true-false", value: true } })).rejects.toThrow(/not part of this attempt/);
  });
});

describe("lesson progress", () => {
  it("a passed graded quiz completes the lesson's quiz section once; a failed one does not", async () => {
    const [passer, failer] = await Promise.all([createTestUser(), createTestUser()]);
    const course = await createQuizCourse();
    const play = async (learner: AuthUser, answered: number) => {
      const attempt = await quiz(learner).start({ ...course, mode: "GRADED" });
      let sequence = 0;
      for (const item of attempt.questions.slice(0, answered)) {
        await quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: item.id, sequence: ++sequence, answer: rightAnswer(item) });
      }
      return quiz(learner).finish({ attemptId: attempt.id });
    };
    expect((await play(passer, 4)).result).toMatchObject({ percent: 100, passed: true });
    expect((await play(failer, 2)).result).toMatchObject({ passed: false });
    const sections = await db.sectionProgress.findMany({ where: { userId: { in: [passer.id, failer.id] } }, select: { userId: true, percent: true, completedAt: true } });
    expect(sections).toHaveLength(1);
    expect(sections[0]).toMatchObject({ userId: passer.id, percent: 100 });
    expect(sections[0]!.completedAt).toBeInstanceOf(Date);
    const activity = await db.xpEvent.findMany({ where: { userId: passer.id }, select: { source: true, meta: true } });
    expect(activity.map((row) => row.source).sort()).toEqual(expect.arrayContaining(["lesson-section", "quiz"]));
    expect(activity.find((row) => row.source === "quiz")?.meta).toMatchObject({ perfect: true, mode: "graded" });
  });
});

describe("missed questions to flashcards", () => {
  it("adds one card per missed question, once, and only from the learner's own finished attempt", async () => {
    const [learner, other] = await Promise.all([createTestUser(), createTestUser()]);
    const course = await createQuizCourse();
    const attempt = await quiz(learner).start({ ...course, mode: "GRADED" });
    expect(await codeOf(quiz(learner).mistakesToCards({ attemptId: attempt.id }))).toBe("BAD_REQUEST");
    await quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: attempt.questions[0]!.id, sequence: 1, answer: rightAnswer(attempt.questions[0]!) });
    await quiz(learner).finish({ attemptId: attempt.id });
    expect(await codeOf(quiz(other).mistakesToCards({ attemptId: attempt.id }))).toBe("NOT_FOUND");
    expect(await quiz(learner).mistakesToCards({ attemptId: attempt.id })).toEqual({ added: 3, missed: 3 });
    expect(await quiz(learner).mistakesToCards({ attemptId: attempt.id })).toEqual({ added: 0, missed: 3 });
    const cards = await db.card.findMany({ where: { userId: learner.id }, select: { front: true, back: true, sourceLabel: true } });
    expect(cards).toHaveLength(3);
    expect(cards.every((card) => card.back?.includes("EXPLAIN-") && card.sourceLabel?.startsWith("Quiz: "))).toBe(true);
  });
});

describe("security", () => {
  it("keeps a learner out of another learner's attempts", async () => {
    const alice = await createTestUser();
    const mallory = await createTestUser();
    const course = await createQuizCourse();
    const attempt = await quiz(alice).start({ ...course, mode: "GRADED" });
    const item = attempt.questions[0]!;
    expect(await codeOf(quiz(mallory).attempt({ attemptId: attempt.id }))).toBe("NOT_FOUND");
    expect(await codeOf(quiz(mallory).saveAnswer({ attemptId: attempt.id, questionId: item.id, sequence: 1, answer: rightAnswer(item) }))).toBe("NOT_FOUND");
    expect(await codeOf(quiz(mallory).finish({ attemptId: attempt.id }))).toBe("NOT_FOUND");
    expect(await codeOf(quiz(mallory).challenge.create({ attemptId: attempt.id }))).toBe("NOT_FOUND");
    expect(await codeOf(createCaller(createContextFor(null)).quiz.attempt({ attemptId: attempt.id }))).toBe("UNAUTHORIZED");
    expect(await db.quizAnswer.count({ where: { attemptId: attempt.id } })).toBe(0);
  });

  it("never changes a finished attempt", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    const attempt = await quiz(learner).start({ ...course, mode: "GRADED" });
    const item = attempt.questions[0]!;
    await quiz(learner).finish({ attemptId: attempt.id });
    expect(await codeOf(quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: item.id, sequence: 1, answer: rightAnswer(item) }))).toBe("CONFLICT");
    expect((await quiz(learner).attempt({ attemptId: attempt.id })).result?.earned).toBe(0);
  });

  it("keeps unpublished courses' quizzes from learners", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    await db.course.update({ where: { slug: course.courseSlug }, data: { status: "DRAFT" } });
    expect(await codeOf(quiz(learner).start({ ...course, mode: "PRACTICE" }))).toBe("NOT_FOUND");
  });
});

describe("practice", () => {
  it("reveals each question's key and explanation only once it is answered, and keeps that answer", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    const attempt = await quiz(learner).start({ ...course, mode: "PRACTICE" });
    const [first, second] = attempt.questions;
    const saved = await quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: first!.id, sequence: 1, answer: rightAnswer(first!) });
    const answered = saved.attempt.questions.find((q) => q.id === first!.id)!;
    expect(answered.revealed?.explanation).toBe("EXPLAIN-capital");
    expect(answered.revealed?.grade.correct).toBe(true);
    expectNoKeys(saved.attempt.questions.filter((q) => q.id !== first!.id));
    const retry = await quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: first!.id, sequence: 2, answer: { type: "single-choice", choice: 0 } });
    expect(retry.applied).toBe(false);
    expect(second!.revealed).toBeNull();
  });
});

describe("numbers and XP", () => {
  it("refuses a numeric answer that is not a number, and reads a decimal comma", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    const attempt = await quiz(learner).start({ ...course, mode: "GRADED" });
    const numeric = attempt.questions.find((q) => q.view?.type === "numeric")!;
    const save = (sequence: number, text: string) => quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: numeric.id, sequence, answer: { type: "numeric", text } });
    expect(await codeOf(save(1, "forty-two"))).toBe("BAD_REQUEST");
    expect(await codeOf(save(2, "4x2"))).toBe("BAD_REQUEST");
    const saved = await save(3, "42,0");
    expect(saved.applied).toBe(true);
    const finished = await quiz(learner).finish({ attemptId: attempt.id });
    expect(finished.questions.find((q) => q.id === numeric.id)!.revealed?.grade.correct).toBe(true);
  });

  it("gives no XP for a quiz with nothing fully right, even with partial credit", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse({
      questions: [
        { type: "ordering", key: "steps", prompt: "Order the steps.", explanation: "EXPLAIN-steps", items: ["one", "two", "three", "four"] },
        { type: "true-false", key: "sky", prompt: "The sky is blue on a clear day.", explanation: "EXPLAIN-sky", answer: true },
      ],
    });
    const attempt = await quiz(learner).start({ ...course, mode: "PRACTICE" });
    const ordering = attempt.questions.find((q) => q.view?.type === "ordering")!;
    const truth = attempt.questions.find((q) => q.view?.type === "true-false")!;
    const shown = ordering.view!.type === "ordering" ? ordering.view!.items : [];
    // "two one three four" keeps one pair of three (three → four): partial credit, not right.
    const order = ["two", "one", "three", "four"].map((item) => shown.indexOf(item));
    await quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: ordering.id, sequence: 1, answer: { type: "ordering", order } });
    await quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: truth.id, sequence: 2, answer: { type: "true-false", value: false } });
    const finished = await quiz(learner).finish({ attemptId: attempt.id });
    expect(finished.result).toMatchObject({ correctCount: 0, xp: 0 });
    expect(finished.result!.percent).toBeGreaterThan(0);
    const xp = await db.xpEvent.findMany({ where: { userId: learner.id, source: "quiz" }, select: { amount: true } });
    expect(xp).toEqual([{ amount: 0 }]);

    // One right answer earns XP again, scaled with the score.
    const second = await quiz(learner).start({ ...course, mode: "PRACTICE" });
    const right = second.questions.find((q) => q.view?.type === "true-false")!;
    await quiz(learner).saveAnswer({ attemptId: second.id, questionId: right.id, sequence: 1, answer: { type: "true-false", value: true } });
    const done = await quiz(learner).finish({ attemptId: second.id });
    expect(done.result).toMatchObject({ correctCount: 1, percent: 50, xp: 15 });
  });
});

describe("timed challenges", () => {
  async function backdate(attemptId: string, ms: number) {
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { openedAt: true } });
    await db.quizAttempt.update({ where: { id: attemptId }, data: { openedAt: new Date(attempt.openedAt!.getTime() - ms) } });
  }

  it("scores by speed on the server's clock and refuses answers after the deadline and its grace", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    const attempt = await quiz(learner).start({ ...course, mode: "TIMED" });
    expect(attempt.questions.filter((q) => q.view !== null)).toHaveLength(1);
    expectNoKeys(attempt);
    const first = attempt.questions[0]!;
    await backdate(attempt.id, 10_000);
    const fast = await quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: first.id, sequence: 1, answer: rightAnswer(first) });
    // Answered about halfway through a 20 s countdown: about 1000 × (1 − 0.5 / 2) = 750 points.
    const points = fast.attempt.questions[0]!.points!;
    expect(points).toBeGreaterThanOrEqual(740);
    expect(points).toBeLessThanOrEqual(750);
    expect(fast.attempt.questions[0]!.revealed?.explanation).toMatch(/^EXPLAIN-/);
    expect(fast.attempt.questions[1]!.view).toBeNull();

    const opened = await quiz(learner).next({ attemptId: attempt.id, sequence: 2 });
    const second = opened.attempt.questions[1]!;
    expectNoKeys(opened.attempt.questions.slice(1));
    // The next one cannot be skipped while its countdown runs.
    expect(await codeOf(quiz(learner).next({ attemptId: attempt.id, sequence: 3 }))).toBe("CONFLICT");
    await backdate(attempt.id, 20_000 + 2_000 + 500);
    expect(await codeOf(quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: second.id, sequence: 4, answer: rightAnswer(second) }))).toBe("CONFLICT");
    const after = await quiz(learner).next({ attemptId: attempt.id, sequence: 5 });
    expect(after.attempt.questions[1]!.revealed).not.toBeNull();
    expect(after.attempt.questions[1]!.points).toBe(0);

    // Within the grace period an answer still counts, at t = T (half points).
    const third = after.attempt.questions[2]!;
    await backdate(attempt.id, 21_000);
    const late = await quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: third.id, sequence: 6, answer: rightAnswer(third) });
    expect(late.attempt.questions[2]!.points).toBe(500);
    // An answered question cannot be answered again (a closed question is not open either).
    expect(await codeOf(quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: first.id, sequence: 7, answer: rightAnswer(first) }))).toBe("OK");
    expect((await quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: first.id, sequence: 8, answer: rightAnswer(first) })).applied).toBe(false);
    expect((await quiz(learner).attempt({ attemptId: attempt.id })).timing!.points).toBe(points + 500 + 0);
  });

  it("becomes OVERDUE past its deadline and ABANDONED after the overdue window", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    const attempt = await quiz(learner).start({ ...course, mode: "TIMED" });
    await db.quizAttempt.update({ where: { id: attempt.id }, data: { deadlineAt: new Date(Date.now() - 10_000) } });
    expect((await quiz(learner).attempt({ attemptId: attempt.id })).state).toBe("OVERDUE");
    expect(await codeOf(quiz(learner).saveAnswer({ attemptId: attempt.id, questionId: attempt.questions[0]!.id, sequence: 1, answer: rightAnswer(attempt.questions[0]!) }))).toBe("CONFLICT");
    await db.quizAttempt.update({ where: { id: attempt.id }, data: { deadlineAt: new Date(Date.now() - 2 * 60 * 60_000) } });
    expect((await quiz(learner).attempt({ attemptId: attempt.id })).state).toBe("ABANDONED");
    expect(await codeOf(quiz(learner).finish({ attemptId: attempt.id }))).toBe("CONFLICT");
    expect(await db.xpEvent.count({ where: { userId: learner.id } })).toBe(0);
  });
});

describe("friend challenges", () => {
  async function playAll(caller: ReturnType<typeof quiz>, attempt: Attempt) {
    let current = attempt;
    let sequence = current.sequence;
    for (let i = 0; i < current.questions.length; i++) {
      const item = current.questions[i]!;
      current = (await caller.saveAnswer({ attemptId: current.id, questionId: item.id, sequence: ++sequence, answer: rightAnswer(item) })).attempt;
      if (i + 1 < current.questions.length) current = (await caller.next({ attemptId: current.id, sequence: ++sequence })).attempt;
    }
    return caller.finish({ attemptId: current.id });
  }

  it("lets a friend play the same questions in the same order once, and ranks both", async () => {
    const creator = await createTestUser({ name: "Creator" });
    const friend = await createTestUser({ name: "Friend" });
    const course = await createQuizCourse();
    const mine = await playAll(quiz(creator), await quiz(creator).start({ ...course, mode: "TIMED" }));
    expect(mine.result!.points).toBeGreaterThan(4000);
    const { challengeId } = await quiz(creator).challenge.create({ attemptId: mine.id });
    expect((await quiz(creator).challenge.create({ attemptId: mine.id })).challengeId).toBe(challengeId);

    const before = await quiz(friend).challenge.get({ challengeId });
    expect(before.mine).toBeNull();
    expect(before.comparison).toBeNull();
    const friendAttempt = await quiz(friend).challenge.start({ challengeId });
    expect(friendAttempt.questions[0]!.view).toEqual(mine.questions[0]!.view);
    expect((await quiz(friend).challenge.start({ challengeId })).id).toBe(friendAttempt.id);
    const played = await playAll(quiz(friend), friendAttempt);
    expect(played.questions.map((q) => q.view)).toEqual(mine.questions.map((q) => q.view));

    const after = await quiz(friend).challenge.get({ challengeId });
    expect(after.leaderboard.map((row) => row.name).sort()).toEqual(["Creator", "Friend"]);
    expect(after.comparison).toHaveLength(4);
    expect(after.comparison!.every((row) => row.mine?.fraction === 1 && row.theirs?.fraction === 1)).toBe(true);
    expect(await db.xpEvent.count({ where: { userId: friend.id, source: "challenge" } })).toBe(1);
  });

  it("refuses to make a challenge from an unfinished or untimed attempt", async () => {
    const learner = await createTestUser();
    const course = await createQuizCourse();
    const graded = await quiz(learner).start({ ...course, mode: "GRADED" });
    await quiz(learner).finish({ attemptId: graded.id });
    expect(await codeOf(quiz(learner).challenge.create({ attemptId: graded.id }))).toBe("BAD_REQUEST");
    expect(await codeOf(quiz(learner).challenge.get({ challengeId: "nope-nope-nope" }))).toBe("NOT_FOUND");
  });
});
