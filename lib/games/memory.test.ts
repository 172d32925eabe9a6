import { describe, expect, it } from "vitest";
import { dealMatchDeck, PICTURE_PAIRS, pickPairs, scoreMatch, scoreSequence, SEQUENCE_PAUSE_MS, sequenceFor } from "./memory";

const deck = dealMatchDeck(pickPairs(PICTURE_PAIRS, 6, 11), 11);
const partnerOf = (i: number) => deck.findIndex((c, j) => j !== i && c.pair === deck[i]!.pair);

function perfectFlips(gap = 500) {
  const flips: { t: number; card: number }[] = [];
  const done = new Set<number>();
  for (let i = 0; i < deck.length; i++) {
    if (done.has(i)) continue;
    const j = partnerOf(i);
    done.add(i).add(j);
    flips.push({ t: (flips.length + 1) * gap, card: i }, { t: (flips.length + 2) * gap, card: j });
  }
  return flips;
}

describe("match pairs", () => {
  it("deals each pair's two faces, shuffled by the seed", () => {
    expect(deck).toHaveLength(12);
    expect(new Set(deck.map((c) => c.pair)).size).toBe(6);
    expect(dealMatchDeck(pickPairs(PICTURE_PAIRS, 6, 11), 11)).toEqual(deck);
  });

  it("a perfect relaxed game scores 1000; misses cost moves", () => {
    expect(scoreMatch(deck, perfectFlips(), false)).toMatchObject({ pairs: 6, moves: 6, score: 1000, complete: true });
    const miss = deck.findIndex((c) => c.pair !== deck[0]!.pair);
    const flips = [{ t: 200, card: 0 }, { t: 400, card: miss }, ...perfectFlips().map((f) => ({ ...f, t: f.t + 1000 }))];
    expect(scoreMatch(deck, flips, false)).toMatchObject({ moves: 7, score: Math.round(6000 / 7) });
  });

  it("timed mode adds 10 points a second under 5 s per pair", () => {
    // 12 flips 500 ms apart: 6 s against a 30 s target → 240 bonus points.
    expect(scoreMatch(deck, perfectFlips(), true).score).toBe(1240);
  });

  it("rejects flips of matched cards and flips faster than a hand can move", () => {
    const flips = perfectFlips();
    expect(() => scoreMatch(deck, [...flips.slice(0, 2), { t: 5000, card: flips[0]!.card }], false)).toThrow(/already matched/);
    expect(() => scoreMatch(deck, perfectFlips(50), false)).toThrow(/faster than humanly possible/);
  });
});

describe("sequence", () => {
  const level = { tiles: 4, stepMs: 900 };
  const sequence = sequenceFor(5, 4);

  // Presses rounds 1..n right, each after its playback, then one wrong press.
  function play(rounds: number) {
    const presses: { t: number; tile: number }[] = [];
    let t = 0;
    for (let round = 1; round <= rounds; round++) {
      t += SEQUENCE_PAUSE_MS + round * level.stepMs;
      for (let i = 0; i < round; i++) {
        t += 300;
        presses.push({ t, tile: sequence[i]! });
      }
    }
    t += SEQUENCE_PAUSE_MS + (rounds + 1) * level.stepMs + 300;
    presses.push({ t, tile: (sequence[0]! + 1) % 4 });
    return presses;
  }

  it("scores the longest sequence repeated before the first mistake", () => {
    expect(sequence.every((tile) => tile >= 0 && tile < 4)).toBe(true);
    expect(scoreSequence(sequence, play(3), level)).toMatchObject({ longest: 3, ended: "mistake" });
    expect(scoreSequence(sequence, play(0), level)).toMatchObject({ longest: 0 });
  });

  it("rejects answers given before the sequence finished playing, and logs that go on or stop early", () => {
    expect(() => scoreSequence(sequence, [{ t: 200, tile: sequence[0]! }], level)).toThrow(/before its sequence had finished/);
    expect(() => scoreSequence(sequence, play(2).slice(0, -1), level)).toThrow(/stops before/);
    const log = play(1);
    expect(() => scoreSequence(sequence, [...log, { t: log.at(-1)!.t + 5000, tile: 0 }], level)).toThrow(/goes on after/);
  });
});
