/**
 * A game's event log that no person could have produced. The server rejects the session with this
 * message (shown to the player as is), so it must read as a sentence.
 */
export class ImplausibleLogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImplausibleLogError";
  }
}

/** Typing faster than this is beyond the fastest recorded typists (~300 wpm bursts). */
export const MAX_WPM = 350;

/**
 * Checks what every log must satisfy: times are whole milliseconds since the start, in order,
 * within the game's time limit (plus a grace for the last event's round trip), and no two events
 * closer than `minGapMs` (a human reaction cannot be faster).
 */
export function checkTimeline(times: readonly number[], options: { limitMs?: number; minGapMs: number; what: string }): void {
  let previous = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (!Number.isFinite(t) || t < 0) throw new ImplausibleLogError("The game log has an event with an invalid time.");
    if (t < previous) throw new ImplausibleLogError("The game log is out of order.");
    if (i > 0 && t - previous < options.minGapMs) {
      throw new ImplausibleLogError(`Two ${options.what} came ${t - previous} ms apart, faster than humanly possible (the minimum is ${options.minGapMs} ms).`);
    }
    previous = t;
  }
  if (options.limitMs !== undefined && previous > options.limitMs + TIME_GRACE_MS) {
    throw new ImplausibleLogError(`The game log runs ${(previous / 1000).toFixed(1)} s, longer than the ${options.limitMs / 1000} s this game lasts.`);
  }
}

/** Slack for the last event of a timed game: the tick that ends it and the render before it. */
export const TIME_GRACE_MS = 1_500;
