import { describe, expect, it } from "vitest";
import { dealEnglish } from "./english";
import { ImplausibleLogError } from "./plausibility";
import { scoreGame, toPlayerContent } from "./session";

const words = ["the", "cat", "sat", "on", "a", "mat", "and", "then", "it", "slept"];
const typing = { game: "typing" as const, mode: "words-10", level: "common", seed: 1, content: { game: "typing" as const, words } };

function keysFor(text: string, gap: number) {
  return [...text].map((k, i) => ({ t: i * gap, k }));
}

describe("scoreGame", () => {
  it("scores a typing log with the typing formulas and scales XP by wpm and accuracy", () => {
    const outcome = scoreGame(typing, { game: "typing", keys: keysFor(words.join(" "), 300) });
    // 38 characters over 37 × 300 ms: 38 / 5 / (11.1 / 60) = 41.08 wpm, all correct → full XP share.
    expect(outcome.score).toBe(41.08);
    expect(outcome.wpm).toBe(41.08);
    expect(outcome.accuracy).toBe(100);
    expect(outcome.fraction).toBe(1);
    expect(outcome.missed).toEqual([]);
    expect(outcome.lastEventMs).toBe(37 * 300);
  });

  it("rejects a words test that stops before the last word, and a log of another game", () => {
    expect(() => scoreGame(typing, { game: "typing", keys: keysFor("the cat sat", 300) })).toThrow(/stops before the last word/);
    expect(() => scoreGame(typing, { game: "math", answers: [] })).toThrow(ImplausibleLogError);
  });

  it("lists mistyped words as review candidates", () => {
    const text = ["teh", ...words.slice(1)].join(" ");
    const outcome = scoreGame(typing, { game: "typing", keys: keysFor(text, 300) });
    expect(outcome.missed.map((m) => m.front)).toEqual(["the"]);
    expect(outcome.accuracy).toBeLessThan(100);
  });

  it("hides English answers from the player's copy of the content", () => {
    const items = dealEnglish({ mode: "spelling", band: "starter", seed: 1, words: [{ word: "apple", definition: "a fruit" }] });
    const content = toPlayerContent({ game: "english", items });
    expect(JSON.stringify(content)).not.toContain('"answer"');
  });
});
