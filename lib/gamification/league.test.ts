import { describe, expect, it } from "vitest";
import { leagueKeys, weekEnd, weekKey } from "./league";

describe("weekKey", () => {
  it("names a week by its Monday in UTC", () => {
    expect(weekKey(new Date("2026-11-29T23:59:59Z"))).toBe("2026-11-23"); // Sunday
    expect(weekKey(new Date("2026-11-30T00:00:00Z"))).toBe("2026-11-30"); // Monday
    expect(weekKey(new Date("2026-11-23T00:00:00Z"))).toBe("2026-11-23");
    // Across a year boundary.
    expect(weekKey(new Date("2027-01-01T12:00:00Z"))).toBe("2026-12-28");
  });

  it("resets at Monday 00:00 UTC whatever the learner's time zone (Sunday evening in Honolulu is next week)", () => {
    expect(weekKey(new Date("2026-11-29T14:30:00-10:00"))).toBe("2026-11-30");
  });

  it("ends a week at the next Monday", () => {
    expect(weekEnd("2026-11-23").toISOString()).toBe("2026-11-30T00:00:00.000Z");
  });
});

describe("leagueKeys", () => {
  it("adds to this week and all-time, globally and in the activity's course", () => {
    const at = new Date("2026-11-25T10:00:00Z");
    expect(leagueKeys(at, null)).toEqual([
      { period: "2026-11-23", scope: "global" },
      { period: "all", scope: "global" },
    ]);
    expect(leagueKeys(at, "c1")).toHaveLength(4);
    expect(leagueKeys(at, "c1")).toContainEqual({ period: "2026-11-23", scope: "c1" });
  });
});
