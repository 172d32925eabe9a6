import "server-only";
import { z } from "zod";
import { startOfLocalDay } from "@/lib/time/day";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { DbClient } from "../db-client";
import { type ActivityMeta, type ActivityRule, ACTIVITY_RULES, XP_RULES, baseXp, capXp } from "./rules";
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
  if (xp > 0) xp = capXp(data.rule, xp, await earnedToday({ user, rule: data.rule, group: capGroup(data.rule, data.meta), now: createdAt }, client));
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
  const derived = await applyDerived({ user, events: [{ rule: data.rule, xp, courseId: data.courseId ?? null, createdAt }] }, client);
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
  options: { user: { id: string; timezone: string }; rule: ActivityRule; group: string | null; now: Date },
  client: DbClient,
): Promise<number> {
  const { user, rule, group } = options;
  const since = startOfLocalDay(user.timezone, options.now);
  const rows = await client.$queryRaw<{ xp: number | null }[]>`
    SELECT sum(amount)::int AS xp FROM "XpEvent"
    WHERE "userId" = ${user.id} AND source = ${rule} AND "createdAt" >= ${since}
      AND (${group}::text IS NULL OR meta->>'game' = ${group}::text)`;
  return rows[0]?.xp ?? 0;
}

// ── Activities derived after commit ──────────────────────────────────────────────────────────
// A hot path (a flashcard rating) writes its fact and its ledger row in one short batch
// transaction of a few statements and leaves the derived state to pending.ts: these are the
// gamification statements of that transaction. Run them in this order inside `db.$transaction([…])`:
// the learner's lock first, so the daily-cap sum of the ledger statement (a later statement, with
// its own snapshot) sees every activity of the learner committed before it.

/** The learner's lock as a statement of a batch transaction (see lockLearner). */
export function lockLearnerStatement(userId: string) {
  return db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"learner:" + userId}))`;
}

/**
 * Records one activity's ledger row as a statement of the caller's batch transaction, exactly once
 * per (user, rule, sourceId), with its XP under the rule's daily cap (the same rule as capXp, in
 * SQL); `onlyIf` is the caller's condition on its own fact (no row when it does not hold). The row
 * is marked pending: its day and league totals, level-ups and badges are applied after commit by
 * settleSoon (and by the next read or the sweep if this process dies first). Answers the XP
 * awarded, or no row when nothing was recorded.
 */
export function deferredActivityStatement<R extends ActivityRule>(
  input: RecordActivityInput<R> & { eventId: string; timezone: string; onlyIf: Prisma.Sql },
) {
  const data = recordActivityInput.parse(input);
  const createdAt = data.now ?? new Date();
  const base = baseXp(data.rule, data.fraction);
  const cap = XP_RULES[data.rule].dailyCap;
  const group = capGroup(data.rule, data.meta);
  const amount =
    cap === null || base === 0
      ? Prisma.sql`${base}::int`
      : Prisma.sql`GREATEST(0, LEAST(${base}::int, ${cap}::int - (
          SELECT COALESCE(sum(amount), 0)::int FROM "XpEvent"
          WHERE "userId" = ${data.userId} AND source = ${data.rule} AND "createdAt" >= ${startOfLocalDay(input.timezone, createdAt)}::timestamp
            AND (${group}::text IS NULL OR meta->>'game' = ${group}::text))))`;
  return db.$queryRaw<{ xp: number }[]>`
    WITH event AS (
      INSERT INTO "XpEvent" (id, "userId", source, "sourceId", amount, "courseId", meta, "createdAt")
      SELECT ${input.eventId}, ${data.userId}, ${data.rule}, ${data.sourceId}, ${amount}, ${data.courseId ?? null}::text, ${JSON.stringify(data.meta)}::jsonb, ${createdAt}::timestamp
      WHERE ${input.onlyIf}
      ON CONFLICT ("userId", source, "sourceId") DO NOTHING
      RETURNING id, amount
    ), pending AS (
      INSERT INTO "PendingDerivation" ("eventId", "userId") SELECT id, ${data.userId} FROM event
    )
    SELECT amount AS xp FROM event`;
}
