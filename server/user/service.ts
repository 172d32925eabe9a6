import "server-only";
import type { ProfileInput } from "@/lib/auth/schemas";
import { startOfLocalDay } from "@/lib/time/day";
import { db } from "../db";
import { authUserSelect } from "../auth/service";
import { totalXp, xpSince } from "../gamification/xp";

export async function getProfile(options: { userId: string; now?: Date }) {
  const user = await db.user.findUniqueOrThrow({ where: { id: options.userId }, select: { ...authUserSelect, createdAt: true } });
  const dayStart = startOfLocalDay(user.timezone, options.now ?? new Date());
  const [xp, todayXp] = await Promise.all([totalXp(options.userId), xpSince(options.userId, dayStart)]);
  return { ...user, totalXp: xp, todayXp };
}

export async function updateProfile(options: { userId: string; input: ProfileInput }) {
  return db.user.update({ where: { id: options.userId }, data: options.input, select: authUserSelect });
}
