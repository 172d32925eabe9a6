// The engine itself, synchronous: runs only inside the render process (render-process.ts), where
// blocking is harmless. Flite writes each line to a WAVE file in a private temporary folder that
// the WASI module sees as /out.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { WASI } from "node:wasi";
import { Mp3Encoder } from "@breezystack/lamejs";
import { packageFile } from "./flite";
import { decodeWav, type Pcm } from "./wav";

let compiled: WebAssembly.Module | undefined;

/** Renders one line of text in one Flite voice. */
export function renderLineSync(text: string, voice: string): Pcm {
  compiled ??= new WebAssembly.Module(readFileSync(packageFile("flite.wasm")));
  const outDir = mkdtempSync(path.join(os.tmpdir(), "learnloop-flite-"));
  try {
    const wasi = new WASI({ version: "preview1", args: ["flite", "-voice", voice, "-t", text, "-o", "/out/line.wav"], env: {}, preopens: { "/out": outDir }, returnOnExit: true });
    const code = wasi.start(new WebAssembly.Instance(compiled, wasi.getImportObject() as WebAssembly.Imports));
    if (code !== 0) throw new Error(`flite exited with code ${code}`);
    return decodeWav(new Uint8Array(readFileSync(path.join(outDir, "line.wav"))));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Encodes 16-bit mono PCM as constant-bitrate MP3. */
export function encodeMp3Sync({ samples, sampleRate }: Pcm, kbps: number): Uint8Array {
  const encoder = new Mp3Encoder(1, sampleRate, kbps);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < samples.length; at += 1152) chunks.push(encoder.encodeBuffer(samples.subarray(at, at + 1152)));
  chunks.push(encoder.flush());
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
