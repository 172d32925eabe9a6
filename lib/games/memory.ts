import { createRandom, shuffled } from "@/lib/ml/random";
import { checkTimeline, ImplausibleLogError } from "./plausibility";

// ── Match pairs ─────────────────────────────────────────────────────────────────────────────────

export type MatchPair = { a: string; b: string };
export type MatchCard = { pair: number; face: string };

/** Picture ↔ word pairs for young readers (emoji carry an accessible name: the word itself is the match). */
export const PICTURE_PAIRS: readonly MatchPair[] = [
  { a: "🐶", b: "dog" },
  { a: "🐱", b: "cat" },
  { a: "🐟", b: "fish" },
  { a: "🍎", b: "apple" },
  { a: "🌞", b: "sun" },
  { a: "🚗", b: "car" },
  { a: "🏠", b: "house" },
  { a: "🌳", b: "tree" },
  { a: "⭐", b: "star" },
  { a: "🐦", b: "bird" },
  { a: "📚", b: "book" },
  { a: "🍌", b: "banana" },
];

/** Spoken names of the pictures, so a screen reader announces a card by what it shows. */
export const PICTURE_NAMES: Record<string, string> = Object.fromEntries(PICTURE_PAIRS.map((p) => [p.a, `picture of a ${p.b}`]));

/** The deck: each pair's two faces, shuffled by the seed. */
export function dealMatchDeck(pairs: readonly MatchPair[], seed: number): MatchCard[] {
  const cards = pairs.flatMap((pair, i) => [
    { pair: i, face: pair.a },
    { pair: i, face: pair.b },
  ]);
  return shuffled(cards, createRandom(seed));
}

/** Picks `count` pairs from a source, seeded. */
export function pickPairs(source: readonly MatchPair[], count: number, seed: number): MatchPair[] {
  return shuffled(source, createRandom(seed ^ 0x5bd1e995)).slice(0, count);
}

export type Flip = { t: number; card: number };
export type MatchResult = { pairs: number; moves: number; durationMs: number; score: number; complete: boolean };

/** A flip is a click or a key press on a card; nobody turns two cards within this. */
export const MATCH_MIN_FLIP_MS = 120;
/** Time bonus: 5 s per pair is a brisk game; each second faster earns 10 points. */
const MATCH_SECONDS_PER_PAIR = 5;

/**
 * Replays the flips: cards turn two at a time (a move); a pair stays up, a miss turns back when the
 * next card is flipped. Score = 1000 × pairs / moves (1,000 is a perfect memory), plus in timed
 * mode 10 points per second under 5 s per pair.
 */
export function scoreMatch(deck: readonly MatchCard[], flips: readonly Flip[], timed: boolean): MatchResult {
  checkTimeline(
    flips.map((f) => f.t),
    { minGapMs: MATCH_MIN_FLIP_MS, what: "card flips" },
  );
  const pairs = deck.length / 2;
  const matched = new Set<number>();
  let open: number | null = null;
  let moves = 0;
  for (const { card } of flips) {
    if (!Number.isInteger(card) || card < 0 || card >= deck.length) throw new ImplausibleLogError("The game log flips a card that is not on the table.");
    if (matched.has(deck[card]!.pair)) throw new ImplausibleLogError("The game log flips a card that is already matched.");
    if (matched.size === pairs) throw new ImplausibleLogError("The game log goes on after every pair was matched.");
    if (open === null) {
      open = card;
      continue;
    }
    if (open === card) throw new ImplausibleLogError("The game log flips the same card twice in one move.");
    moves += 1;
    if (deck[open]!.pair === deck[card]!.pair) matched.add(deck[card]!.pair);
    open = null;
  }
  const durationMs = flips.length ? flips[flips.length - 1]!.t : 0;
  const complete = matched.size === pairs;
  let score = complete && moves > 0 ? Math.round((1000 * pairs) / moves) : 0;
  if (complete && timed) score += Math.max(0, Math.round(10 * (MATCH_SECONDS_PER_PAIR * pairs - durationMs / 1000)));
  return { pairs: matched.size, moves, durationMs, score, complete };
}

// ── Sequence (Simon) ────────────────────────────────────────────────────────────────────────────

export type SequenceLevel = { tiles: number; stepMs: number };
export const SEQUENCE_MAX = 40;
/** The pause before each playback starts, after the last press of the round before. */
export const SEQUENCE_PAUSE_MS = 600;
export const SEQUENCE_TILE_NAMES = ["red", "blue", "green", "yellow", "purple", "orange", "pink", "teal", "brown"] as const;

export function sequenceFor(seed: number, tiles: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: SEQUENCE_MAX }, () => Math.floor(random() * tiles));
}

export type Press = { t: number; tile: number };
export type SequenceResult = { longest: number; rounds: number; durationMs: number; ended: "mistake" | "complete" };

/**
 * Replays the presses: round r plays the first r tiles, then the player repeats them; a wrong press
 * ends the game. Score = the longest sequence repeated. A round's first press cannot come before
 * its playback has finished (the pause plus one step per tile).
 */
export function scoreSequence(sequence: readonly number[], presses: readonly Press[], level: SequenceLevel): SequenceResult {
  checkTimeline(
    presses.map((p) => p.t),
    { minGapMs: 100, what: "tile presses" },
  );
  let round = 1;
  let position = 0;
  let roundEnd = 0;
  let longest = 0;
  for (let i = 0; i < presses.length; i++) {
    const press = presses[i]!;
    if (!Number.isInteger(press.tile) || press.tile < 0 || press.tile >= level.tiles) throw new ImplausibleLogError("The game log presses a tile that is not on the board.");
    if (position === 0) {
      // Playback takes the pause plus `round` steps; allow a fifth for timers firing early.
      const earliest = roundEnd + 0.8 * (SEQUENCE_PAUSE_MS + round * level.stepMs);
      if (press.t < earliest) throw new ImplausibleLogError(`Round ${round} was answered before its sequence had finished playing.`);
    }
    if (press.tile !== sequence[position]) {
      if (i !== presses.length - 1) throw new ImplausibleLogError("The game log goes on after the game ended.");
      return { longest, rounds: round, durationMs: press.t, ended: "mistake" };
    }
    position += 1;
    if (position === round) {
      longest = round;
      roundEnd = press.t;
      position = 0;
      round += 1;
      if (round > SEQUENCE_MAX) {
        if (i !== presses.length - 1) throw new ImplausibleLogError("The game log goes on after the game ended.");
        return { longest, rounds: SEQUENCE_MAX, durationMs: press.t, ended: "complete" };
      }
    }
  }
  throw new ImplausibleLogError("The game log stops before the game ended.");
}
