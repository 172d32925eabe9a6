import "server-only";
import { BADGE_BY_ID } from "@/lib/gamification/badges";
import { db } from "../db";
import { settleLearner } from "./pending";

export type NotificationView = {
  id: string;
  kind: "BADGE" | "LEVEL_UP";
  title: string;
  body: string;
  href: string;
  createdAt: Date;
  read: boolean;
};

function present(row: { id: string; kind: "BADGE" | "LEVEL_UP"; data: unknown; createdAt: Date; readAt: Date | null }): NotificationView {
  const data = (row.data ?? {}) as { badgeId?: string; level?: number };
  if (row.kind === "BADGE") {
    const badge = data.badgeId ? BADGE_BY_ID.get(data.badgeId) : undefined;
    return { id: row.id, kind: row.kind, title: `Badge earned: ${badge?.name ?? "a badge"}`, body: badge?.howTo ?? "", href: "/badges", createdAt: row.createdAt, read: row.readAt !== null };
  }
  return { id: row.id, kind: row.kind, title: `Level ${data.level ?? "up"}!`, body: `You reached level ${data.level}.`, href: "/dashboard", createdAt: row.createdAt, read: row.readAt !== null };
}

/** The learner's latest notifications and how many are unread. */
export async function listNotifications(options: { userId: string; limit?: number }) {
  await settleLearner({ userId: options.userId });
  const [rows, unread] = await Promise.all([
    db.notification.findMany({ where: { userId: options.userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: options.limit ?? 30 }),
    db.notification.count({ where: { userId: options.userId, readAt: null } }),
  ]);
  return { items: rows.map(present), unread };
}

export async function unreadNotificationCount(options: { userId: string }) {
  await settleLearner({ userId: options.userId });
  return db.notification.count({ where: { userId: options.userId, readAt: null } });
}

/** Marks the given notifications (or all of them) read; only the learner's own are touched. */
export async function markNotificationsRead(options: { userId: string; ids?: string[]; kind?: "BADGE" | "LEVEL_UP" }) {
  const { count } = await db.notification.updateMany({
    where: { userId: options.userId, readAt: null, ...(options.ids ? { id: { in: options.ids } } : {}), ...(options.kind ? { kind: options.kind } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: count };
}

/** The latest unread level-up, if any: the moment to celebrate, shown once. */
export async function pendingLevelUp(options: { userId: string }) {
  await settleLearner({ userId: options.userId });
  const row = await db.notification.findFirst({ where: { userId: options.userId, kind: "LEVEL_UP", readAt: null }, orderBy: { createdAt: "desc" } });
  const level = (row?.data as { level?: unknown } | undefined)?.level;
  return row && typeof level === "number" ? { id: row.id, level } : null;
}
