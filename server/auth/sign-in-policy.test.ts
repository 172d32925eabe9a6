import { describe, expect, it } from "vitest";
import { FREE_FAILURES, MAX_DELAY_SECONDS, passwordProblem, retryDelaySeconds } from "./sign-in-policy";

describe("retryDelaySeconds", () => {
  it("is free for the first failures, then doubles up to the cap", () => {
    expect(Array.from({ length: FREE_FAILURES }, (_, failures) => retryDelaySeconds(failures))).toEqual([0, 0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(retryDelaySeconds)).toEqual([1, 2, 4, 8]);
    expect(retryDelaySeconds(40)).toBe(MAX_DELAY_SECONDS);
  });
});

describe("passwordProblem", () => {
  const account = { email: "ada.lovelace@example.org", name: "Ada" };
  it("accepts an uncommon password", () => {
    expect(passwordProblem("plum-orbit-42", account)).toBeNull();
  });
  it("names the reason for a refused one", () => {
    expect(passwordProblem("qwertyuiop", account)).toMatch(/most common passwords/);
    expect(passwordProblem("QWERTYUIOP", account)).toMatch(/most common passwords/);
    expect(passwordProblem("zzzzzzzzzz", account)).toMatch(/one repeated character/);
    expect(passwordProblem("my-ada.lovelace-pw", account)).toMatch(/email address/);
  });
});
