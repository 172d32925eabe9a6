import "server-only";
import { randomBytes } from "node:crypto";
import type { Question } from "@/lib/content/schema";
import { answerInput, type AnswerInput } from "@/lib/quiz/answer";
import { answerText, questionText } from "@/lib/quiz/answer-text";
import { gradeAnswer, pointsFor, type Grade } from "@/lib/quiz/grade";
import { GRACE_MS, maxTimedPoints, timedAnswerPoints } from "@/lib/quiz/points";
import { AnswerShapeError, questionLayout, questionView, revealQuestion, toAuthoredAnswer, toShownAnswer } from "@/lib/quiz/present";
import type { SaveAnswerInput } from "@/lib/quiz/schemas";
import { quizScore } from "@/lib/quiz/score";
import type { AuthUser } from "../auth/service";
import { quizSectionsOf } from "../catalog/service";
import { db } from "../db";
import type { DbClient } from "../db-client";
import { DomainError } from "../errors";
import { recordActivity } from "../gamification/service";
import { completeSection } from "../progress/service";
import { addCustomCards } from "../review/service";
import type { Prisma, QuizAttemptState, QuizMode } from "../generated/prisma/client";
import { findLessonQuiz, loadQuestions, quizHeader, type QuizHeader } from "./content";

// Quiz attempts: a state machine IN_PROGRESS → FINISHED, with IN_PROGRESS → OVERDUE → FINISHED or
// ABANDONED for timed attempts, every transition in a transaction that holds the attempt's row
// lock. Answers are saved one by one as the learner gives them, each save carrying the client's
// sequence number: a save at or below the attempt's last applied number is a duplicate or a stale
// retry and is answered with the current state, never applied again. Keys and explanations leave
// the server only for answers that are final (see `attemptView`).

/** Countdown per question in timed attempts and friend challenges. */
export const TIMED_LIMIT_MS = 20_000;
// A timed attempt must end within its questions' countdowns plus this much per question for
// reading feedback; after that it is OVERDUE (finishable with what it has) for OVERDUE_WINDOW_MS,
// then ABANDONED.
const READ_ALLOWANCE_MS = 60_000;
export const OVERDUE_WINDOW_MS = 60 * 60_000;

