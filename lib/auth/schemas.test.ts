import { describe, expect, it } from "vitest";
import { profileInput, signUpInput } from "./schemas";

describe("signUpInput", () => {
  it("normalises the email and keeps a valid time zone", () => {
    const parsed = signUpInput.parse({ name: " Ada ", email: " Ada@Example.COM ", password: "correct horse", timezone: "Pacific/Kiritimati" });
    expect(parsed).toEqual({ name: "Ada", email: "ada@example.com", password: "correct horse", timezone: "Pacific/Kiritimati" });
  });

  it("rejects passwords shorter than 8 characters with a sentence", () => {
    const result = signUpInput.safeParse({ name: "Ada", email: "ada@example.com", password: "1234567", timezone: "UTC" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Passwords must be at least 8 characters.");
  });

  it("falls back to UTC when the browser sent no usable time zone", () => {
    const parsed = signUpInput.parse({ name: "Ada", email: "ada@example.com", password: "12345678", timezone: "Mars/Olympus" });
    expect(parsed.timezone).toBe("UTC");
  });
});

describe("profileInput", () => {
  it("rejects an unknown time zone and an off-menu goal", () => {
    const result = profileInput.safeParse({ name: "Ada", timezone: "Mars/Olympus", dailyGoalXp: 7 });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((issue) => issue.path[0]);
    expect(fields).toEqual(["timezone", "dailyGoalXp"]);
  });
});
