import { z } from "zod";
import { slug } from "@/lib/content/schema";
import { learnerProcedure, router } from "../trpc";
import { createChallenge, getChallenge, startChallengeAttempt } from "./challenge";
import { finishAttempt, getAttempt, nextQuestion, quizModeInput, quizOverview, saveAnswer, saveAnswerInput, sequenceInput, startAttempt } from "./service";

const lessonQuizInput = z.object({ courseSlug: slug, lessonSlug: slug });
const attemptIdInput = z.object({ attemptId: z.string().min(1).max(40) });
const challengeIdInput = z.object({ challengeId: z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, "That is not a challenge link.") });

export const quizRouter = router({
  overview: learnerProcedure.input(lessonQuizInput).query(({ ctx, input }) => quizOverview({ viewer: ctx.viewer, ...input })),
  start: learnerProcedure.input(lessonQuizInput.extend({ mode: quizModeInput })).mutation(({ ctx, input }) => startAttempt({ viewer: ctx.viewer, ...input })),
  attempt: learnerProcedure.input(attemptIdInput).query(({ ctx, input }) => getAttempt({ userId: ctx.viewer.id, attemptId: input.attemptId })),
  saveAnswer: learnerProcedure.input(saveAnswerInput).mutation(({ ctx, input }) => saveAnswer({ userId: ctx.viewer.id, ...input })),
  next: learnerProcedure.input(attemptIdInput.extend({ sequence: sequenceInput })).mutation(({ ctx, input }) => nextQuestion({ userId: ctx.viewer.id, ...input })),
  finish: learnerProcedure.input(attemptIdInput).mutation(({ ctx, input }) => finishAttempt({ userId: ctx.viewer.id, attemptId: input.attemptId })),
  challenge: router({
    create: learnerProcedure.input(attemptIdInput).mutation(({ ctx, input }) => createChallenge({ userId: ctx.viewer.id, attemptId: input.attemptId })),
    get: learnerProcedure.input(challengeIdInput).query(({ ctx, input }) => getChallenge({ viewer: ctx.viewer, challengeId: input.challengeId })),
    start: learnerProcedure.input(challengeIdInput).mutation(({ ctx, input }) => startChallengeAttempt({ viewer: ctx.viewer, challengeId: input.challengeId })),
  }),
});