const attemptSelect = {
  id: true,
  userId: true,
  sectionId: true,
  challengeId: true,
  mode: true,
  state: true,
  seed: true,
  questionIds: true,
  sequence: true,
  timeLimitMs: true,
  current: true,
  openedAt: true,
  deadlineAt: true,
  earned: true,
  possible: true,
  percent: true,
  passed: true,
  points: true,
  streak: true,
  correctCount: true,
  xp: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.QuizAttemptSelect;
type AttemptRow = Prisma.QuizAttemptGetPayload<{ select: typeof attemptSelect }>;

// Quiz transactions hold an attempt's lock only for their own few statements; a request may wait
// this long for a pooled connection when a whole class submits at once.
const QUIZ_TRANSACTION = { maxWait: 10_000, timeout: 10_000 } as const;

const TRANSITIONS: Record<QuizAttemptState, QuizAttemptState[]> = {
  IN_PROGRESS: ["FINISHED", "OVERDUE"],
  OVERDUE: ["FINISHED", "ABANDONED"],
  FINISHED: [],
  ABANDONED: [],
};

export function newSeed(): string {
  return randomBytes(12).toString("base64url");
}

/** Locks the caller's attempt row until the transaction ends; NOT_FOUND for anyone else's. */
async function lockAttempt(attemptId: string, userId: string, tx: DbClient): Promise<AttemptRow> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "QuizAttempt" WHERE id = ${attemptId} AND "userId" = ${userId} FOR UPDATE`;
  if (rows.length === 0) throw new DomainError("NOT_FOUND", "That quiz attempt does not exist.");
  return tx.quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: attemptSelect });
}

async function transition(options: { attempt: AttemptRow; to: QuizAttemptState; data?: Prisma.QuizAttemptUpdateInput }, tx: DbClient): Promise<AttemptRow> {
  const { attempt, to, data = {} } = options;
  if (!TRANSITIONS[attempt.state].includes(to)) throw new Error(`Illegal quiz attempt transition ${attempt.state} → ${to}`);
  return tx.quizAttempt.update({ where: { id: attempt.id, state: attempt.state }, data: { ...data, state: to }, select: attemptSelect });
}

/** Whether the clock has moved a timed attempt on: past its deadline it is OVERDUE, past the window ABANDONED. */
function clockMoved(attempt: AttemptRow, now: Date): boolean {
  if (attempt.mode !== "TIMED" || !attempt.deadlineAt) return false;
  const late = now.getTime() - attempt.deadlineAt.getTime();
  return (attempt.state === "IN_PROGRESS" && late > GRACE_MS) || (attempt.state === "OVERDUE" && late > OVERDUE_WINDOW_MS);
}

/** Applies the clock to a timed attempt (see `clockMoved`). */
async function settle(attempt: AttemptRow, now: Date, tx: DbClient): Promise<AttemptRow> {
  if (!clockMoved(attempt, now)) return attempt;
  const late = now.getTime() - attempt.deadlineAt!.getTime();
  let settled = attempt;
  if (settled.state === "IN_PROGRESS" && late > GRACE_MS) settled = await transition({ attempt: settled, to: "OVERDUE" }, tx);
  if (settled.state === "OVERDUE" && late > OVERDUE_WINDOW_MS) settled = await transition({ attempt: settled, to: "ABANDONED", data: { finishedAt: now } }, tx);
  return settled;
}

/**
 * The caller's attempt and its answers as one snapshot, without a lock: what duplicates, stale
 * retries and reads are answered with. NOT_FOUND for anyone else's attempt.
 */
async function readAttempt(options: { userId: string; attemptId: string }): Promise<{ attempt: AttemptRow; answers: AnswerRow[] }> {
  const [attempt, answers] = await db.$transaction(
    [db.quizAttempt.findFirst({ where: { id: options.attemptId, userId: options.userId }, select: attemptSelect }), db.quizAnswer.findMany({ where: { attemptId: options.attemptId }, select: answerSelect })],
    { ...QUIZ_TRANSACTION, isolationLevel: "RepeatableRead" },
  );
  if (!attempt) throw new DomainError("NOT_FOUND", "That quiz attempt does not exist.");
  return { attempt, answers };
}

function questionExpired(attempt: AttemptRow, now: Date): boolean {
  if (attempt.mode !== "TIMED" || !attempt.openedAt || !attempt.timeLimitMs) return false;
  return now.getTime() > attempt.openedAt.getTime() + attempt.timeLimitMs + GRACE_MS;
}

const gradeOf = (fraction: number): Grade => ({ fraction, correct: fraction === 1 });

type AnswerRow = { questionId: string; response: Prisma.JsonValue; fraction: number; earned: number; points: number; final: boolean };
const answerSelect = { questionId: true, response: true, fraction: true, earned: true, points: true, final: true } satisfies Prisma.QuizAnswerSelect;

/**
 * The questions and names an attempt was made of. Its question ids never change after it starts,
 * so this is read before any lock is taken: a transaction holding an attempt's lock must never
 * wait for a second pooled connection (with every connection held by requests queued on that
 * lock, it would wait until the transaction expires).
 */
type AttemptContent = { sectionId: string; questions: Map<string, Question>; header: QuizHeader };

async function attemptContent(attempt: { questionIds: string[]; sectionId: string }, client: DbClient = db): Promise<AttemptContent> {
  const [questions, header] = await Promise.all([loadQuestions(attempt.questionIds, client), quizHeader(attempt.sectionId, client)]);
  return { sectionId: attempt.sectionId, questions, header };
}

/** The preloaded content when it is this attempt's, else read through the transaction's own connection. */
function contentFor(attempt: AttemptRow, known: AttemptContent, tx: DbClient): Promise<AttemptContent> | AttemptContent {
  if (known.sectionId === attempt.sectionId && attempt.questionIds.every((id) => known.questions.has(id))) return known;
  return attemptContent(attempt, tx);
}

function answersOf(attemptId: string, client: DbClient): Promise<AnswerRow[]> {
  return client.quizAnswer.findMany({ where: { attemptId }, select: answerSelect });
}

/**
 * The attempt as its learner sees it. A question's key, explanation and grade are included only
 * once its answer is final: practice and timed answers at once, graded ones when the attempt ends.
 * Timed attempts show no question before the server opens it.
 */
function attemptView(attempt: AttemptRow, answers: AnswerRow[], content: AttemptContent, now: Date) {
  const { questions, header } = content;
  const answerOf = new Map(answers.map((answer) => [answer.questionId, answer]));
  const closed = attempt.state !== "IN_PROGRESS";
  const timed = attempt.mode === "TIMED";
  const items = attempt.questionIds.map((id, index) => {
    const question = questions.get(id)!;
    if (timed && !closed && index > attempt.current) return { id, index, view: null, answer: null, revealed: null, points: null };
    const layout = questionLayout(question, attempt.seed, id);
    const saved = answerOf.get(id);
    const shown = saved ? toShownAnswer(question, layout, answerInput.parse(saved.response)) : null;
    const final = closed || Boolean(saved?.final) || (timed && (index < attempt.current || questionExpired(attempt, now)));
    return {
      id,
      index,
      view: questionView(question, layout),
      answer: shown,
      revealed: final ? revealQuestion(question, layout, gradeOf(saved?.fraction ?? 0)) : null,
      points: final ? (saved?.points ?? 0) : null,
    };
  });
  return {
    id: attempt.id,
    mode: attempt.mode,
    state: attempt.state,
    sequence: attempt.sequence,
    challengeId: attempt.challengeId,
    quiz: { title: header.title, passPercent: header.passPercent, course: header.course, lesson: { slug: header.lesson.slug, title: header.lesson.title } },
    questions: items,
    answeredCount: answers.length,
    timing:
      timed && attempt.timeLimitMs && attempt.openedAt && attempt.deadlineAt
        ? { limitMs: attempt.timeLimitMs, graceMs: GRACE_MS, current: attempt.current, openedAt: attempt.openedAt, deadlineAt: attempt.deadlineAt, serverNow: now, points: attempt.points, streak: attempt.streak }
        : null,
    result:
      attempt.state === "FINISHED"
        ? {
            earned: attempt.earned,
            possible: attempt.possible,
            percent: attempt.percent ?? 0,
            passed: attempt.passed ?? false,
            points: attempt.points,
            correctCount: attempt.correctCount,
            xp: attempt.xp ?? 0,
            finishedAt: attempt.finishedAt,
          }
        : null,
  };
}
export type AttemptView = ReturnType<typeof attemptView>;

/** The lesson's quiz for its start screen, with the learner's open attempts and best results. */
export async function quizOverview(options: { viewer: AuthUser; courseSlug: string; lessonSlug: string }) {
  const quiz = await findLessonQuiz(options);
  const attempts = await db.quizAttempt.findMany({
    where: { userId: options.viewer.id, sectionId: quiz.sectionId, challengeId: null },
    orderBy: { startedAt: "desc" },
    take: 50,
    select: { id: true, mode: true, state: true, percent: true, points: true, finishedAt: true },
  });
  const finished = attempts.filter((attempt) => attempt.state === "FINISHED");
  return {
    title: quiz.title,
    passPercent: quiz.passPercent,
    questionCount: quiz.questionIds.length,
    timeLimitMs: TIMED_LIMIT_MS,
    course: quiz.course,
    lesson: { slug: quiz.lesson.slug, title: quiz.lesson.title },
    open: attempts.filter((attempt) => attempt.state === "IN_PROGRESS").map(({ id, mode }) => ({ id, mode })),
    bestPercent: Math.max(-1, ...finished.filter((a) => a.mode === "GRADED").map((a) => a.percent ?? 0)),
    bestPoints: Math.max(-1, ...finished.filter((a) => a.mode === "TIMED").map((a) => a.points)),
  };
}

/** Starts an attempt, or resumes the learner's open one of that mode (one per quiz and mode). */
export async function startAttempt(options: { viewer: AuthUser; courseSlug: string; lessonSlug: string; mode: QuizMode }) {
  const quiz = await findLessonQuiz(options);
  const userId = options.viewer.id;
  const known: AttemptContent = { sectionId: quiz.sectionId, questions: await loadQuestions(quiz.questionIds), header: quiz };
  const { attempt, answers, content, now } = await db.$transaction(async (tx) => {
    const now = new Date();
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`quiz:${userId}:${quiz.sectionId}`}))`;
    const open = await tx.quizAttempt.findFirst({
      where: { userId, sectionId: quiz.sectionId, mode: options.mode, challengeId: null, state: "IN_PROGRESS" },
      orderBy: { startedAt: "desc" },
      select: { id: true },
    });
    if (open) {
      const attempt = await settle(await lockAttempt(open.id, userId, tx), now, tx);
      if (attempt.state === "IN_PROGRESS") return { attempt, answers: await answersOf(attempt.id, tx), content: await contentFor(attempt, known, tx), now };
    }
    const attempt = await createAttempt(tx, { userId, sectionId: quiz.sectionId, courseId: quiz.courseId, mode: options.mode, questionIds: quiz.questionIds, seed: newSeed(), now });
    return { attempt, answers: [], content: known, now };
  }, QUIZ_TRANSACTION);
  return attemptView(attempt, answers, content, now);
}

