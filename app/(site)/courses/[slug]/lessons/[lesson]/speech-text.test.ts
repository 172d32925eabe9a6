import { describe, expect, it } from "vitest";
import { markdownToSpeech } from "./speech-text";

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
