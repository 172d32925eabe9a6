/** Where one line sits in a recording, in seconds. */
export type Cue = { start: number; end: number };

/** The line being heard at `time`: the last one that has started (a pause belongs to the line before it). */
export function cueAt(cues: readonly Cue[], time: number): number {
  let found = 0;
  for (let index = 0; index < cues.length; index += 1) {
    if (cues[index]!.start <= time + 1e-6) found = index;
    else break;
  }
  return found;
}