export async function createAttempt(
  tx: DbClient,
  options: { userId: string; sectionId: string; courseId: string; mode: QuizMode; questionIds: string[]; seed: string; now: Date; challengeId?: string; timeLimitMs?: number },
): Promise<AttemptRow> {
  const timed = options.mode === "TIMED";
  const limit = options.timeLimitMs ?? TIMED_LIMIT_MS;
  return tx.quizAttempt.create({
    data: {
      userId: options.userId,
      sectionId: options.sectionId,
      courseId: options.courseId,
      challengeId: options.challengeId ?? null,
      mode: options.mode,
      seed: options.seed,
      questionIds: options.questionIds,
      ...(timed
        ? { timeLimitMs: limit, current: 0, openedAt: options.now, deadlineAt: new Date(options.now.getTime() + options.questionIds.length * (limit + READ_ALLOWANCE_MS)) }
        : {}),
    },
    select: attemptSelect,
  });
}

/** The caller's attempt (settling its clock first); NOT_FOUND for anyone else's. Locks only to settle. */
export async function getAttempt(options: { userId: string; attemptId: string }) {
  const read = await readAttempt(options);
  const content = await attemptContent(read.attempt);
  const now = new Date();
  if (!clockMoved(read.attempt, now)) return attemptView(read.attempt, read.answers, content, now);
  const settled = await db.$transaction(async (tx) => {
    const attempt = await settle(await lockAttempt(options.attemptId, options.userId, tx), now, tx);
    return { attempt, answers: await answersOf(attempt.id, tx) };
  }, QUIZ_TRANSACTION);
  return attemptView(settled.attempt, settled.answers, content, now);
}

