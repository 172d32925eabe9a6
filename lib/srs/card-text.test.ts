import { describe, expect, it } from "vitest";
import { cardFaceOf, sectionTypeOf } from "./card-text";

describe("cards from lesson items", () => {
  it("makes a card of each card-like item", () => {
    expect(cardFaceOf("flashcard", { front: "Q?", back: "A." })).toEqual({ front: "Q?", back: "A.", kindLabel: "Flashcard" });
    expect(cardFaceOf("glossary", { term: "Epoch", definition: "One pass.", card: true })?.front).toBe("Epoch");
    expect(cardFaceOf("key-concept", { term: "Transfer", explanation: "Reuse **features**." })?.back).toBe("Reuse **features**.");
    expect(cardFaceOf("memory-aid", { kind: "acronym", title: "SMART goals", text: "S M A R T", explanation: "Specific…" })).toEqual({
      front: "SMART goals",
      back: "S M A R T\n\nSpecific…",
      kindLabel: "Memory aid (acronym)",
    });
  });

  it("makes none of other items or of items turned off", () => {
    expect(cardFaceOf("example", { title: "x", scenario: "y" })).toBeNull();
    expect(cardFaceOf("question", { prompt: "x" })).toBeNull();
    expect(cardFaceOf("glossary", { term: "Epoch", definition: "One pass.", card: false })).toBeNull();
  });

  it("links each kind to its section", () => {
    expect(sectionTypeOf("glossary")).toBe("glossary");
    expect(sectionTypeOf("key-concept")).toBe("key-concepts");
    expect(sectionTypeOf("memory-aid")).toBe("memory-aids");
    expect(sectionTypeOf("flashcard")).toBe("flashcards");
  });
});
