import { describe, expect, it } from "vitest";
import { cueAt } from "./cues";

describe("cueAt", () => {
  const cues = [
    { start: 0, end: 1.5 },
    { start: 1.85, end: 4 },
    { start: 4.35, end: 6 },
  ];

  it("finds the line that is being heard, the pause after a line counting as that line", () => {
    expect(cueAt(cues, 0)).toBe(0);
    expect(cueAt(cues, 1.6)).toBe(0);
    expect(cueAt(cues, 1.85)).toBe(1);
    expect(cueAt(cues, 4.34)).toBe(1);
    expect(cueAt(cues, 5)).toBe(2);
    expect(cueAt(cues, 99)).toBe(2);
  });
});
