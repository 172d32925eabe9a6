import { describe, expect, it } from "vitest";
import { tierName, tierOutcome, tierZones, TOP_TIER } from "./tiers";

describe("league tiers", () => {
  it("names ten tiers from Bronze to Diamond", () => {
    expect(tierName(0)).toBe("Bronze");
    expect(tierName(1)).toBe("Silver");
    expect(tierName(TOP_TIER)).toBe("Diamond");
    expect(tierName(42)).toBe("Diamond");
  });

  it("moves Duolingo's 7 up and 5 down in a group of 30", () => {
    expect(tierZones(3, 30)).toEqual({ promote: 7, demote: 5 });
  });

  it("scales the zones to smaller tiers and always lets a lone active learner rise", () => {
    expect(tierZones(2, 1)).toEqual({ promote: 1, demote: 0 });
    expect(tierZones(2, 6)).toEqual({ promote: 2, demote: 1 });
    expect(tierZones(2, 0)).toEqual({ promote: 0, demote: 0 });
  });

  it("never demotes from Bronze nor promotes from Diamond", () => {
    expect(tierZones(0, 30).demote).toBe(0);
    expect(tierZones(TOP_TIER, 30).promote).toBe(0);
    expect(tierOutcome(0, 30, 30)).toEqual({ outcome: "STAYED", newTier: 0 });
    expect(tierOutcome(TOP_TIER, 1, 30)).toEqual({ outcome: "STAYED", newTier: TOP_TIER });
  });

  it("gives each rank its outcome", () => {
    const outcomes = Array.from({ length: 30 }, (_, i) => tierOutcome(4, i + 1, 30).outcome);
    expect(outcomes.filter((o) => o === "PROMOTED")).toHaveLength(7);
    expect(outcomes.filter((o) => o === "DEMOTED")).toHaveLength(5);
    expect(outcomes.slice(0, 7).every((o) => o === "PROMOTED")).toBe(true);
    expect(outcomes.slice(25).every((o) => o === "DEMOTED")).toBe(true);
    expect(tierOutcome(4, 26, 30)).toEqual({ outcome: "DEMOTED", newTier: 3 });
  });
});
