// Levels on a stated curve: reaching level L takes 50 × L × (L − 1) XP in total, so each level
// costs 100 XP more than the one before (level 2 at 100 XP, 3 at 300, 4 at 600, 10 at 4,500).

export const LEVEL_STEP_XP = 100;

/** Total XP needed to reach `level` (level 1 needs none). */
export function xpForLevel(level: number): number {
  if (!Number.isInteger(level) || level < 1) throw new RangeError("levels start at 1");
  return (LEVEL_STEP_XP / 2) * level * (level - 1);
}

export type LevelProgress = { level: number; xpIntoLevel: number; xpForNextLevel: number; nextLevelAt: number };

/** The level a total of XP reaches, and how far it is into the next one. */
export function levelFor(totalXp: number): LevelProgress {
  const xp = Math.max(0, Math.floor(totalXp));
  // Solve 50·L·(L−1) ≤ xp for the largest integer L, then correct any floating-point rounding.
  let level = Math.max(1, Math.floor((1 + Math.sqrt(1 + (8 * xp) / LEVEL_STEP_XP)) / 2));
  while (xpForLevel(level + 1) <= xp) level++;
  while (level > 1 && xpForLevel(level) > xp) level--;
  const start = xpForLevel(level);
  const next = xpForLevel(level + 1);
  return { level, xpIntoLevel: xp - start, xpForNextLevel: next - start, nextLevelAt: next };
}
