import { z } from "zod";
import { SEQUENCE_LEVELS, TYPING_WORD_MODES, GAMES, type GameId } from "./catalog";
import type { DealtItem, EnglishItem } from "./english";
import { scoreEnglish } from "./english";
import { type GradedAnswer, type MathLevel, scoreMath, slowMs } from "./math";
import { type MatchCard, scoreMatch, scoreSequence } from "./memory";
import { ImplausibleLogError } from "./plausibility";
import { checkTypingLog, typingDuration, typingMetrics } from "./typing";

/** What the server deals at the start of a session, stored with it and replayed at the finish. */
export type DealtContent =
  | { game: "typing"; words: string[] }
  | { game: "math"; reviewFacts: string[] }
  | { game: "match"; deck: MatchCard[]; labels: Record<string, string> }
  | { game: "sequence"; sequence: number[] }
  | { game: "english"; items: DealtItem[] };

/** The dealt content minus anything that would give the answers away (English answers). */
export type PlayerContent =
  | Exclude<DealtContent, { game: "english" }>
  | { game: "english"; items: EnglishItem[] };

export function toPlayerContent(content: DealtContent): PlayerContent {
  if (content.game === "english") return { game: "english", items: content.items.map((d) => d.item) };
  return content;
}

const MAX_EVENTS = 5_000;
const time = z.number().int().min(0).max(24 * 3600 * 1000);

/** The event logs a client sends, one shape per game; times are ms since the game's start. */
export const gameEventsInput = z.discriminatedUnion("game", [
  z.object({ game: z.literal("typing"), keys: z.array(z.object({ t: time, k: z.string().min(1).max(2) }).strict()).max(MAX_EVENTS) }).strict(),
  z.object({ game: z.literal("math"), answers: z.array(z.object({ t: time, answer: z.string().max(12) }).strict()).max(1_000) }).strict(),
  z.object({ game: z.literal("match"), flips: z.array(z.object({ t: time, card: z.number().int().min(0).max(100) }).strict()).max(1_000) }).strict(),
  z.object({ game: z.literal("sequence"), presses: z.array(z.object({ t: time, tile: z.number().int().min(0).max(20) }).strict()).max(1_000) }).strict(),
  z.object({ game: z.literal("english"), answers: z.array(z.object({ t: time, answer: z.string().max(80) }).strict()).max(50) }).strict(),
]);
export type GameEvents = z.infer<typeof gameEventsInput>;

export type MissedItem = { front: string; back: string };

export type GameOutcome = {
  /** The figure personal bests and leaderboards rank (higher is better). */
  score: number;
  /** Share (0–1) of the game's maximum XP this result earns. */
  fraction: number;
  /** The figures the result screen shows, by name. */
  stats: Record<string, number>;
  /** Typing: words per minute and accuracy, recorded with the XP event for badges. */
  wpm?: number;
  accuracy?: number;
  /** What was missed: candidates for flashcards. */
  missed: MissedItem[];
  /** Math: every fact answered, for the fact schedule. */
  facts?: { key: string; correct: boolean; slow: boolean }[];
  /** Typing: per-key error counts. */
  keys?: Record<string, { typed: number; errors: number }>;
  /** The last event's time: the log cannot be longer than the session lasted. */
  lastEventMs: number;
};

/**
 * Recomputes a session's result from its event log with the same formulas the game screen shows,
 * and rejects logs no person could produce (ImplausibleLogError).
 */
