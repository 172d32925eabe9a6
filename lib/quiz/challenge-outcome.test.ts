import { describe, expect, it } from "vitest";
import { challengeOutcome } from "./challenge-outcome";

describe("friend challenge outcome", () => {
  it("says who won and by how much", () => {
    expect(challengeOutcome({ mine: 2340, theirs: 1980, theirName: "Ana" })).toEqual({ outcome: "win", line: "You win: 2,340 points to Ana's 1,980 points, 360 points ahead." });
    expect(challengeOutcome({ mine: 900, theirs: 901, theirName: "Ana" })).toEqual({ outcome: "lose", line: "Ana wins: 901 points to your 900 points, 1 point behind." });
  });
  it("calls equal points a tie", () => {
    expect(challengeOutcome({ mine: 0, theirs: 0, theirName: "Ana" })).toEqual({ outcome: "tie", line: "It's a tie: 0 points each." });
  });
});
