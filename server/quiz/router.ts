import { z } from "zod";
import { slug } from "@/lib/content/schema";
import { answerInput } from "@/lib/quiz/answer";
import { instructorProcedure, learnerProcedure, publicProcedure, router, type Context } from "../trpc";
import { createChallenge, getChallenge, startChallengeAttempt } from "./challenge";
import { answerLive, createRoom, hostAction, joinRoom, liveOptionsInput, removePlayer, roomResults, watchAsHost, watchAsPlayer, type LiveActor } from "./live";
import { guestFromHeaders, joinAddress } from "./live-guest";
import { quizModeInput, saveAnswerInput, sequenceInput } from "@/lib/quiz/schemas";
import { finishAttempt, getAttempt, mistakesToCards, nextQuestion, quizOverview, saveAnswer, startAttempt } from "./service";

const lessonQuizInput = z.object({ courseSlug: slug, lessonSlug: slug });
const attemptIdInput = z.object({ attemptId: z.string().min(1).max(40) });
const roomCodeInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, "A room code is six digits.") });
// In a live room the caller is a signed-in user, or a guest holding the room's signed cookie.
const liveActor = (ctx: Context, code: string): LiveActor => ({ viewer: ctx.viewer, guest: guestFromHeaders(ctx.headers, code) });
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
    create: instructorProcedure
      .input(lessonQuizInput.extend({ options: liveOptionsInput.optional() }))
      .mutation(({ ctx, input }) => createRoom({ viewer: ctx.viewer, courseSlug: input.courseSlug, lessonSlug: input.lessonSlug, options: input.options })),
    // Who this request plays as in the room: a guest holding the room's cookie, a signed-in learner, or nobody yet.
    seat: publicProcedure.input(roomCodeInput).query(({ ctx, input }) => ({ guest: Boolean(liveActor(ctx, input.code).guest), signedIn: Boolean(ctx.viewer) })),
    // Signed-in learners join here; guests join through the /join form, which sets their cookie.
    join: learnerProcedure.input(roomCodeInput).mutation(async ({ ctx, input }) => {
      const joined = await joinRoom({ actor: { viewer: ctx.viewer, guest: null }, code: input.code, address: joinAddress(ctx.headers) });
      return { code: joined.code, joined: joined.joined };
    }),
    host: instructorProcedure
      .input(roomCodeInput.extend({ action: z.enum(["start", "reveal", "next", "finish"]), version: z.number().int().min(0) }))
      .mutation(({ ctx, input }) => hostAction({ viewer: ctx.viewer, ...input })),
    remove: instructorProcedure
      .input(roomCodeInput.extend({ playerId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "That is not a player of this room.") }))
      .mutation(({ ctx, input }) => removePlayer({ viewer: ctx.viewer, ...input })),
    results: instructorProcedure.input(roomCodeInput).query(({ ctx, input }) => roomResults({ viewer: ctx.viewer, code: input.code })),
    answer: publicProcedure
      .input(roomCodeInput.extend({ question: z.number().int().min(0).max(1000), answer: answerInput }))
      .mutation(({ ctx, input }) => answerLive({ actor: liveActor(ctx, input.code), code: input.code, question: input.question, answer: input.answer })),
    watch: publicProcedure.input(roomCodeInput).subscription(({ ctx, input, signal }) => watchAsPlayer({ actor: liveActor(ctx, input.code), code: input.code, signal })),
    hostWatch: instructorProcedure.input(roomCodeInput).subscription(({ ctx, input, signal }) => watchAsHost({ viewer: ctx.viewer, code: input.code, signal })),
  }),
});
