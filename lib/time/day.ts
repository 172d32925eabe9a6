/** Minutes `timeZone` is ahead of UTC at `instant` (e.g. +840 for Pacific/Kiritimati). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wallAsUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The learner's calendar date at `instant`, as YYYY-MM-DD in `timeZone`. */
export function localDateKey(timeZone: string, instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/**
 * The instant the learner's day containing `instant` began, in their time zone. Days are not always
 * 24 hours (DST), so this is found from the zone's offset rather than by subtracting hours.
 */
export function startOfLocalDay(timeZone: string, instant: Date): Date {
  const [year, month, day] = localDateKey(timeZone, instant).split("-").map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(year, month - 1, day);
  // The offset at local midnight may differ from the offset now; two refinements settle it.
  let guess = midnightAsUtc - zoneOffsetMinutes(timeZone, instant) * 60_000;
  for (let i = 0; i < 2; i++) guess = midnightAsUtc - zoneOffsetMinutes(timeZone, new Date(guess)) * 60_000;
  return new Date(guess);
}
