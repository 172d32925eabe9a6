import { describe, expect, it } from "vitest";
import { medianPitch } from "./pitch";

const tone = (hz: number, seconds: number, sampleRate = 16000) => ({
  sampleRate,
  samples: Int16Array.from({ length: Math.round(seconds * sampleRate) }, (_, index) => Math.round(8000 * Math.sin((2 * Math.PI * hz * index) / sampleRate))),
});

describe("medianPitch", () => {
  it("finds the frequency of a low and a high voice-like tone", () => {
    expect(medianPitch(tone(110, 0.5))).toBeCloseTo(110, -1);
    expect(medianPitch(tone(210, 0.5))).toBeCloseTo(210, -1);
  });

  it("measures only the stretch asked for, and finds nothing in silence", () => {
    const low = tone(110, 0.5);
    const high = tone(210, 0.5);
    const both = { sampleRate: 16000, samples: Int16Array.from([...low.samples, ...high.samples]) };
    expect(medianPitch(both, 8000, 16000)).toBeCloseTo(210, -1);
    expect(medianPitch({ sampleRate: 16000, samples: new Int16Array(8000) })).toBeNull();
  });
});
