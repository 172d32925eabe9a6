import { describe, expect, it } from "vitest";
import { profileInput, signUpInput } from "../auth/schemas";
import { displayNameKey, normalizeDisplayName } from "./display-name";

describe("normalizeDisplayName", () => {
  it("composes to NFC, so one name has one spelling", () => {
    expect(normalizeDisplayName("Jose\u0301")).toBe("José");
    expect(normalizeDisplayName("Jose\u0301")).toHaveLength(4);
  });

  it("drops bidi embeddings, overrides, isolates and marks", () => {
    // "\u202E" would make "Ann gnp.exe" read as "Ann exe.png" and flip the leaderboard row after it.
    expect(normalizeDisplayName("Ann \u202Egnp.exe")).toBe("Ann gnp.exe");
    expect(normalizeDisplayName("\u2066\u2067\u2068Bo\u2069\u200E\u200F\u061C\u202A\u202B\u202C\u202D")).toBe("Bo");
  });

  it("drops zero-width and other invisible characters", () => {
    expect(normalizeDisplayName("A\u200Bd\u200Ca\u200D\u2060\uFEFF\u00AD")).toBe("Ada");
    expect(normalizeDisplayName("Cy\u3164\u115F\u2800")).toBe("Cy");
    expect(normalizeDisplayName("Di\u{E0041}\u{E007F}")).toBe("Di");
  });

  it("drops control characters, NUL included, and collapses white space", () => {
    expect(normalizeDisplayName("  Eve\u0000\u0007\n\t  Smith\u00A0\u2003Jr ")).toBe("Eve Smith Jr");
  });

  it("keeps at most two combining marks on a letter", () => {
    expect(normalizeDisplayName("Z\u0301\u0302\u0303\u0304o")).toBe("Z\u0301\u0302o".normalize("NFC"));
  });

  it("leaves ordinary names in any script alone", () => {
    for (const name of ["Zoë", "Łukasz", "محمد", "יעל", "李小龙", "Nguyễn Văn An", "O'Brien-Smith", "🦊 Fox"]) {
      expect(normalizeDisplayName(name)).toBe(name.normalize("NFC"));
    }
  });

  it("gives names that look alike one key", () => {
    expect(displayNameKey("ANN")).toBe(displayNameKey("ann"));
    expect(displayNameKey("ａｎｎ")).toBe(displayNameKey("Ann"));
    expect(displayNameKey("A\u200Bnn")).toBe(displayNameKey("Ann"));
  });
});

describe("display names in the account forms", () => {
  const base = { email: "ada@example.com", password: "correct horse", timezone: "UTC" };

  it("stores the normalised name at sign-up and in the profile", () => {
    expect(signUpInput.parse({ ...base, name: "\u202EAda\u200B " }).name).toBe("Ada");
    expect(profileInput.parse({ name: "Ada\u2066 L.", timezone: "UTC", dailyGoalXp: 20 }).name).toBe("Ada L.");
  });

  it("refuses a name that is empty once the invisible characters are gone, with a sentence", () => {
    for (const name of ["\u200B\u200C\u200D", "\u202E \u202C", "\u3164", " "]) {
      const result = signUpInput.safeParse({ ...base, name });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/visible/);
    }
  });

  it("counts the length after normalising", () => {
    expect(signUpInput.safeParse({ ...base, name: `${"a".repeat(60)}${"\u200B".repeat(50)}` }).success).toBe(true);
    expect(signUpInput.safeParse({ ...base, name: "a".repeat(61) }).error?.issues[0]?.message).toMatch(/at most 60/);
  });
});
