/** Monday 00:00 UTC of the week holding `now`: weekly leaderboards are the same for everyone. */
export function startOfUtcWeek(now: Date): Date {
  const day = now.getUTCDay(); // 0 = Sunday
  const sinceMonday = (day + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - sinceMonday));
}
