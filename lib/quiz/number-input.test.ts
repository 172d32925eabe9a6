import { describe, expect, it } from "vitest";
import { parseNumberWithUnit } from "./normalize";
import { decimalSeparator, isNumberKeystroke, localNumber, plainNumber } from "./number-input";

describe("numeric answer input", () => {
  it("finds the locale's decimal separator", () => {
    expect(decimalSeparator("de-DE")).toBe(",");
    expect(decimalSeparator("fr-FR")).toBe(",");
    expect(decimalSeparator("en-US")).toBe(".");
    expect(decimalSeparator("not a locale!")).toBe(".");
  });

  it("accepts only what can become a number while typing", () => {
    for (const text of ["", "-", "3", "3,", "1 234,5", "+0.5", "1'000"]) expect(isNumberKeystroke(text), text).toBe(true);
    for (const text of ["a", "3a", "1e5", "12 ms", "--1", "3-"]) expect(isNumberKeystroke(text), text).toBe(false);
  });

  it.each([
    ["3,5", ",", "3.5"],
    ["1.234", ",", "1234"],
    ["1.234,5", ",", "1234.5"],
    ["1 234,5", ",", "1234.5"],
    ["-0,25", ",", "-0.25"],
    [",5", ",", "0.5"],
    ["3,5", ".", "3.5"],
    ["1,234", ".", "1234"],
    ["1,234.5", ".", "1234.5"],
    ["42", ".", "42"],
    ["42.", ".", "42"],
    ["+7", ".", "7"],
  ] as const)("reads %s with decimal %s as %s", (text, decimal, plain) => {
    expect(plainNumber(text, decimal)).toBe(plain);
    // What it sends reads as the same number on the server.
    expect(parseNumberWithUnit(plain)).toMatchObject({ ok: true, value: Number(plain) });
  });

  it.each([["", ","], ["-", "."], ["1,2,3", ","], ["1.2.3", "."], ["3,5,", ","], ["abc", "."]] as const)("refuses %j", (text, decimal) => {
    expect(plainNumber(text, decimal)).toBeNull();
  });

  it("shows a plain number in the locale's separator", () => {
    expect(localNumber("3.5", ",")).toBe("3,5");
    expect(localNumber("3.5", ".")).toBe("3.5");
  });
});
