import "server-only";
import { randomInt } from "node:crypto";
import { GAMES, type GameId, findVariant, SEQUENCE_LEVELS, TYPING_WORD_MODES } from "@/lib/games/catalog";
import { dealEnglish, type EnglishBand, type EnglishMode } from "@/lib/games/english";
import { factRating, reviveFactCard, scheduleFact } from "@/lib/games/fact-schedule";
import { dealMatchDeck, type MatchPair, PICTURE_NAMES, PICTURE_PAIRS, pickPairs, sequenceFor } from "@/lib/games/memory";
import { ImplausibleLogError } from "@/lib/games/plausibility";
import { type DealtContent, type GameEvents, type GameOutcome, type MissedItem, scoreGame, toPlayerContent } from "@/lib/games/session";
import { startOfUtcWeek } from "@/lib/games/week";
import { createRandom } from "@/lib/ml/random";
import { listLearnerGlossary } from "../catalog/service";
import { db } from "../db";
import type { DbClient } from "../db-client";
import { DomainError } from "../errors";
import { recordActivity } from "../gamification/service";
import { addCustomCards } from "../review/service";
import { Prisma } from "../generated/prisma/client";
import { TYPING_WORDS, WORD_BANDS } from "./words";

/** The most words a timed typing test deals: more than anyone types in 60 s at the wpm ceiling. */
const TIMED_TYPING_WORDS = 250;
/** A session must be finished within this long after its start. */
const SESSION_MAX_AGE_MS = 3 * 3600 * 1000;
/** The client's clock starts a moment after the server's; the log may not outrun the server's by more. */
const CLOCK_SLACK_MS = 2_000;

export type GameVariant = { game: GameId; mode: string; level: string };

function requireVariant(input: { game: string; mode: string; level: string }): GameVariant {
  const variant = findVariant(input.game, input.mode, input.level);
  if (!variant) throw new DomainError("BAD_REQUEST", "That game has no such mode or level.");
  return { game: variant.game, mode: input.mode, level: input.level };
}

// ── Dealing ─────────────────────────────────────────────────────────────────────────────────────

async function dealTyping(userId: string, mode: string, level: string, seed: number): Promise<{ content: DealtContent; note: string | null }> {
  const random = createRandom(seed);
  let source: readonly string[] = level === "starter" ? TYPING_WORDS.filter((w) => w.length <= 4) : TYPING_WORDS;
  let note: string | null = null;
  if (level === "course") {
    const glossary = await listLearnerGlossary({ userId, limit: 200 });
    const courseWords = glossary.flatMap((g) => g.definition.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? []);
    if (courseWords.length >= 30) {
      // Course text is typed in order, a passage at a time, from a seeded starting point.
      const count = mode in TYPING_WORD_MODES ? TYPING_WORD_MODES[mode as keyof typeof TYPING_WORD_MODES] : TIMED_TYPING_WORDS;
      const start = Math.floor(random() * courseWords.length);
      const words = Array.from({ length: count }, (_, i) => courseWords[(start + i) % courseWords.length]!);
      return { content: { game: "typing", words }, note: null };
    }
    note = "Your courses have no glossary text to type yet, so this passage uses common words.";
    source = TYPING_WORDS;
  }
  const count = mode in TYPING_WORD_MODES ? TYPING_WORD_MODES[mode as keyof typeof TYPING_WORD_MODES] : TIMED_TYPING_WORDS;
  const words = Array.from({ length: count }, () => source[Math.floor(random() * source.length)]!);
  return { content: { game: "typing", words }, note };
}

async function dealMatch(userId: string, level: string, seed: number): Promise<{ content: DealtContent; note: string | null }> {
  const count = Number(level.split("-")[1]);
  let pairs: MatchPair[];
  let note: string | null = null;
  if (level.startsWith("pictures")) pairs = pickPairs(PICTURE_PAIRS, count, seed);
  else {
    let source: MatchPair[] = [];
    if (level.startsWith("glossary")) {
      const seen = new Set<string>();
      for (const entry of await listLearnerGlossary({ userId })) {
        const key = entry.term.toLowerCase();
        if (seen.has(key) || entry.term.length > 60) continue;
        seen.add(key);
        source.push({ a: entry.term, b: shorten(entry.definition) });
      }
      if (source.length < count) {
        note = `Your course glossaries have ${source.length} terms; ${count} are needed, so this game uses words from the word list.`;
        source = [];
      }
    }
    if (source.length === 0) source = WORD_BANDS.core.map((w) => ({ a: w.word, b: w.definition }));
    pairs = pickPairs(source, count, seed);
  }
  return { content: { game: "match", deck: dealMatchDeck(pairs, seed), labels: PICTURE_NAMES }, note };
}