function closedMessage(state: QuizAttemptState): string {
  if (state === "FINISHED") return "This attempt is finished; its answers can no longer change.";
  return "Time is up for this attempt; its answers can no longer change.";
}

/**
 * Saves one answer. Returns `applied: false` with the current state for a duplicate or stale
 * sequence number and for a question whose answer is already final.
 */
export async function saveAnswer(options: SaveAnswerInput & { userId: string }) {
  const read = await readAttempt(options);
  const content = await attemptContent(read.attempt);
  // Sequence numbers only grow: a number at or below the stored one stays stale under the lock too.
  if (options.sequence <= read.attempt.sequence && !clockMoved(read.attempt, new Date())) return { applied: false, attempt: attemptView(read.attempt, read.answers, content, new Date()) };
  if (!read.attempt.questionIds.includes(options.questionId)) throw new DomainError("BAD_REQUEST", "That question is not part of this attempt.");
  const question = content.questions.get(options.questionId)!;
  const { applied, attempt, answers, now } = await db.$transaction(async (tx) => {
    const now = new Date();
    const attempt = await settle(await lockAttempt(options.attemptId, options.userId, tx), now, tx);
    if (options.sequence <= attempt.sequence) return { applied: false, attempt, answers: await answersOf(attempt.id, tx), now };
    if (attempt.state !== "IN_PROGRESS") throw new DomainError("CONFLICT", closedMessage(attempt.state));
    const index = attempt.questionIds.indexOf(options.questionId);
    const existing = await tx.quizAnswer.findUnique({ where: { attemptId_questionId: { attemptId: attempt.id, questionId: options.questionId } }, select: { final: true } });
    if (existing?.final) return { applied: false, attempt, answers: await answersOf(attempt.id, tx), now };

    const authored = authoredAnswer(question, attempt, options.questionId, options.answer);
    const grade = gradeAnswer(question, authored);
    let timedScore: ReturnType<typeof timedAnswerPoints> | null = null;
    let elapsedMs: number | null = null;
    if (attempt.mode === "TIMED") {
      if (index !== attempt.current) throw new DomainError("CONFLICT", "That question is not open.");
      elapsedMs = now.getTime() - attempt.openedAt!.getTime();
      if (elapsedMs > attempt.timeLimitMs! + GRACE_MS) throw new DomainError("CONFLICT", "Time was up for this question, so the answer was not counted.");
      timedScore = timedAnswerPoints({ fraction: grade.fraction, elapsedMs, limitMs: attempt.timeLimitMs!, streakBefore: attempt.streak });
    }
    const fields = {
      response: authored,
      fraction: grade.fraction,
      earned: pointsFor(question, grade),
      points: timedScore?.points ?? 0,
      elapsedMs,
      sequence: options.sequence,
      final: attempt.mode !== "GRADED",
    };
    await tx.quizAnswer.upsert({
      where: { attemptId_questionId: { attemptId: attempt.id, questionId: options.questionId } },
      create: { attemptId: attempt.id, questionId: options.questionId, ...fields },
      update: fields,
    });
    const updated = await tx.quizAttempt.update({
      where: { id: attempt.id },
      data: { sequence: options.sequence, ...(timedScore ? { points: { increment: timedScore.points }, streak: timedScore.streak } : {}) },
      select: attemptSelect,
    });
    return { applied: true, attempt: updated, answers: await answersOf(attempt.id, tx), now };
  }, QUIZ_TRANSACTION);
  return { applied, attempt: attemptView(attempt, answers, content, now) };
}

