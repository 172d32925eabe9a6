import { describe, expect, it } from "vitest";
import { levelFor, xpForLevel } from "./levels";

describe("levels", () => {
  it("follows the stated curve", () => {
    expect([1, 2, 3, 4, 10].map(xpForLevel)).toEqual([0, 100, 300, 600, 4500]);
  });

  it("puts every total on the right level, exactly at the thresholds too", () => {
    expect(levelFor(0)).toEqual({ level: 1, xpIntoLevel: 0, xpForNextLevel: 100, nextLevelAt: 100 });
    expect(levelFor(99).level).toBe(1);
    expect(levelFor(100)).toEqual({ level: 2, xpIntoLevel: 0, xpForNextLevel: 200, nextLevelAt: 300 });
    expect(levelFor(4499).level).toBe(9);
    expect(levelFor(4500).level).toBe(10);
    for (let xp = 0; xp < 20_000; xp += 37) {
      const { level } = levelFor(xp);
      expect(xpForLevel(level)).toBeLessThanOrEqual(xp);
      expect(xpForLevel(level + 1)).toBeGreaterThan(xp);
    }
  });
});
