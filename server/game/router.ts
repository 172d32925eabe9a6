import { z } from "zod";
import { GAME_IDS, type GameId } from "@/lib/games/catalog";
import { gameEventsInput } from "@/lib/games/session";
import { learnerProcedure, router } from "../trpc";
import { addMissedToReview, finishGame, leaderboard, personalBests, startGame } from "./service";

const name = z.string().min(1).max(40);
const gameId = z.enum(GAME_IDS as [GameId, ...GameId[]]);
export const gameVariantInput = z.object({ game: gameId, mode: name, level: name }).strict();
export const gameFinishInput = z.object({ sessionId: z.string().min(1).max(64), events: gameEventsInput }).strict();
export const personalBestsInput = z.object({ game: gameId }).strict();
export const leaderboardInput = gameVariantInput.extend({ period: z.enum(["week", "all"]).default("week") }).strict();

export const gameRouter = router({
  start: learnerProcedure.input(gameVariantInput).mutation(({ ctx, input }) => startGame({ userId: ctx.viewer.id, ...input })),
  addMissedToReview: learnerProcedure
    .input(z.object({ sessionId: z.string().min(1).max(64) }).strict())
    .mutation(({ ctx, input }) => addMissedToReview({ userId: ctx.viewer.id, sessionId: input.sessionId })),
  finish: learnerProcedure.input(gameFinishInput).mutation(({ ctx, input }) => finishGame({ userId: ctx.viewer.id, ...input })),
  personalBests: learnerProcedure.input(personalBestsInput).query(({ ctx, input }) => personalBests({ userId: ctx.viewer.id, game: input.game })),
  leaderboard: learnerProcedure.input(leaderboardInput).query(({ ctx, input }) => leaderboard({ viewerId: ctx.viewer.id, ...input })),
});
