// Rendered recordings, cached as files and keyed by what they say, in which voice, by which engine
// build: the same dialogue is rendered once, whichever node or request asks first.
//   <storageDir>/narration/<key>.mp3   the recording (MP3, 32 kbit/s mono)
//   <storageDir>/narration/<key>.json  its duration and each line's cue, written last
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Cue } from "@/lib/narration/cues";
import type { Speaker } from "@/lib/narration/speech-text";
import { fliteVersion, MP3_DELAY_SAMPLES, renderRecording, VOICES } from "./flite";

export type ScriptLine = { speaker: Speaker; text: string };
export type Recording = { key: string; duration: number; cues: Cue[] };

/** Bumped when the way lines are joined changes, so old files are not served for new rules. */
const FORMAT = 2;
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
  return KEY.test(key) ? path.join(folder(storageDir), `${key}.mp3`) : null;
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

/**
 * Renders the lines one by one in their speakers' voices into `mp3Path` (and, for tests, the
 * joined PCM into `wavPath`); returns each line's cue in the PCM.
 */
export function renderScript(lines: ScriptLine[], out: { mp3Path: string; wavPath?: string }) {
  return renderRecording({ lines: lines.map((line) => ({ voice: VOICES[line.speaker], text: line.text })), pauseSeconds: PAUSE_SECONDS, ...out });
}

async function render(storageDir: string, key: string, lines: ScriptLine[]): Promise<Recording> {
  await fs.mkdir(folder(storageDir), { recursive: true });
  const mp3 = path.join(folder(storageDir), `${key}.mp3`);
  const temporary = `${mp3}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    const result = await renderScript(lines, { mp3Path: temporary });
    const delay = MP3_DELAY_SAMPLES / result.sampleRate;
    const cues = result.cues.map((cue) => ({ start: cue.start + delay, end: cue.end + delay }));
    const duration = (result.samples + MP3_DELAY_SAMPLES) / result.sampleRate;
    await fs.rename(temporary, mp3);
    await writeAtomically(path.join(folder(storageDir), `${key}.json`), JSON.stringify({ duration, cues }));
    return { key, duration, cues };
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

const inFlight = new Map<string, Promise<Recording>>();
// Recordings render one after another, in the order they were asked for: the scene a learner is
// about to hear finishes first instead of every requested part finishing together at the end.
let queue: Promise<unknown> = Promise.resolve();

/** The cached recording of these lines, rendering it first if no one has yet. */
export async function ensureRecording(options: { storageDir: string; lines: ScriptLine[] }): Promise<Recording> {
  const key = recordingKey(options.lines);
  const cached = await readRecording(options.storageDir, key);
  if (cached) return cached;
  let job = inFlight.get(key);
  if (!job) {
    const lines = options.lines;
    job = queue.then(() => render(options.storageDir, key, lines)).finally(() => inFlight.delete(key));
    queue = job.catch(() => undefined);
    inFlight.set(key, job);
  }
  return job;
}