function authoredAnswer(question: Question, attempt: AttemptRow, questionId: string, answer: AnswerInput): AnswerInput {
  try {
    return toAuthoredAnswer(question, questionLayout(question, attempt.seed, questionId), answer);
  } catch (error) {
    if (error instanceof AnswerShapeError) throw new DomainError("BAD_REQUEST", error.message);
    throw error;
  }
}

/** Timed attempts: opens the next question once the open one is answered or its countdown is over. */
export async function nextQuestion(options: { userId: string; attemptId: string; sequence: number }) {
  const read = await readAttempt(options);
  const content = await attemptContent(read.attempt);
  if (options.sequence <= read.attempt.sequence && !clockMoved(read.attempt, new Date())) return { applied: false, attempt: attemptView(read.attempt, read.answers, content, new Date()) };
  const { applied, attempt, answers, now } = await db.$transaction(async (tx) => {
    const now = new Date();
    const attempt = await settle(await lockAttempt(options.attemptId, options.userId, tx), now, tx);
    if (options.sequence <= attempt.sequence) return { applied: false, attempt, answers: await answersOf(attempt.id, tx), now };
    if (attempt.state !== "IN_PROGRESS") throw new DomainError("CONFLICT", closedMessage(attempt.state));
    if (attempt.mode !== "TIMED") throw new DomainError("BAD_REQUEST", "Only timed attempts open their questions one by one.");
    if (attempt.current + 1 >= attempt.questionIds.length) throw new DomainError("CONFLICT", "That was the last question: finish the challenge to see your result.");
    const answered = await tx.quizAnswer.count({ where: { attemptId: attempt.id, questionId: attempt.questionIds[attempt.current]! } });
    const countdownOver = now.getTime() >= attempt.openedAt!.getTime() + attempt.timeLimitMs!;
    if (!answered && !countdownOver) throw new DomainError("CONFLICT", "Answer this question or wait for its countdown to end first.");
    const updated = await tx.quizAttempt.update({
      where: { id: attempt.id },
      data: { sequence: options.sequence, current: attempt.current + 1, openedAt: now, ...(answered ? {} : { streak: 0 }) },
      select: attemptSelect,
    });
    return { applied: true, attempt: updated, answers: await answersOf(attempt.id, tx), now };
  }, QUIZ_TRANSACTION);
  return { applied, attempt: attemptView(attempt, answers, content, now) };
}

