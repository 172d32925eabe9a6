import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/ml/random";
import { dealEnglish, ENGLISH_ITEMS, GRAMMAR_ITEMS, sameAnswer, scoreEnglish, scramble } from "./english";

const words = Array.from({ length: 40 }, (_, i) => ({ word: `word${String.fromCharCode(97 + (i % 26))}${i}`, definition: `definition number ${i}` }));

describe("English items", () => {
  it("deals the same items for the same seed, and vocabulary offers the word among four distinct options", () => {
    const items = dealEnglish({ mode: "vocabulary", band: "core", seed: 9, words });
    expect(items).toHaveLength(ENGLISH_ITEMS);
    expect(dealEnglish({ mode: "vocabulary", band: "core", seed: 9, words })).toEqual(items);
    for (const { item, answer } of items) {
      if (item.kind !== "vocabulary") throw new Error("expected a vocabulary item");
      expect(new Set(item.options).size).toBe(4);
      expect(item.options).toContain(answer);
      expect(words.find((w) => w.word === answer)?.definition).toBe(item.definition);
    }
  });

  it("scrambles always differ from the word and keep its letters", () => {
    const random = createRandom(1);
    for (const word of ["cat", "apple", "banana", "see"]) {
      const s = scramble(word, random);
      expect(s).not.toBe(word);
      expect([...s].sort()).toEqual([...word].sort());
    }
  });

  it("grammar items offer the correct form among the options", () => {
    for (const { item, answer } of dealEnglish({ mode: "grammar", band: "starter", seed: 2, words: [] })) {
      expect(item.kind).toBe("grammar");
      if (item.kind === "grammar") expect(item.options).toContain(answer);
    }
    for (const band of ["starter", "core", "advanced"] as const) expect(GRAMMAR_ITEMS[band].length).toBeGreaterThanOrEqual(ENGLISH_ITEMS);
  });
});

describe("English scoring", () => {
  const dealt = dealEnglish({ mode: "spelling", band: "starter", seed: 4, words, count: 3 });

  it("marks answers ignoring case and spaces, and lists missed words for review", () => {
    const answers = [
      { t: 3000, answer: ` ${dealt[0]!.answer.toUpperCase()} ` },
      { t: 6000, answer: "wrong" },
      { t: 9000, answer: dealt[2]!.answer },
    ];
    const result = scoreEnglish(dealt, answers);
    expect(result.correct).toBe(2);
    expect(result.accuracy).toBe(66.7);
    expect(result.missed).toEqual([{ word: dealt[1]!.answer, definition: (dealt[1]!.item as { definition: string }).definition }]);
    expect(sameAnswer("Cat", "cat")).toBe(true);
  });

  it("rejects a word typed faster than humanly possible and logs with missing answers", () => {
    expect(() => scoreEnglish(dealt, [{ t: 3000, answer: "a" }, { t: 3350, answer: "b" }, { t: 9000, answer: "c" }])).toThrow(/faster than humanly possible/);
    expect(() => scoreEnglish(dealt, [{ t: 3000, answer: "a" }])).toThrow(/stops before/);
  });
});