function shorten(text: string): string {
  const first = text.split(/(?<=\.)\s/)[0]!;
  return first.length > 140 ? `${first.slice(0, 137)}…` : first;
}

/** The minimum glossary words for a course-level English session: eight items, four options each. */
const MIN_COURSE_WORDS = 8;

async function dealEnglishSession(userId: string, mode: EnglishMode, level: string, seed: number): Promise<{ content: DealtContent; note: string | null }> {
  if (level !== "course") {
    return { content: { game: "english", items: dealEnglish({ mode, band: level as EnglishBand, seed, words: WORD_BANDS[level as EnglishBand] }) }, note: null };
  }
  // Course level: one-word glossary terms of the learner's courses; grammar uses the core sentences.
  const seen = new Set<string>();
  const words = (await listLearnerGlossary({ userId })).flatMap((entry) => {
    const word = entry.term.trim();
    if (!/^[A-Za-z]{3,16}$/.test(word) || seen.has(word.toLowerCase())) return [];
    seen.add(word.toLowerCase());
    // A definition that names its own term would give the answer away.
    return [{ word, definition: shorten(entry.definition).replace(new RegExp(`\\b${word}\\b`, "gi"), "…") }];
  });
  const enough = mode === "grammar" || words.length >= MIN_COURSE_WORDS;
  const note = enough ? null : `Your course glossaries have ${words.length} one-word terms; ${MIN_COURSE_WORDS} are needed, so this game uses core words.`;
  return { content: { game: "english", items: dealEnglish({ mode, band: "core", seed, words: enough && mode !== "grammar" ? words : WORD_BANDS.core }) }, note };
}

async function dueFacts(userId: string, level: string, now: Date): Promise<string[]> {
  const rows = await db.gameFact.findMany({ where: { userId, level, due: { lte: now } }, orderBy: { due: "asc" }, take: 10, select: { key: true } });
  return rows.map((row) => row.key);
}

async function deal(userId: string, variant: GameVariant, seed: number): Promise<{ content: DealtContent; note: string | null }> {
  switch (variant.game) {
    case "typing":
      return dealTyping(userId, variant.mode, variant.level, seed);
    case "math":
      return { content: { game: "math", reviewFacts: await dueFacts(userId, variant.level, new Date()) }, note: null };
    case "match":
      return dealMatch(userId, variant.level, seed);
    case "sequence":
      return { content: { game: "sequence", sequence: sequenceFor(seed, SEQUENCE_LEVELS[variant.level as keyof typeof SEQUENCE_LEVELS].tiles) }, note: null };
    case "english":
      return dealEnglishSession(userId, variant.mode as EnglishMode, variant.level, seed);
  }
}

/** Starts a session: the server picks the seed and deals the content; the start time is the server's. */
export async function startGame(options: { userId: string } & GameVariant) {
  const variant = requireVariant(options);
  const seed = randomInt(0, 2 ** 31 - 1);
  const { content, note } = await deal(options.userId, variant, seed);
  const session = await db.gameSession.create({
    data: { userId: options.userId, ...variant, seed, content: content as Prisma.InputJsonObject },
    select: { id: true, startedAt: true },
  });
  return { sessionId: session.id, ...variant, seed, startedAt: session.startedAt, content: toPlayerContent(content), note };
}

// ── Finishing ───────────────────────────────────────────────────────────────────────────────────

export type StoredResult = {
  score: number;
  stats: Record<string, number>;
  missed: MissedItem[];
  keys?: GameOutcome["keys"];
};

export type FinishResult = StoredResult & {
  sessionId: string;
  game: GameId;
  mode: string;
  level: string;
  xpAwarded: number;
  /** The best score before this session (null for a first game) and whether this one beat it. */
  previousBest: number | null;
  newBest: boolean;
};

const sessionSelect = { id: true, userId: true, game: true, mode: true, level: true, seed: true, content: true, status: true, startedAt: true, result: true, score: true, xpAwarded: true } satisfies Prisma.GameSessionSelect;
type SessionRow = Prisma.GameSessionGetPayload<{ select: typeof sessionSelect }>;

