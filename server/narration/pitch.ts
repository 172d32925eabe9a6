import type { Pcm } from "./wav";

/**
 * The median fundamental frequency (Hz) of the voiced frames of a stretch of speech, by
 * normalised autocorrelation over 40 ms frames, searched between 60 and 400 Hz (the range of
 * adult speaking voices). Null when nothing in it is voiced. Tells two synthetic voices apart; it
 * is no general pitch tracker.
 */
export function medianPitch({ sampleRate, samples }: Pcm, from = 0, to = samples.length): number | null {
  const frame = Math.round(sampleRate * 0.04);
  const minLag = Math.floor(sampleRate / 400);
  const maxLag = Math.ceil(sampleRate / 60);
  let peak = 0;
  for (let index = from; index < to; index += 1) peak = Math.max(peak, Math.abs(samples[index]!));
  const pitches: number[] = [];
  for (let start = from; start + frame + maxLag <= to; start += frame) {
    let energy = 0;
    for (let index = start; index < start + frame; index += 1) energy += samples[index]! * samples[index]!;
    // Quiet frames (pauses, breath) carry no pitch.
    if (Math.sqrt(energy / frame) < peak * 0.1) continue;
    let best = 0;
    let bestLag = 0;
    for (let lag = minLag; lag <= maxLag; lag += 1) {
      let product = 0;
      let shifted = 0;
      for (let index = start; index < start + frame; index += 1) {
        product += samples[index]! * samples[index + lag]!;
        shifted += samples[index + lag]! * samples[index + lag]!;
      }
      const score = product / Math.sqrt(energy * shifted || 1);
      if (score > best) {
        best = score;
        bestLag = lag;
      }
    }
    if (best > 0.6) pitches.push(sampleRate / bestLag);
  }
  if (pitches.length === 0) return null;
  pitches.sort((a, b) => a - b);
  return pitches[Math.floor(pitches.length / 2)]!;
}