export function scoreGame(session: { game: GameId; mode: string; level: string; seed: number; content: DealtContent }, events: GameEvents): GameOutcome {
  if (events.game !== session.game || session.content.game !== session.game) throw new ImplausibleLogError("That event log belongs to a different game.");
  const content = session.content;
  switch (events.game) {
    case "typing": {
      if (content.game !== "typing") break;
      const limitMs = (GAMES.typing.modes as Record<string, { limitMs: number | null }>)[session.mode]?.limitMs ?? null;
      const words = limitMs === null ? content.words.slice(0, TYPING_WORD_MODES[session.mode as keyof typeof TYPING_WORD_MODES]) : content.words;
      const keys = limitMs === null ? events.keys : events.keys.filter((key) => key.t <= limitMs + 1_500);
      const metrics = typingMetrics(words, keys, typingDuration(keys, limitMs));
      checkTypingLog(events.keys, metrics, limitMs);
      if (limitMs === null && metrics.wordsCompleted + metrics.missedWords.length < words.length) {
        throw new ImplausibleLogError("The typing log stops before the last word.");
      }
      return {
        score: metrics.wpm,
        fraction: Math.min(1, metrics.wpm / 40) * (metrics.accuracy / 100),
        stats: { wpm: metrics.wpm, raw: metrics.raw, accuracy: metrics.accuracy, consistency: metrics.consistency, ...prefixed("chars", metrics.chars), seconds: metrics.durationMs / 1000 },
        wpm: metrics.wpm,
        accuracy: metrics.accuracy,
        missed: [...new Set(metrics.missedWords)].map((word) => ({ front: word, back: `A word you mistyped in a typing test: ${word}` })),
        keys: metrics.keys,
        lastEventMs: events.keys.at(-1)?.t ?? 0,
      };
    }
    case "math": {
      if (content.game !== "math") break;
      const level = session.level as MathLevel;
      const result = scoreMath({ level, mode: session.mode as "sprint" | "practice", seed: session.seed, reviewFacts: content.reviewFacts, answers: events.answers });
      if (session.mode === "practice" && result.attempted < 20) throw new ImplausibleLogError("The practice log stops before the last fact.");
      const facts = dedupeFacts(result.graded, slowMs(level));
      return {
        score: result.correct,
        fraction: Math.min(1, result.correct / 20) * (result.attempted ? result.correct / result.attempted : 0),
        stats: { correct: result.correct, attempted: result.attempted, accuracy: result.accuracy, answersPerMinute: result.answersPerMinute },
        accuracy: result.accuracy,
        missed: result.graded.filter((g) => !g.correct).map((g) => ({ front: `${g.problem.a} ${g.problem.op} ${g.problem.b} = ?`, back: String(g.problem.answer) })),
        facts,
        lastEventMs: events.answers.at(-1)?.t ?? 0,
      };
    }
    case "match": {
      if (content.game !== "match") break;
      const result = scoreMatch(content.deck, events.flips, session.mode === "timed");
      if (!result.complete) throw new ImplausibleLogError("The game log stops before every pair was matched.");
      return {
        score: result.score,
        fraction: result.moves ? result.pairs / result.moves : 0,
        stats: { score: result.score, moves: result.moves, pairs: result.pairs, seconds: Math.round(result.durationMs / 100) / 10 },
        missed: [],
        lastEventMs: result.durationMs,
      };
    }
    case "sequence": {
      if (content.game !== "sequence") break;
      const level = SEQUENCE_LEVELS[session.level as keyof typeof SEQUENCE_LEVELS];
      const result = scoreSequence(content.sequence, events.presses, level);
      return {
        score: result.longest,
        fraction: Math.min(1, result.longest / 10),
        stats: { longest: result.longest, seconds: Math.round(result.durationMs / 100) / 10 },
        missed: [],
        lastEventMs: result.durationMs,
      };
    }
    case "english": {
      if (content.game !== "english") break;
      const result = scoreEnglish(content.items, events.answers);
      return {
        score: result.correct,
        fraction: result.total ? result.correct / result.total : 0,
        stats: { correct: result.correct, total: result.total, accuracy: result.accuracy },
        accuracy: result.accuracy,
        missed: result.missed.map((m) => ({ front: m.word, back: m.definition })),
        lastEventMs: result.durationMs,
      };
    }
  }
  throw new ImplausibleLogError("That event log belongs to a different game.");
}

function prefixed(prefix: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${prefix}.${key}`, value]));
}

// A fact asked twice in one session is scheduled by its worst answer.
function dedupeFacts(graded: readonly GradedAnswer[], slow: number): { key: string; correct: boolean; slow: boolean }[] {
  const byKey = new Map<string, { key: string; correct: boolean; slow: boolean }>();
  for (const g of graded) {
    const current = byKey.get(g.problem.key);
    const next = { key: g.problem.key, correct: g.correct, slow: g.ms >= slow };
    if (!current || (!next.correct && current.correct) || (next.slow && current.correct === next.correct)) byKey.set(g.problem.key, next);
  }
  return [...byKey.values()];
}
