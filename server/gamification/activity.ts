import "server-only";
import { z } from "zod";
import { startOfLocalDay } from "@/lib/time/day";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { DbClient } from "../db-client";
import { type ActivityMeta, type ActivityRule, ACTIVITY_RULES, baseXp, capXp } from "./rules";
import { applyDerived } from "./derived";

const recordActivityInput = z.object({
  userId: z.string().min(1),
  rule: z.enum(ACTIVITY_RULES as [ActivityRule, ...ActivityRule[]]),
  // Which instance of the activity (review id, attempt id, section id …): with the user and the
  // rule it is the idempotency key, so a retried or raced request records nothing twice.
  sourceId: z.string().min(1).max(200),
  courseId: z.string().min(1).nullish(),
  fraction: z.number().min(0).max(1).optional(),
  meta: z.record(z.string(), z.unknown()),
  now: z.date().optional(),
});

export type RecordActivityInput<R extends ActivityRule = ActivityRule> = {
  userId: string;
  rule: R;
  sourceId: string;
  /** The course the activity belongs to, when it does (course leagues count it). */
  courseId?: string | null;
  /** For rules that scale with a result: the server-computed share (0–1) of the rule's maximum. */
  fraction?: number;
  meta: ActivityMeta[R];
  /** When it happened; defaults to now. Only imports and tests that replay history set it. */
  now?: Date;
};

export type ActivityResult = {
  recorded: boolean;
  xp: number;
  /** Badges this activity earned (ids), and the levels it reached (usually none or one). */
  badges: string[];
  levelsReached: number[];
};

/**
 * Records one activity in the ledger and awards its XP under the rules table, exactly once per
 * (user, rule, sourceId). Runs under a per-learner transaction lock, so concurrent activities of one
 * learner are applied one after the other (caps, levels and badges never race). Pass the
 * transaction that wrote the fact itself, so the fact and its XP commit together.
 */
export async function recordActivity<R extends ActivityRule>(input: RecordActivityInput<R>, client?: DbClient): Promise<ActivityResult> {
  const data = recordActivityInput.parse(input);
  if (!client) return db.$transaction((tx) => recordActivity(input, tx));
  await lockLearner(data.userId, client);
  const existing = await client.xpEvent.findUnique({
    where: { userId_source_sourceId: { userId: data.userId, source: data.rule, sourceId: data.sourceId } },
    select: { id: true },
  });
  if (existing) return { recorded: false, xp: 0, badges: [], levelsReached: [] };

  const user = await client.user.findUniqueOrThrow({
    where: { id: data.userId },
    select: { id: true, timezone: true, dailyGoalXp: true, leaderboardOptOut: true },
  });
  const createdAt = data.now ?? new Date();
  let xp = baseXp(data.rule, data.fraction);
  if (xp > 0) xp = capXp(data.rule, xp, await earnedToday(client, user, data.rule, capGroup(data.rule, data.meta), createdAt));
  await client.xpEvent.create({
    data: {
      userId: data.userId,
      source: data.rule,
      sourceId: data.sourceId,
      amount: xp,
      courseId: data.courseId ?? null,
      meta: data.meta as Prisma.InputJsonObject,
      createdAt,
    },
  });
  const derived = await applyDerived(client, { user, rule: data.rule, xp, courseId: data.courseId ?? null, createdAt });
  return { recorded: true, xp, ...derived };
}

/** Serializes one learner's activities until the surrounding transaction ends. */
export async function lockLearner(userId: string, client: DbClient): Promise<void> {
  await client.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"learner:" + userId}))`;
}

// Games are capped per game; every other capped rule as a whole.
function capGroup(rule: ActivityRule, meta: Record<string, unknown>): string | null {
  return rule === "game" && typeof meta.game === "string" ? meta.game : null;
}

async function earnedToday(
  client: DbClient,
  user: { id: string; timezone: string },
  rule: ActivityRule,
  group: string | null,
  now: Date,
): Promise<number> {
  const since = startOfLocalDay(user.timezone, now);
  const rows = await client.$queryRaw<{ xp: number | null }[]>`
    SELECT sum(amount)::int AS xp FROM "XpEvent"
    WHERE "userId" = ${user.id} AND source = ${rule} AND "createdAt" >= ${since}
      AND (${group}::text IS NULL OR meta->>'game' = ${group}::text)`;
  return rows[0]?.xp ?? 0;
}
