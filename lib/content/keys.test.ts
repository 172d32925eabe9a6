import { describe, expect, it } from "vitest";
import { findKeyProblems, resolveKey, slugifyKey } from "./keys";

describe("slugifyKey", () => {
  it("makes lowercase ASCII words joined by hyphens", () => {
    expect(slugifyKey("What is Transfer Learning?")).toBe("what-is-transfer-learning");
    expect(slugifyKey("  Feature  extraction -- vs. fine-tuning  ")).toBe("feature-extraction-vs-fine-tuning");
    expect(slugifyKey("Café déjà vu, naïve Ångström")).toBe("cafe-deja-vu-naive-angstrom");
    expect(slugifyKey("F1 score (2 × P × R)")).toBe("f1-score-2-p-r");
  });

  it("cuts to 80 characters without a trailing hyphen", () => {
    const key = slugifyKey(`${"a".repeat(79)} bcd`);
    expect(key).toBe("a".repeat(79));
    expect(slugifyKey("word ".repeat(40)).length).toBeLessThanOrEqual(80);
    expect(slugifyKey("word ".repeat(40))).not.toMatch(/-$/);
  });

  it("returns an empty key when nothing is left", () => {
    expect(slugifyKey("???")).toBe("");
    expect(slugifyKey("日本語")).toBe("");
  });
});

describe("resolveKey", () => {
  it("prefers the explicit key", () => {
    expect(resolveKey("glossary", { key: "my-key", term: "Something else" })).toEqual({
      ok: true,
      key: "my-key",
      explicit: true,
      field: "key",
    });
  });

  it("derives the key from each kind's identifying field", () => {
    expect(resolveKey("scene", { title: "Opening Scene" })).toMatchObject({ key: "opening-scene", field: "title" });
    expect(resolveKey("chapter", { title: "Chapter 1" })).toMatchObject({ key: "chapter-1", field: "title" });
    expect(resolveKey("key-concept", { term: "Frozen base" })).toMatchObject({ key: "frozen-base", field: "term" });
    expect(resolveKey("example", { title: "A cat classifier" })).toMatchObject({ key: "a-cat-classifier", field: "title" });
    expect(resolveKey("memory-aid", { title: "FEFT" })).toMatchObject({ key: "feft", field: "title" });
    expect(resolveKey("glossary", { term: "Epoch" })).toMatchObject({ key: "epoch", field: "term" });
    expect(resolveKey("flashcard", { front: "What is an epoch?" })).toMatchObject({ key: "what-is-an-epoch", field: "front" });
    expect(resolveKey("question", { prompt: "Which layers are frozen?" })).toMatchObject({
      key: "which-layers-are-frozen",
      field: "prompt",
    });
    expect(resolveKey("choice", { text: "The last ones" })).toMatchObject({
      key: "the-last-ones",
      field: "text",
      explicit: false,
    });
  });

  it("fails when no key can be derived", () => {
    expect(resolveKey("flashcard", { front: "???" })).toEqual({
      ok: false,
      field: "front",
      message: "cannot derive a key from this front; add an explicit key",
    });
  });
});

describe("findKeyProblems", () => {
  const label = (index: number) => `items[${index}]`;

  it("reports duplicates, explicit or derived, instead of suffixing them", () => {
    const problems = findKeyProblems(
      [
        { index: 0, resolved: resolveKey("glossary", { term: "Epoch" }) },
        { index: 1, resolved: resolveKey("glossary", { term: "epoch!" }) },
        { index: 2, resolved: resolveKey("glossary", { key: "epoch", term: "Other" }) },
        { index: 3, resolved: resolveKey("glossary", { key: "other", term: "Epoch again" }) },
      ],
      label,
    );
    expect(problems).toEqual([
      { index: 1, field: "term", message: 'derived key "epoch" is already used by items[0]; give one of them an explicit key' },
      { index: 2, field: "key", message: 'key "epoch" is already used by items[0]' },
    ]);
  });

  it("reports keys that cannot be derived", () => {
    expect(findKeyProblems([{ index: 0, resolved: resolveKey("question", { prompt: "?" }) }], label)).toEqual([
      { index: 0, field: "prompt", message: "cannot derive a key from this prompt; add an explicit key" },
    ]);
  });

  it("accepts distinct keys", () => {
    expect(
      findKeyProblems(
        [0, 1].map((index) => ({ index, resolved: resolveKey("flashcard", { front: `Card ${index}` }) })),
        label,
      ),
    ).toEqual([]);
  });
});
