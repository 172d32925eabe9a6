import { describe, expect, it } from "vitest";
import { ImplausibleLogError } from "./plausibility";
import { applyKeystrokes, BACKSPACE, checkTypingLog, consistency, type Keystroke, typingMetrics, wordLetters } from "./typing";

/** Keystrokes from a string, one every `gap` ms from 0; "<" stands for Backspace. */
function keys(text: string, gap: number): Keystroke[] {
  return [...text].map((k, i) => ({ t: i * gap, k: k === "<" ? BACKSPACE : k }));
}

describe("typing metrics (hand-computed)", () => {
  it("a clean words test: wpm counts word characters plus the spaces after correct words", () => {
    // "the cat" in 1.2 s: 3 + 1 + 3 = 7 chars → 1.4 words in 0.02 min = 70 wpm; 7 keypresses = 70 raw.
    const log = keys("the cat", 200);
    const m = typingMetrics(["the", "cat"], log, 1200);
    expect(m.wpm).toBe(70);
    expect(m.raw).toBe(70);
    expect(m.accuracy).toBe(100);
    expect(m.chars).toEqual({ correct: 6, incorrect: 0, extra: 0, missed: 0 });
    // Second 0: 5 keys → 60 wpm; the last 0.2 s: 2 keys → 120 wpm; c = 30/90 = 1/3.
    expect(m.consistency).toBe(66.67);
    expect(m.wordsCompleted).toBe(2);
  });

  it("a corrected error lowers accuracy and raw-vs-wpm, not the final characters", () => {
    // t h x ⌫ e ␣ c a t, 250 ms apart: 2 s, 8 typed characters, one wrong (x where e was due).
    const m = typingMetrics(["the", "cat"], keys("thx<e cat", 250), 2000);
    expect(m.wpm).toBe(42); // 7 / 5 / (2/60)
    expect(m.raw).toBe(48); // 8 / 5 / (2/60)
    expect(m.accuracy).toBe(87.5); // 7 / 8
    expect(m.chars).toEqual({ correct: 6, incorrect: 0, extra: 0, missed: 0 });
    expect(m.keys.e).toEqual({ typed: 2, errors: 1 });
    // Per second: 3 keys (36 wpm), then 5 keys (60 wpm): c = 12/48 = 0.25.
    expect(m.consistency).toBe(75);
  });

  it("extra and missed characters: wrong words count neither toward wpm nor their spaces", () => {
    // "thee ca sat" for "the cat sat", 100 ms apart, 1 s.
    const m = typingMetrics(["the", "cat", "sat"], keys("thee ca sat", 100), 1000);
    expect(m.chars).toEqual({ correct: 8, incorrect: 0, extra: 1, missed: 1 });
    expect(m.wpm).toBe(36); // only "sat": 3 / 5 / (1/60)
    expect(m.raw).toBe(132); // 11 / 5 / (1/60)
    expect(m.accuracy).toBe(72.73); // the extra e and both spaces after wrong words: 8 / 11
    expect(m.missedWords).toEqual(["the", "cat"]);
    expect(m.consistency).toBe(100);
  });

  it("timed: a wrong letter is incorrect, and the word in progress counts if right so far", () => {
    const m = typingMetrics(["go", "up", "now"], keys("go ux no", 100), 15_000);
    expect(m.chars).toEqual({ correct: 5, incorrect: 1, extra: 0, missed: 0 });
    expect(m.wpm).toBe(4); // (2 + 1 + 2) / 5 / 0.25
    expect(m.raw).toBe(6.4); // 8 / 5 / 0.25
    expect(m.accuracy).toBe(75); // x and the space after "ux" were wrong
    expect(m.keys.p).toEqual({ typed: 1, errors: 1 });
  });

  it("Backspace steps back into a wrong word but not into a correct one", () => {
    expect(applyKeystrokes(["a", "b"], keys("x <<a b", 10)).inputs).toEqual(["a", "b"]);
    expect(applyKeystrokes(["a", "b"], keys("a <b", 10))).toEqual({ inputs: ["a", "b"], word: 2 });
  });

  it("consistency is 100 for an even pace and falls as the pace varies", () => {
    expect(consistency([50, 50, 50])).toBe(100);
    expect(consistency([20, 80])).toBeLessThan(consistency([40, 60]));
    expect(consistency([])).toBe(0);
  });
});

describe("typing plausibility", () => {
  it("rejects typing above 350 wpm", () => {
    const words = Array.from({ length: 30 }, () => "the");
    const log = keys(words.join(" "), 25); // 480 wpm
    const m = typingMetrics(words, log, log.at(-1)!.t);
    expect(() => checkTypingLog(log, m, null)).toThrow(ImplausibleLogError);
    expect(() => checkTypingLog(log, m, null)).toThrow(/above the 350 wpm/);
  });

  it("rejects keystrokes after a timed test ended, and out-of-order logs", () => {
    const late = [...keys("go", 200), { t: 17_000, k: " " }];
    expect(() => checkTypingLog(late, typingMetrics(["go"], late, 15_000), 15_000)).toThrow(/longer than the 15 s/);
    const shuffledLog = [{ t: 500, k: "g" }, { t: 100, k: "o" }];
    expect(() => checkTypingLog(shuffledLog, typingMetrics(["go"], shuffledLog, 15_000), 15_000)).toThrow(/out of order/);
  });

  it("accepts an ordinary log", () => {
    const log = keys("the cat", 200);
    expect(() => checkTypingLog(log, typingMetrics(["the", "cat"], log, 1200), null)).not.toThrow();
  });
});

describe("letters as shown while typing", () => {
  const states = (word: string, typed: string, submitted: boolean) => wordLetters(word, typed, submitted).map((l) => `${l.char}:${l.state}`);
  it("marks right, wrong and pending letters of the word in progress", () => {
    expect(states("then", "tge", false)).toEqual(["t:correct", "h:incorrect", "e:correct", "n:pending"]);
  });
  it("adds letters typed past the end as extra", () => {
    expect(states("the", "thee", false)).toEqual(["t:correct", "h:correct", "e:correct", "e:extra"]);
  });
  it("marks what a word submitted early never got as missed", () => {
    expect(states("world", "wo", true)).toEqual(["w:correct", "o:correct", "r:missed", "l:missed", "d:missed"]);
  });
});