/**
 * Finishes a session from its event log: the server replays the log with the `lib/games` formulas,
 * rejects implausible logs, stores the score, awards XP once (capped per game per day) and updates
 * the math fact schedule, all in one transaction. A retry returns the stored result.
 */
export async function finishGame(options: { userId: string; sessionId: string; events: GameEvents }): Promise<FinishResult> {
  const session = await db.gameSession.findFirst({ where: { id: options.sessionId, userId: options.userId }, select: sessionSelect });
  if (!session) throw new DomainError("NOT_FOUND", "That game session does not exist.");
  if (session.status === "FINISHED") return storedFinish(session);
  if (session.status === "REJECTED") throw new DomainError("BAD_REQUEST", `This game was not counted: ${(session.result as { rejected?: string } | null)?.rejected ?? "its log was implausible."}`);

  const elapsed = Date.now() - session.startedAt.getTime();
  let outcome: GameOutcome;
  try {
    if (elapsed > SESSION_MAX_AGE_MS) throw new ImplausibleLogError("This game was started more than three hours ago; start a new one.");
    outcome = scoreGame({ game: session.game as GameId, mode: session.mode, level: session.level, seed: session.seed, content: session.content as DealtContent }, options.events);
    if (outcome.lastEventMs > elapsed + CLOCK_SLACK_MS) {
      throw new ImplausibleLogError(`The game log runs ${(outcome.lastEventMs / 1000).toFixed(1)} s, longer than the ${(elapsed / 1000).toFixed(1)} s since the game started.`);
    }
  } catch (error) {
    if (!(error instanceof ImplausibleLogError)) throw error;
    await db.gameSession.updateMany({
      where: { id: session.id, status: "ACTIVE" },
      data: { status: "REJECTED", finishedAt: new Date(), result: { rejected: error.message }, events: options.events as unknown as Prisma.InputJsonObject },
    });
    throw new DomainError("BAD_REQUEST", `This game was not counted: ${error.message}`);
  }

  const stored: StoredResult = { score: outcome.score, stats: outcome.stats, missed: outcome.missed, ...(outcome.keys ? { keys: outcome.keys } : {}) };
  const previousBest = await bestScore(options.userId, session);
  const finished = await db.$transaction(async (tx) => {
    const { count } = await tx.gameSession.updateMany({
      where: { id: session.id, userId: options.userId, status: "ACTIVE" },
      data: { status: "FINISHED", finishedAt: new Date(), score: outcome.score, result: stored as unknown as Prisma.InputJsonObject, events: options.events as unknown as Prisma.InputJsonObject },
    });
    if (count === 0) return null; // finished by a concurrent retry: report what it stored
    const activity = await recordActivity(
      {
        userId: options.userId,
        rule: "game",
        sourceId: session.id,
        fraction: outcome.fraction,
        meta: {
          game: session.game,
          mode: session.mode,
          level: session.level,
          score: outcome.score,
          ...(outcome.wpm !== undefined ? { wpm: outcome.wpm } : {}),
          ...(outcome.accuracy !== undefined ? { accuracy: outcome.accuracy } : {}),
        },
      },
      tx,
    );
    await tx.gameSession.update({ where: { id: session.id }, data: { xpAwarded: activity.xp } });
    if (outcome.facts) await scheduleFacts(options.userId, session.level, outcome.facts, tx);
    return activity.xp;
  });
  if (finished === null) {
    const again = await db.gameSession.findFirstOrThrow({ where: { id: session.id, userId: options.userId }, select: sessionSelect });
    return storedFinish(again);
  }
  return finishResult(session, stored, finished, previousBest);
}

async function storedFinish(session: SessionRow): Promise<FinishResult> {
  const stored = session.result as unknown as StoredResult;
  return finishResult(session, stored, session.xpAwarded, await bestScore(session.userId, session, session.id));
}

function finishResult(session: Pick<SessionRow, "id" | "game" | "mode" | "level">, stored: StoredResult, xpAwarded: number, previousBest: number | null): FinishResult {
  return {
    ...stored,
    sessionId: session.id,
    game: session.game as GameId,
    mode: session.mode,
    level: session.level,
    xpAwarded,
    previousBest,
    newBest: previousBest === null || stored.score > previousBest,
  };
}

