import "server-only";
import type { ProfileInput } from "@/lib/auth/schemas";
import { db } from "../db";
import { authUserSelect } from "../auth/service";
import { lockLearner } from "../gamification/activity";
import { getLearnerProgress, rebuildFromLedger } from "../gamification/service";

export async function getProfile(options: { userId: string; now?: Date }) {
  const { passwordHash, ...user } = await db.user.findUniqueOrThrow({ where: { id: options.userId }, select: { ...authUserSelect, createdAt: true, leaderboardOptOut: true, passwordHash: true } });
  const progress = await getLearnerProgress({ userId: user.id, timeZone: user.timezone, dailyGoalXp: user.dailyGoalXp, now: options.now });
  return { ...user, hasPassword: passwordHash !== null, totalXp: progress.totalXp, todayXp: progress.streak.todayXp, level: progress.level, streak: progress.streak };
}

/** Saves the profile; a new time zone re-buckets the learner's day totals (streak, goal, charts). */
export async function updateProfile(options: { userId: string; input: ProfileInput }) {
  return db.$transaction(async (tx) => {
    await lockLearner(tx, options.userId);
    const before = await tx.user.findUniqueOrThrow({ where: { id: options.userId }, select: { timezone: true } });
    const user = await tx.user.update({ where: { id: options.userId }, data: options.input, select: { ...authUserSelect, leaderboardOptOut: true } });
    if (user.timezone !== before.timezone) await rebuildFromLedger(tx, user);
    const { leaderboardOptOut: _hidden, ...profile } = user;
    return profile;
  });
}
