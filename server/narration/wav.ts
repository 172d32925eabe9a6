// 16-bit PCM mono WAVE files: what the speech engine writes and what a rendered recording is.
// A recording is its lines rendered one by one and joined with a short pause, so each line's start
// and end in the joined file are known exactly (the player highlights the line being heard).

import type { Cue } from "@/lib/narration/cues";

export type Pcm = { sampleRate: number; samples: Int16Array };

const HEADER_BYTES = 44;

/** Reads a 16-bit PCM WAVE file, finding the `fmt ` and `data` chunks wherever they are. */
export function decodeWav(bytes: Uint8Array): Pcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.byteLength < 12 || text(0) !== "RIFF" || text(8) !== "WAVE") throw new Error("Not a WAVE file.");
  let offset = 12;
  let format: { channels: number; sampleRate: number; bits: number; code: number } | null = null;
  while (offset + 8 <= bytes.byteLength) {
    const id = text(offset);
    // Some writers put 0 or 0xFFFFFFFF in a streamed data chunk's size: the rest of the file is the data.
    const declared = view.getUint32(offset + 4, true);
    const size = Math.min(declared, bytes.byteLength - offset - 8);
    const body = offset + 8;
    if (id === "fmt ") {
      format = { code: view.getUint16(body, true), channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === "data") {
      if (!format) throw new Error("WAVE file has its data before its format.");
      if (format.code !== 1 || format.bits !== 16 || format.channels !== 1) {
        throw new Error(`Unsupported WAVE format (code ${format.code}, ${format.bits} bits, ${format.channels} channels); expected 16-bit PCM mono.`);
      }
      const count = Math.floor(size / 2);
      const samples = new Int16Array(count);
      for (let index = 0; index < count; index += 1) samples[index] = view.getInt16(body + index * 2, true);
      return { sampleRate: format.sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error("WAVE file has no data chunk.");
}

export function encodeWav({ sampleRate, samples }: Pcm): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const write = (offset: number, value: string) => [...value].forEach((char, index) => view.setUint8(offset + index, char.charCodeAt(0)));
  write(0, "RIFF");
  view.setUint32(4, 36 + samples.length * 2, true);
  write(8, "WAVE");
  write(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  write(36, "data");
  view.setUint32(40, samples.length * 2, true);
  for (let index = 0; index < samples.length; index += 1) view.setInt16(HEADER_BYTES + index * 2, samples[index]!, true);
  return bytes;
}

/**
 * Joins rendered lines into one recording with `pauseSeconds` of silence between them (none before
 * the first or after the last), and returns each line's cue. All lines must share one sample rate.
 */
export function joinLines(lines: Pcm[], pauseSeconds: number): { pcm: Pcm; cues: Cue[] } {
  if (lines.length === 0) throw new Error("A recording needs at least one line.");
  const sampleRate = lines[0]!.sampleRate;
  const mismatch = lines.find((line) => line.sampleRate !== sampleRate);
  if (mismatch) throw new Error(`Lines have different sample rates (${sampleRate} and ${mismatch.sampleRate} Hz).`);
  const pause = Math.round(pauseSeconds * sampleRate);
  const total = lines.reduce((sum, line) => sum + line.samples.length, 0) + pause * (lines.length - 1);
  const samples = new Int16Array(total);
  const cues: Cue[] = [];
  let at = 0;
  lines.forEach((line, index) => {
    if (index > 0) at += pause;
    samples.set(line.samples, at);
    cues.push({ start: at / sampleRate, end: (at + line.samples.length) / sampleRate });
    at += line.samples.length;
  });
  return { pcm: { sampleRate, samples }, cues };
}
