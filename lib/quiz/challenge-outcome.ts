/**
 * A friend challenge's result for the friend who played it: win, lose or tie on points (the
 * challenge's own score, speed included), with the sentence that says so.
 */
export function challengeOutcome(options: { mine: number; theirs: number; theirName: string }): { outcome: "win" | "lose" | "tie"; line: string } {
  const { mine, theirs, theirName } = options;
  const points = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "point" : "points"}`;
  if (mine > theirs) return { outcome: "win", line: `You win: ${points(mine)} to ${theirName}'s ${points(theirs)}, ${points(mine - theirs)} ahead.` };
  if (mine < theirs) return { outcome: "lose", line: `${theirName} wins: ${points(theirs)} to your ${points(mine)}, ${points(theirs - mine)} behind.` };
  return { outcome: "tie", line: `It's a tie: ${points(mine)} each.` };
}
