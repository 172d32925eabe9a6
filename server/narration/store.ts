// Rendered recordings, cached as files and keyed by what they say, in which voice, by which engine
// build: the same dialogue is rendered once, whichever node or request asks first.
//   <storageDir>/narration/<key>.wav   the recording (16-bit PCM mono)
//   <storageDir>/narration/<key>.json  its duration and each line's cue, written last
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Cue } from "@/lib/narration/cues";
import type { Speaker } from "@/lib/narration/speech-text";
import { fliteVersion, renderLine, VOICES } from "./flite";
import { encodeWav, joinLines } from "./wav";

export type ScriptLine = { speaker: Speaker; text: string };
export type Recording = { key: string; duration: number; cues: Cue[] };

/** Bumped when the way lines are joined changes, so old files are not served for new rules. */
const FORMAT = 1;
const PAUSE_SECONDS = 0.35;
const KEY = /^[0-9a-f]{32}$/;

export function recordingKey(lines: ScriptLine[], engine = fliteVersion()): string {
  const payload = JSON.stringify({ format: FORMAT, engine, lines: lines.map((line) => [VOICES[line.speaker], line.text]) });
  return createHash("sha256").update(payload).digest("hex").slice(0, 32);
}

function folder(storageDir: string) {
  return path.join(storageDir, "narration");
}

/** The recording's file, or null for anything that is not a recording key. */
export function recordingPath(storageDir: string, key: string): string | null {
  return KEY.test(key) ? path.join(folder(storageDir), `${key}.wav`) : null;
}

async function readRecording(storageDir: string, key: string): Promise<Recording | null> {
  try {
    const meta = JSON.parse(await fs.readFile(path.join(folder(storageDir), `${key}.json`), "utf8")) as Omit<Recording, "key">;
    return { key, duration: meta.duration, cues: meta.cues };
  } catch {
    return null;
  }
}

async function writeAtomically(file: string, bytes: Uint8Array | string) {
  const temporary = `${file}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await fs.writeFile(temporary, bytes);
  await fs.rename(temporary, file);
}

async function render(storageDir: string, key: string, lines: ScriptLine[]): Promise<Recording> {
  const rendered = [];
  for (const line of lines) rendered.push(await renderLine(line.text, VOICES[line.speaker]));
  const { pcm, cues } = joinLines(rendered, PAUSE_SECONDS);
  const duration = pcm.samples.length / pcm.sampleRate;
  await fs.mkdir(folder(storageDir), { recursive: true });
  await writeAtomically(path.join(folder(storageDir), `${key}.wav`), encodeWav(pcm));
  await writeAtomically(path.join(folder(storageDir), `${key}.json`), JSON.stringify({ duration, cues }));
  return { key, duration, cues };
}

const inFlight = new Map<string, Promise<Recording>>();

/** The cached recording of these lines, rendering it first if no one has yet. */
export async function ensureRecording(options: { storageDir: string; lines: ScriptLine[] }): Promise<Recording> {
  const key = recordingKey(options.lines);
  const cached = await readRecording(options.storageDir, key);
  if (cached) return cached;
  let job = inFlight.get(key);
  if (!job) {
    job = render(options.storageDir, key, options.lines).finally(() => inFlight.delete(key));
    inFlight.set(key, job);
  }
  return job;
}
