/** Leagues reset every week at Monday 00:00 UTC; a week is named by that Monday ("2026-11-23"). */
export function weekKey(instant: Date): string {
  const day = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday);
  return day.toISOString().slice(0, 10);
}

/** When the week named by `week` ends (the next Monday, 00:00 UTC). */
export function weekEnd(week: string): Date {
  const end = new Date(`${week}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 7);
  return end;
}

export const ALL_TIME = "all";
export const GLOBAL_SCOPE = "global";

/** The league rows one activity adds to: this week's and all-time, globally and in its course. */
export function leagueKeys(createdAt: Date, courseId: string | null | undefined): { period: string; scope: string }[] {
  const periods = [weekKey(createdAt), ALL_TIME];
  const scopes = courseId ? [GLOBAL_SCOPE, courseId] : [GLOBAL_SCOPE];
  return periods.flatMap((period) => scopes.map((scope) => ({ period, scope })));
}
