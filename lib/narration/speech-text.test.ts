import { describe, expect, it } from "vitest";
import { chapterSegments, markdownToSpeech } from "./speech-text";

describe("markdownToSpeech", () => {
  it("keeps the words and drops the markup", () => {
    expect(markdownToSpeech("## Why\n\nA **frozen** base and a [new head](https://x.test) learn `fast`.\n\n- one\n- two")).toBe(
      "Why A frozen base and a new head learn fast. one two",
    );
  });

  it("reads code blocks as text and leaves plain prose alone", () => {
    expect(markdownToSpeech("```python\nmodel.fit()\n```")).toBe("model.fit()");
    expect(markdownToSpeech("Plain words, 3 * 4 = 12.")).toBe("Plain words, 3 * 4 = 12.");
  });
});

describe("chapterSegments", () => {
  it("reads the title, each point, then the explanation and the analogy without markup", () => {
    expect(chapterSegments({ title: "Freezing", points: ["Keep the base", "Train the head"], explanation: "The **base** stays.", analogy: "Like _scaffolding_." })).toEqual([
      "Freezing",
      "Keep the base",
      "Train the head",
      "The base stays.",
      "Analogy. Like scaffolding.",
    ]);
  });
});
