import { describe, expect, it } from "vitest";
import { localDateKey, startOfLocalDay, zoneOffsetMinutes } from "./day";
import { isValidTimeZone } from "./timezone";

describe("local days", () => {
  it("knows the extreme offsets", () => {
    const instant = new Date("2026-06-01T12:00:00Z");
    expect(zoneOffsetMinutes("Pacific/Kiritimati", instant)).toBe(14 * 60);
    expect(zoneOffsetMinutes("Pacific/Pago_Pago", instant)).toBe(-11 * 60);
  });

  it("puts the same instant on different dates for UTC+14 and UTC−11", () => {
    const instant = new Date("2026-06-01T11:30:00Z");
    expect(localDateKey("Pacific/Kiritimati", instant)).toBe("2026-06-02");
    expect(localDateKey("Pacific/Pago_Pago", instant)).toBe("2026-06-01");
    expect(startOfLocalDay("Pacific/Kiritimati", instant).toISOString()).toBe("2026-06-01T10:00:00.000Z");
    expect(startOfLocalDay("Pacific/Pago_Pago", instant).toISOString()).toBe("2026-06-01T11:00:00.000Z");
  });

  it("finds midnight on a DST day (America/New_York, spring forward 2026-03-08)", () => {
    const afternoon = new Date("2026-03-08T20:00:00Z"); // 16:00 EDT
    expect(startOfLocalDay("America/New_York", afternoon).toISOString()).toBe("2026-03-08T05:00:00.000Z"); // 00:00 EST
    const nextDay = new Date("2026-03-09T20:00:00Z");
    expect(startOfLocalDay("America/New_York", nextDay).toISOString()).toBe("2026-03-09T04:00:00.000Z"); // 00:00 EDT
  });

  it("validates IANA names", () => {
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
