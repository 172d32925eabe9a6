// Weekly league tiers, after Duolingo's leagues: ten tiers, a week's XP ranks the learners of each
// tier, the top of a tier moves up one tier and the bottom moves down one when the week closes
// (Monday 00:00 UTC, ./league.ts). In a full 30-learner group Duolingo moves up 7 and down 5; the
// same shares apply to a tier of any size here. Nobody drops out of the lowest tier or rises past
// the highest, and a learner with no XP that week is not ranked and keeps their tier.

export const TIERS = ["Bronze", "Silver", "Gold", "Sapphire", "Ruby", "Emerald", "Amethyst", "Pearl", "Obsidian", "Diamond"] as const;
export const TOP_TIER = TIERS.length - 1;

export function tierName(tier: number): (typeof TIERS)[number] {
  return TIERS[Math.min(TOP_TIER, Math.max(0, Math.trunc(tier)))]!;
}

/** How many of a tier's `size` ranked learners move up and down at the end of the week. */
export function tierZones(tier: number, size: number): { promote: number; demote: number } {
  if (size <= 0) return { promote: 0, demote: 0 };
  const promote = tier >= TOP_TIER ? 0 : Math.max(1, Math.ceil((size * 7) / 30));
  const demote = tier <= 0 ? 0 : Math.min(Math.floor((size * 5) / 30), size - promote);
  return { promote: Math.min(promote, size), demote: Math.max(0, demote) };
}

export type LeagueOutcome = "PROMOTED" | "STAYED" | "DEMOTED";

/** The outcome of the learner ranked `rank` (1-based) of `size` in `tier`, and the tier it leads to. */
export function tierOutcome(tier: number, rank: number, size: number): { outcome: LeagueOutcome; newTier: number } {
  const { promote, demote } = tierZones(tier, size);
  if (rank <= promote) return { outcome: "PROMOTED", newTier: tier + 1 };
  if (rank > size - demote) return { outcome: "DEMOTED", newTier: tier - 1 };
  return { outcome: "STAYED", newTier: tier };
}