// Finishes in flight in this process, by learner and attempt: a double click or a retry joins the
// running one instead of taking a second connection to wait on the attempt's lock.
const finishing = new Map<string, Promise<AttemptView>>();

/**
 * Finishes an attempt: scores it from its saved answers, makes every answer final and records the
 * activity (XP once per attempt) in the same transaction. Finishing again returns the result.
 */
export function finishAttempt(options: { userId: string; attemptId: string }): Promise<AttemptView> {
  const key = `${options.userId}:${options.attemptId}`;
  const running = finishing.get(key);
  if (running) return running;
  const finish = finishOnce(options).finally(() => finishing.delete(key));
  finishing.set(key, finish);
  return finish;
}

async function finishOnce(options: { userId: string; attemptId: string }): Promise<AttemptView> {
  const read = await readAttempt(options);
  const content = await attemptContent(read.attempt);
  if (read.attempt.state === "FINISHED") return attemptView(read.attempt, read.answers, content, new Date());
  const { questions, header } = content;
  const { attempt: finished, answers: finalAnswers, now } = await db.$transaction(async (tx) => {
    const now = new Date();
    const attempt = await settle(await lockAttempt(options.attemptId, options.userId, tx), now, tx);
    if (attempt.state === "FINISHED") return { attempt, answers: await answersOf(attempt.id, tx), now };
    if (attempt.state === "ABANDONED") throw new DomainError("CONFLICT", "This attempt was abandoned when its time ran out.");
    const answers = await answersOf(attempt.id, tx);
    const possible = [...questions.values()].reduce((sum, question) => sum + question.points, 0);
    const earned = answers.reduce((sum, answer) => sum + answer.earned, 0);
    const score = quizScore({ earned, possible, passPercent: header.passPercent });
    const correctCount = answers.filter((answer) => answer.fraction === 1).length;
    await tx.quizAnswer.updateMany({ where: { attemptId: attempt.id }, data: { final: true } });
    const finalAnswers = answers.map((answer) => ({ ...answer, final: true }));
    const activity =
      attempt.mode === "TIMED"
        ? await recordActivity(
            {
              userId: attempt.userId,
              rule: "challenge",
              sourceId: attempt.id,
              courseId: header.courseId,
              fraction: attempt.points / maxTimedPoints(attempt.questionIds.length),
              meta: { challengeId: attempt.challengeId ?? attempt.id, points: attempt.points, correct: correctCount, total: attempt.questionIds.length },
            },
            tx,
          )
        : await recordActivity(
            {
              userId: attempt.userId,
              rule: "quiz",
              sourceId: attempt.id,
              courseId: header.courseId,
              // No XP without one fully right answer: partial credit alone (an ordering left as it
              // was shown keeps some pairs by chance) must not pay for a quiz of nothing right.
              fraction: correctCount === 0 ? 0 : score.percent / 100,
              meta: { quizId: attempt.sectionId, mode: attempt.mode === "PRACTICE" ? "practice" : "graded", scorePct: score.percent, perfect: attempt.mode === "GRADED" && score.percent === 100 },
            },
            tx,
          );
    // Passing the graded quiz is what completes the lesson's quiz section (and may finish the lesson).
    if (attempt.mode === "GRADED" && score.passed) {
      await completeSection({ userId: attempt.userId, lessonId: header.lesson.id, sectionId: attempt.sectionId }, tx);
    }
    const finished = await transition(
      { attempt, to: "FINISHED", data: { earned: score.earned, possible, percent: score.percent, passed: score.passed, correctCount, xp: activity.xp, finishedAt: now } },
      tx,
    );
    return { attempt: finished, answers: finalAnswers, now };
  }, QUIZ_TRANSACTION);
  return attemptView(finished, finalAnswers, content, now);
}

