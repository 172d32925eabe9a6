/** The page's monotonic clock: game logs are milliseconds since a start taken from it. */
export function clockNow(): number {
  return performance.now();
}

export function msSince(start: number | null): number {
  return start === null ? 0 : Math.round(performance.now() - start);
}
