import { describe, expect, it } from "vitest";
import { isBlockedNickname, nicknameField, parseBlocklist } from "./nickname";

describe("live-room nicknames", () => {
  it("normalise like display names and stay short", () => {
    expect(nicknameField.parse("  \u202EZoë\u200B ")).toBe("Zoë");
    expect(nicknameField.safeParse("\u200B\u2066").error?.issues[0]?.message).toMatch(/visible/);
    expect(nicknameField.safeParse("x".repeat(21)).error?.issues[0]?.message).toMatch(/at most 20/);
  });

  it("refuse blocked words, also spelt with lookalike digits, spaces or repeated letters", () => {
    for (const name of ["shit", "SH1T", "sh i t", "big shiiit", "f.u.c.k"]) expect(isBlockedNickname(name), name).toBe(true);
  });

  it("leave ordinary names alone, words that merely contain a blocked one included", () => {
    for (const name of ["Ann", "Scunthorpe", "Dickens", "Cocktail", "Essex", "Hancock"]) expect(isBlockedNickname(name), name).toBe(false);
  });

  it("take the site's own words from a comma-separated list", () => {
    const extra = parseBlocklist(" Voldemort, ,teacher ");
    expect(extra).toEqual(["Voldemort", "teacher"]);
    expect(isBlockedNickname("voldem0rt", extra)).toBe(true);
    expect(isBlockedNickname("the Teacher", extra)).toBe(true);
    expect(isBlockedNickname("voldemort")).toBe(false);
  });
});
