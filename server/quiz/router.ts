import { z } from "zod";
import { slug } from "@/lib/content/schema";
import { answerInput } from "@/lib/quiz/answer";
import { instructorProcedure, learnerProcedure, router } from "../trpc";
import { createChallenge, getChallenge, startChallengeAttempt } from "./challenge";
import { answerLive, createRoom, hostAction, joinRoom, watchAsHost, watchAsPlayer } from "./live";
import { quizModeInput, saveAnswerInput, sequenceInput } from "@/lib/quiz/schemas";
import { finishAttempt, getAttempt, mistakesToCards, nextQuestion, quizOverview, saveAnswer, startAttempt } from "./service";

const lessonQuizInput = z.object({ courseSlug: slug, lessonSlug: slug });
const attemptIdInput = z.object({ attemptId: z.string().min(1).max(40) });
const roomCodeInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, "A room code is six digits.") });
const challengeIdInput = z.object({ challengeId: z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, "That is not a challenge link.") });

export const quizRouter = router({
  overview: learnerProcedure.input(lessonQuizInput).query(({ ctx, input }) => quizOverview({ viewer: ctx.viewer, ...input })),
  start: learnerProcedure.input(lessonQuizInput.extend({ mode: quizModeInput })).mutation(({ ctx, input }) => startAttempt({ viewer: ctx.viewer, ...input })),
  attempt: learnerProcedure.input(attemptIdInput).query(({ ctx, input }) => getAttempt({ userId: ctx.viewer.id, attemptId: input.attemptId })),
  saveAnswer: learnerProcedure.input(saveAnswerInput).mutation(({ ctx, input }) => saveAnswer({ userId: ctx.viewer.id, ...input })),
  next: learnerProcedure.input(attemptIdInput.extend({ sequence: sequenceInput })).mutation(({ ctx, input }) => nextQuestion({ userId: ctx.viewer.id, ...input })),
  finish: learnerProcedure.input(attemptIdInput).mutation(({ ctx, input }) => finishAttempt({ userId: ctx.viewer.id, attemptId: input.attemptId })),
  mistakesToCards: learnerProcedure.input(attemptIdInput).mutation(({ ctx, input }) => mistakesToCards({ userId: ctx.viewer.id, attemptId: input.attemptId })),
  challenge: router({
    create: learnerProcedure.input(attemptIdInput).mutation(({ ctx, input }) => createChallenge({ userId: ctx.viewer.id, attemptId: input.attemptId })),
    get: learnerProcedure.input(challengeIdInput).query(({ ctx, input }) => getChallenge({ viewer: ctx.viewer, challengeId: input.challengeId })),
    start: learnerProcedure.input(challengeIdInput).mutation(({ ctx, input }) => startChallengeAttempt({ viewer: ctx.viewer, challengeId: input.challengeId })),
  }),
  live: router({
    create: instructorProcedure.input(lessonQuizInput).mutation(({ ctx, input }) => createRoom({ viewer: ctx.viewer, ...input })),
    join: learnerProcedure.input(roomCodeInput).mutation(({ ctx, input }) => joinRoom({ viewer: ctx.viewer, code: input.code })),
    host: instructorProcedure
      .input(roomCodeInput.extend({ action: z.enum(["start", "reveal", "next", "finish"]), version: z.number().int().min(0) }))
      .mutation(({ ctx, input }) => hostAction({ viewer: ctx.viewer, ...input })),
    answer: learnerProcedure
      .input(roomCodeInput.extend({ question: z.number().int().min(0).max(1000), answer: answerInput }))
      .mutation(({ ctx, input }) => answerLive({ viewer: ctx.viewer, ...input })),
    watch: learnerProcedure.input(roomCodeInput).subscription(({ ctx, input, signal }) => watchAsPlayer({ viewer: ctx.viewer, code: input.code, signal })),
    hostWatch: instructorProcedure.input(roomCodeInput).subscription(({ ctx, input, signal }) => watchAsHost({ viewer: ctx.viewer, code: input.code, signal })),
  }),
});
