import { describe, expect, it } from "vitest";
import { decodeWav, encodeWav, joinLines } from "./wav";

const line = (length: number, value: number, sampleRate = 1000) => ({ sampleRate, samples: new Int16Array(length).fill(value) });

describe("joinLines", () => {
  it("places each line after the one before and a pause, and records where each starts and ends", () => {
    const { pcm, cues } = joinLines([line(500, 1), line(1000, 2), line(250, 3)], 0.2);
    expect(pcm.samples).toHaveLength(500 + 200 + 1000 + 200 + 250);
    expect(cues).toEqual([
      { start: 0, end: 0.5 },
      { start: 0.7, end: 1.7 },
      { start: 1.9, end: 2.15 },
    ]);
    // The samples of each line sit exactly inside its cue; the pauses are silent.
    expect(pcm.samples[499]).toBe(1);
    expect(pcm.samples[500]).toBe(0);
    expect(pcm.samples[699]).toBe(0);
    expect(pcm.samples[700]).toBe(2);
    expect(pcm.samples[1699]).toBe(2);
    expect(pcm.samples[1900]).toBe(3);
    expect(pcm.samples.at(-1)).toBe(3);
  });

  it("refuses an empty script and lines of different sample rates", () => {
    expect(() => joinLines([], 0.2)).toThrow("at least one line");
    expect(() => joinLines([line(10, 1, 16000), line(10, 1, 22050)], 0.2)).toThrow("different sample rates");
  });
});

describe("WAVE files", () => {
  it("round-trips samples through a file with a correct header", () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    const bytes = encodeWav({ sampleRate: 16000, samples });
    expect(bytes.byteLength).toBe(44 + samples.length * 2);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe("RIFF");
    expect(decodeWav(bytes)).toEqual({ sampleRate: 16000, samples });
  });

  it("finds the data after extra chunks, and names what it cannot read", () => {
    const plain = encodeWav({ sampleRate: 8000, samples: Int16Array.from([5, 6]) });
    // A LIST chunk between fmt and data, as many writers add.
    const list = new Uint8Array([..."LIST"].map((char) => char.charCodeAt(0)).concat([4, 0, 0, 0, 1, 2, 3, 4]));
    const withList = new Uint8Array([...plain.subarray(0, 36), ...list, ...plain.subarray(36)]);
    expect(decodeWav(withList).samples).toEqual(Int16Array.from([5, 6]));
    expect(() => decodeWav(new TextEncoder().encode("not a wave file"))).toThrow("Not a WAVE file");
    const stereo = plain.slice();
    new DataView(stereo.buffer).setUint16(22, 2, true);
    expect(() => decodeWav(stereo)).toThrow("expected 16-bit PCM mono");
  });
});