/**
 * Makes the learner's own flashcards from the questions of a finished attempt they missed (wrong,
 * partly right or unanswered): the prompt on the front, the right answer and the explanation on
 * the back. Doing it twice adds nothing more.
 */
export async function mistakesToCards(options: { userId: string; attemptId: string }): Promise<{ added: number; missed: number }> {
  const attempt = await db.quizAttempt.findFirst({ where: { id: options.attemptId, userId: options.userId }, select: { state: true, questionIds: true, sectionId: true } });
  if (!attempt) throw new DomainError("NOT_FOUND", "That quiz attempt does not exist.");
  if (attempt.state !== "FINISHED") throw new DomainError("BAD_REQUEST", "Finish the quiz first: its missed questions are known once it is scored.");
  const [answers, questions, header] = await Promise.all([
    db.quizAnswer.findMany({ where: { attemptId: options.attemptId }, select: { questionId: true, fraction: true } }),
    loadQuestions(attempt.questionIds),
    quizHeader(attempt.sectionId),
  ]);
  const right = new Set(answers.filter((answer) => answer.fraction >= 1).map((answer) => answer.questionId));
  const missed = attempt.questionIds.filter((id) => !right.has(id)).flatMap((id) => (questions.get(id) ? [questions.get(id)!] : []));
  if (missed.length === 0) return { added: 0, missed: 0 };
  const { added } = await addCustomCards({
    userId: options.userId,
    cards: missed.map((question) => ({
      front: questionText(question),
      back: `${answerText(question)}\n\n${question.explanation}`,
      courseId: header.courseId,
      sourceLabel: `Quiz: ${header.lesson.title}`,
    })),
  });
  return { added, missed: missed.length };
}

/** For each of these lessons: whether it has a quiz, and the learner's best finished graded score. */
export async function lessonQuizResults(options: { userId: string; lessonIds: string[] }): Promise<Map<string, { hasQuiz: boolean; best: number | null }>> {
  if (options.lessonIds.length === 0) return new Map();
  const [quizSections, best] = await Promise.all([
    quizSectionsOf({ lessonIds: options.lessonIds }),
    db.$queryRaw<{ lessonId: string; best: number }[]>`
      SELECT s."lessonId", max(a.percent)::int AS best
      FROM "QuizAttempt" a JOIN "LessonSection" s ON s.id = a."sectionId"
      WHERE a."userId" = ${options.userId} AND a.mode = 'GRADED' AND a.state = 'FINISHED' AND s."lessonId" = ANY(${options.lessonIds})
      GROUP BY s."lessonId"`,
  ]);
  const bestByLesson = new Map(best.map((row) => [row.lessonId, row.best]));
  const withQuiz = new Set(quizSections.map((section) => section.lessonId));
  return new Map(options.lessonIds.map((id) => [id, { hasQuiz: withQuiz.has(id), best: bestByLesson.get(id) ?? null }]));
}
