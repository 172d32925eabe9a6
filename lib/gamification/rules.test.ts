import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { XP_RULES, baseXp, capXp } from "./rules";

describe("XP rules", () => {
  it("are documented in docs/architecture.md exactly as the code applies them", () => {
    const readme = readFileSync(path.join(__dirname, "..", "..", "docs", "architecture.md"), "utf8");
    const table = readme.split("<!-- xp-rules:start -->")[1]?.split("<!-- xp-rules:end -->")[0] ?? "";
    const rows = table
      .split("\n")
      .filter((line) => line.startsWith("| ") && line.includes("`"))
      .map((line) => line.split("|").map((cell) => cell.trim()));
    const documented = Object.fromEntries(rows.map((cells) => [cells[2]!.replaceAll("`", ""), { label: cells[1], xp: cells[3], cap: cells[4], once: cells[5] }]));
    const expected = Object.fromEntries(
      Object.entries(XP_RULES).map(([rule, entry]) => [
        rule,
        { label: entry.label, xp: entry.xp === entry.maxXp ? String(entry.xp) : `up to ${entry.maxXp}`, cap: entry.dailyCap === null ? "—" : String(entry.dailyCap), once: entry.once },
      ]),
    );
    expect(documented).toEqual(expected);
  });

  it("scale with a server-computed fraction, clamped to the rule's maximum", () => {
    expect(baseXp("quiz")).toBe(XP_RULES.quiz.xp);
    expect(baseXp("quiz", 0.5)).toBe(Math.round(XP_RULES.quiz.maxXp / 2));
    expect(baseXp("game", 2)).toBe(XP_RULES.game.maxXp);
    expect(baseXp("game", -1)).toBe(0);
    expect(baseXp("game", Number.NaN)).toBe(0);
  });

  it("stop at the daily cap", () => {
    expect(capXp("review", 2, 0)).toBe(2);
    expect(capXp("review", 2, XP_RULES.review.dailyCap - 1)).toBe(1);
    expect(capXp("review", 2, XP_RULES.review.dailyCap)).toBe(0);
    expect(capXp("lesson-section", 10, 10_000)).toBe(10);
  });
});