async function bestScore(userId: string, variant: { game: string; mode: string; level: string }, excludeId?: string): Promise<number | null> {
  const best = await db.gameSession.aggregate({
    where: { userId, game: variant.game, mode: variant.mode, level: variant.level, status: "FINISHED", ...(excludeId ? { id: { not: excludeId } } : {}) },
    _max: { score: true },
  });
  return best._max.score;
}

async function scheduleFacts(userId: string, level: string, facts: NonNullable<GameOutcome["facts"]>, tx: DbClient) {
  const now = new Date();
  const existing = await tx.gameFact.findMany({ where: { userId, level, key: { in: facts.map((f) => f.key) } }, select: { key: true, card: true } });
  const cards = new Map(existing.map((row) => [row.key, reviveFactCard(row.card)]));
  for (const fact of facts) {
    const card = scheduleFact(cards.get(fact.key) ?? null, factRating(fact), now);
    const data = { card: card as unknown as Prisma.InputJsonObject, due: card.due };
    await tx.gameFact.upsert({ where: { userId_level_key: { userId, level, key: fact.key } }, create: { userId, level, key: fact.key, ...data }, update: data });
  }
}

// ── Bests and leaderboards ──────────────────────────────────────────────────────────────────────

/** The learner's best score in every mode and level of a game they have finished. */
export async function personalBests(options: { userId: string; game: GameId }) {
  const rows = await db.gameSession.groupBy({
    by: ["mode", "level"],
    where: { userId: options.userId, game: options.game, status: "FINISHED" },
    _max: { score: true },
    _count: { _all: true },
  });
  return rows.map((row) => ({ mode: row.mode, level: row.level, best: row._max.score ?? 0, played: row._count._all }));
}

export type LeaderboardRow = { rank: number; name: string; score: number; you: boolean };

/**
 * Each player's best server-computed score in one game, mode and level, this UTC week or all time:
 * the top 10, and the viewer's own place when they are not among them.
 */
export async function leaderboard(options: { viewerId: string; period: "week" | "all" } & GameVariant) {
  const variant = requireVariant(options);
  const since = options.period === "week" ? startOfUtcWeek(new Date()) : new Date(0);
  const rows = await db.$queryRaw<{ userId: string; name: string; score: number; rank: bigint }[]>`
    WITH best AS (
      SELECT DISTINCT ON (s."userId") s."userId", s.score, s."finishedAt"
      FROM "GameSession" s
      WHERE s.game = ${variant.game} AND s.mode = ${variant.mode} AND s.level = ${variant.level}
        AND s.status = 'FINISHED' AND s."finishedAt" >= ${since}
      ORDER BY s."userId", s.score DESC, s."finishedAt" ASC
    ), ranked AS (
      SELECT b."userId", u.name, b.score, rank() OVER (ORDER BY b.score DESC) AS rank,
             row_number() OVER (ORDER BY b.score DESC, b."finishedAt" ASC) AS position
      FROM best b JOIN "User" u ON u.id = b."userId"
    )
    SELECT "userId", name, score, rank FROM ranked WHERE position <= 10 OR "userId" = ${options.viewerId}
    ORDER BY position`;
  const toRow = (row: (typeof rows)[number]): LeaderboardRow => ({ rank: Number(row.rank), name: row.name, score: row.score, you: row.userId === options.viewerId });
  return { ...variant, period: options.period, since, scoreLabel: GAMES[variant.game].scoreLabel, rows: rows.map(toRow) };
}

// ── Sending what was missed to review ───────────────────────────────────────────────────────────

/**
 * Turns the missed items of one of the learner's finished games (words, facts, mistyped words) into
 * their own flashcards. Adding the same card twice keeps one, so pressing it again adds nothing.
 */
export async function addMissedToReview(options: { userId: string; sessionId: string }): Promise<{ added: number; missed: number }> {
  const session = await db.gameSession.findFirst({ where: { id: options.sessionId, userId: options.userId }, select: { status: true, result: true } });
  if (!session) throw new DomainError("NOT_FOUND", "That game does not exist.");
  if (session.status !== "FINISHED") throw new DomainError("BAD_REQUEST", "Only a finished game's missed items can go to review.");
  const missed = ((session.result as StoredResult | null)?.missed ?? []).slice(0, 100);
  if (missed.length === 0) return { added: 0, missed: 0 };
  const { added } = await addCustomCards({ userId: options.userId, cards: missed.map((item) => ({ front: item.front, back: item.back, sourceLabel: "Missed in a game" })) });
  return { added, missed: missed.length };
}
