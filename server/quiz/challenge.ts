import "server-only";
import { randomBytes } from "node:crypto";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { DomainError } from "../errors";
import { findSectionQuiz, loadQuestions } from "./content";
import { createAttempt, getAttempt } from "./service";

// Friend challenges: a finished timed attempt becomes a link that fixes its questions and seed.
// Everyone who opens it plays the same timed quiz once; results are compared side by side and
// ranked on the challenge's own leaderboard.

/** Link ids: 12 characters of base64url, 72 random bits. */
function newChallengeId(): string {
  return randomBytes(9).toString("base64url");
}

/** Turns the caller's finished timed attempt into a challenge (once: asking again returns the same link). */
export async function createChallenge(options: { userId: string; attemptId: string }) {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "QuizAttempt" WHERE id = ${options.attemptId} AND "userId" = ${options.userId} FOR UPDATE`;
    if (rows.length === 0) throw new DomainError("NOT_FOUND", "That quiz attempt does not exist.");
    const attempt = await tx.quizAttempt.findUniqueOrThrow({
      where: { id: options.attemptId },
      select: { id: true, mode: true, state: true, challengeId: true, sectionId: true, seed: true, questionIds: true, timeLimitMs: true },
    });
    if (attempt.challengeId) return { challengeId: attempt.challengeId };
    if (attempt.mode !== "TIMED" || attempt.state !== "FINISHED") throw new DomainError("BAD_REQUEST", "Finish a timed challenge first, then challenge a friend to beat it.");
    const challenge = await tx.quizChallenge.create({
      data: { id: newChallengeId(), creatorId: options.userId, sectionId: attempt.sectionId, seed: attempt.seed, questionIds: attempt.questionIds, timeLimitMs: attempt.timeLimitMs! },
      select: { id: true },
    });
    await tx.quizAttempt.update({ where: { id: attempt.id }, data: { challengeId: challenge.id } });
    return { challengeId: challenge.id };
  });
}

async function findChallenge(challengeId: string, viewer: AuthUser) {
  const challenge = await db.quizChallenge.findUnique({
    where: { id: challengeId },
    select: { id: true, sectionId: true, seed: true, questionIds: true, timeLimitMs: true, createdAt: true, creatorId: true, creator: { select: { name: true } } },
  });
  if (!challenge) throw new DomainError("NOT_FOUND", "That challenge does not exist.");
  const quiz = await findSectionQuiz({ sectionId: challenge.sectionId, viewer });
  return { challenge, quiz };
}

/** Plays the challenge: the caller's one attempt at it, started now or resumed. */
export async function startChallengeAttempt(options: { viewer: AuthUser; challengeId: string }) {
  const { challenge, quiz } = await findChallenge(options.challengeId, options.viewer);
  const userId = options.viewer.id;
  const attemptId = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`challenge:${userId}:${challenge.id}`}))`;
    const existing = await tx.quizAttempt.findFirst({ where: { userId, challengeId: challenge.id }, orderBy: { startedAt: "asc" }, select: { id: true } });
    if (existing) return existing.id;
    const attempt = await createAttempt(tx, {
      userId,
      sectionId: challenge.sectionId,
      courseId: quiz.courseId,
      mode: "TIMED",
      questionIds: challenge.questionIds,
      seed: challenge.seed,
      timeLimitMs: challenge.timeLimitMs,
      challengeId: challenge.id,
      now: new Date(),
    });
    return attempt.id;
  });
  return getAttempt({ userId, attemptId });
}

/**
 * The challenge page: who set it, the leaderboard, the caller's own attempt, and (once the caller
 * has finished) each question's result for the caller beside the challenger's.
 */
export async function getChallenge(options: { viewer: AuthUser; challengeId: string }) {
  const { challenge, quiz } = await findChallenge(options.challengeId, options.viewer);
  const finished = await db.quizAttempt.findMany({
    where: { challengeId: challenge.id, state: "FINISHED" },
    orderBy: [{ points: "desc" }, { finishedAt: "asc" }],
    take: 50,
    select: { id: true, userId: true, points: true, correctCount: true, finishedAt: true, user: { select: { name: true } } },
  });
  const mine = await db.quizAttempt.findFirst({ where: { userId: options.viewer.id, challengeId: challenge.id }, select: { id: true, state: true } });
  const creatorAttempt = finished.find((attempt) => attempt.userId === challenge.creatorId) ?? null;
  const myFinished = mine?.state === "FINISHED" ? finished.find((attempt) => attempt.id === mine.id) ?? null : null;
  let comparison: { prompt: string; mine: { fraction: number; points: number } | null; theirs: { fraction: number; points: number } | null }[] | null = null;
  if (myFinished && creatorAttempt) {
    const questions = await loadQuestions(challenge.questionIds);
    const answers = await db.quizAnswer.findMany({
      where: { attemptId: { in: [myFinished.id, creatorAttempt.id] } },
      select: { attemptId: true, questionId: true, fraction: true, points: true },
    });
    const pick = (attemptId: string, questionId: string) => {
      const answer = answers.find((a) => a.attemptId === attemptId && a.questionId === questionId);
      return answer ? { fraction: answer.fraction, points: answer.points } : null;
    };
    comparison = challenge.questionIds.map((questionId) => ({
      prompt: questions.get(questionId)!.prompt,
      mine: pick(myFinished.id, questionId),
      theirs: pick(creatorAttempt.id, questionId),
    }));
  }
  return {
    id: challenge.id,
    questionCount: challenge.questionIds.length,
    timeLimitMs: challenge.timeLimitMs,
    creator: { name: challenge.creator.name, isYou: challenge.creatorId === options.viewer.id, points: creatorAttempt?.points ?? null, correct: creatorAttempt?.correctCount ?? null },
    quiz: { title: quiz.title, course: quiz.course, lesson: { slug: quiz.lesson.slug, title: quiz.lesson.title } },
    leaderboard: finished.map((attempt, index) => ({ rank: index + 1, name: attempt.user.name, points: attempt.points, correct: attempt.correctCount, isYou: attempt.userId === options.viewer.id })),
    mine: mine ? { attemptId: mine.id, state: mine.state, points: myFinished?.points ?? null, correct: myFinished?.correctCount ?? null } : null,
    comparison,
  };
}
