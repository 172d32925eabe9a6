import "server-only";
import { type LearnerFacts, GAME_IDS_FOR_BADGES, emptyFacts } from "@/lib/gamification/badges";
import { computeStreak } from "@/lib/gamification/streak";
import type { ActivityRule } from "@/lib/gamification/rules";
import { localDateKey } from "@/lib/time/day";
import { dailyXpTotals } from "./service";
import type { DbClient } from "../db-client";

type Row = { source: string; n: number; perfect: number; wpm: number | null; math: number | null; strategies: string[] | null };

/**
 * The learner's badge facts computed by PostgreSQL from the ledger: the same numbers
 * `addEventToFacts` in lib/gamification/badges.ts derives when it replays the events one by one.
 * Only what the badges still to check need is read: an activity is recorded on a hot path.
 */
export async function learnerFacts(
  options: {
    user: { id: string; timezone: string; dailyGoalXp: number };
    /** The rules whose facts are needed: only their ledger rows are read (none: no ledger query). */
    sources: readonly ActivityRule[];
    /** The learner's total XP, when known (the all-time league row holds it). */
    totalXp?: number;
    streak: boolean;
    now?: Date;
  },
  client: DbClient,
): Promise<LearnerFacts> {
  const { user } = options;
  const facts = emptyFacts();
  if (options.totalXp !== undefined) facts.totalXp = options.totalXp;
  if (options.streak) {
    const totals = await dailyXpTotals({ userId: user.id }, client);
    facts.longestStreak = computeStreak({ totals, goal: user.dailyGoalXp, today: localDateKey(user.timezone, options.now ?? new Date()) }).longest;
  }
  if (options.sources.length === 0) return facts;
  const rows = await client.$queryRaw<Row[]>`
    SELECT source,
           count(*)::int AS n,
           (count(*) FILTER (WHERE source = 'quiz' AND meta->>'perfect' = 'true'))::int AS perfect,
           max(CASE WHEN source = 'game' AND meta->>'game' = ${GAME_IDS_FOR_BADGES.typing} AND jsonb_typeof(meta->'wpm') = 'number'
                    THEN (meta->>'wpm')::float8 END) AS wpm,
           max(CASE WHEN source = 'game' AND meta->>'game' = ${GAME_IDS_FOR_BADGES.math} AND meta->>'mode' = 'sprint' AND meta->>'level' ~ '^[0-9]+'
                    THEN substring(meta->>'level' from '^[0-9]+')::int END) AS math,
           array_agg(DISTINCT meta->>'strategy') FILTER (WHERE source = 'lab-strategy' AND meta->>'strategy' IS NOT NULL) AS strategies
    FROM "XpEvent" WHERE "userId" = ${user.id} AND source = ANY(${[...options.sources]}::text[])
    GROUP BY source`;
  for (const row of rows) {
    facts.counts[row.source as ActivityRule] = row.n;
    facts.perfectQuizzes += row.perfect;
    if (row.wpm !== null) facts.bestWpm = Math.max(facts.bestWpm, row.wpm);
    if (row.math !== null) facts.bestMathSprintLevel = Math.max(facts.bestMathSprintLevel, row.math);
    if (row.strategies) facts.labStrategies.push(...row.strategies);
  }
  return facts;
}
