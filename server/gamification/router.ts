import { z } from "zod";
import { learnerProcedure, router } from "../trpc";
import { getDashboard } from "./dashboard";
import { getLeaderboard, setLeaderboardOptOut } from "./leaderboard";
import { conceptMastery } from "./mastery";
import { listNotifications, markNotificationsRead, unreadNotificationCount } from "./notifications";
import { listBadges } from "./service";
import { getTierLeague } from "./tiers";

export const gamificationRouter = router({
  dashboard: learnerProcedure.query(({ ctx }) => getDashboard({ userId: ctx.viewer.id })),
  mastery: learnerProcedure.query(({ ctx }) => conceptMastery({ userId: ctx.viewer.id })),
  badges: learnerProcedure.query(({ ctx }) => listBadges({ userId: ctx.viewer.id })),
  leaderboard: learnerProcedure
    .input(
      z.object({
        period: z.enum(["week", "all"]).default("week"),
        course: z.string().trim().min(1).max(120).nullish(),
        limit: z.number().int().min(1).max(100).default(50),
      }),
    )
    .query(({ ctx, input }) => getLeaderboard({ viewerId: ctx.viewer.id, period: input.period, courseSlug: input.course, limit: input.limit })),
  tierLeague: learnerProcedure.query(({ ctx }) => getTierLeague({ viewerId: ctx.viewer.id })),
  setLeaderboardOptOut: learnerProcedure
    .input(z.object({ optOut: z.boolean() }))
    .mutation(({ ctx, input }) => setLeaderboardOptOut({ userId: ctx.viewer.id, optOut: input.optOut })),
  notifications: learnerProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(30) }).default({ limit: 30 }))
    .query(({ ctx, input }) => listNotifications({ userId: ctx.viewer.id, limit: input.limit })),
  unreadCount: learnerProcedure.query(({ ctx }) => unreadNotificationCount({ userId: ctx.viewer.id })),
  markNotificationsRead: learnerProcedure
    .input(z.object({ ids: z.array(z.string().min(1).max(40)).max(100).optional(), kind: z.enum(["BADGE", "LEVEL_UP"]).optional() }))
    .mutation(({ ctx, input }) => markNotificationsRead({ userId: ctx.viewer.id, ids: input.ids, kind: input.kind })),
});
