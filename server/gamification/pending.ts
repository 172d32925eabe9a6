import "server-only";
import type { ActivityRule } from "@/lib/gamification/rules";
import { db } from "../db";
import { lockLearner } from "./activity";
import { applyDerived } from "./derived";

// Derived state applied after commit. A ledger row written by deferredActivityStatement carries a
// PendingDerivation row, committed with it. Applying deletes that row in the same transaction as
// the totals, level-ups and badges it causes, under the learner's lock, so each row is applied
// exactly once whichever process (or node) gets there first, and a row whose process died after
// commit stays until someone applies it: right after the commit (settleSoon, in the background,
// several ratings of one learner in one pass), before any read of that learner's game state
// (settleLearner), and by the sweep (settleAllPending) at boot and before a league week closes.

// Like a rating, a pass waits for a pooled connection under load rather than failing.
const APPLY_TRANSACTION = { maxWait: 15_000, timeout: 15_000 } as const;

type ClaimedRow = { rule: ActivityRule; xp: number; courseId: string | null; createdAt: Date; timezone: string; dailyGoalXp: number; leaderboardOptOut: boolean };

/** Applies every pending activity of one learner, in one transaction; answers how many. */
async function applyPending(userId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    await lockLearner(userId, tx);
    const rows = await tx.$queryRaw<ClaimedRow[]>`
      WITH claimed AS (DELETE FROM "PendingDerivation" WHERE "userId" = ${userId} RETURNING "eventId")
      SELECT e.source AS rule, e.amount AS xp, e."courseId", e."createdAt", u.timezone, u."dailyGoalXp", u."leaderboardOptOut"
      FROM claimed c JOIN "XpEvent" e ON e.id = c."eventId" JOIN "User" u ON u.id = e."userId"
      ORDER BY e."createdAt", e.id`;
    const first = rows[0];
    if (!first) return 0;
    const user = { id: userId, timezone: first.timezone, dailyGoalXp: first.dailyGoalXp, leaderboardOptOut: first.leaderboardOptOut };
    await applyDerived({ user, events: rows.map(({ rule, xp, courseId, createdAt }) => ({ rule, xp, courseId, createdAt })) }, tx);
    return rows.length;
  }, APPLY_TRANSACTION);
}

const running = new Map<string, Promise<void>>();
const again = new Set<string>();

/**
 * Applies the learner's pending activities soon, without making the caller wait: one pass at a
 * time per learner in this process, and ratings that arrive during a pass are applied together by
 * the next one. A failure leaves the rows pending (rolled back) for the next read or the sweep.
 */
export function settleSoon(userId: string): void {
  if (running.has(userId)) {
    again.add(userId);
    return;
  }
  const pass = (async () => {
    do {
      again.delete(userId);
      try {
        await applyPending(userId);
      } catch (error) {
        console.error("[gamification] applying pending activities failed; they stay pending:", error);
        return;
      }
    } while (again.has(userId));
  })().finally(() => running.delete(userId));
  running.set(userId, pass);
}

/**
 * Brings the learner's derived state up to date with their ledger before it is read: waits for a
 * pass already running in this process, then applies whatever is still pending (one indexed look-up
 * when nothing is).
 */
export async function settleLearner(options: { userId: string }): Promise<void> {
  const inFlight = running.get(options.userId);
  if (inFlight) await inFlight;
  const [pending] = await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one FROM "PendingDerivation" WHERE "userId" = ${options.userId} LIMIT 1`;
  if (pending) await applyPending(options.userId);
}

/** Applies every learner's pending activities (the sweep); answers how many were applied. */
export async function settleAllPending(): Promise<number> {
  await Promise.all(running.values());
  const learners = await db.$queryRaw<{ userId: string }[]>`SELECT DISTINCT "userId" FROM "PendingDerivation"`;
  let applied = 0;
  for (const { userId } of learners) applied += await applyPending(userId);
  return applied;
}

/** Waits until this process's background passes are done (tests and benchmarks). */
export async function backgroundSettled(): Promise<void> {
  while (running.size) await Promise.all(running.values());
}
