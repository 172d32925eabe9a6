import { describe, expect, it } from "vitest";
import { startOfUtcWeek } from "./week";

describe("startOfUtcWeek", () => {
  it("is the Monday at 00:00 UTC of the same ISO week", () => {
    expect(startOfUtcWeek(new Date("2026-11-29T23:59:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // a Sunday
    expect(startOfUtcWeek(new Date("2026-11-30T00:00:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z"); // a Monday
    expect(startOfUtcWeek(new Date("2026-12-02T12:00:00+05:00")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
  });
});
