// Serves TensorFlow.js's WebAssembly binaries to the lab's worker (setWasmPaths("/lab/tfjs-wasm/"))
// straight from the installed package, so the served files always match the JavaScript that loads
// them and no copy has to be kept in public/.
import { readFile } from "node:fs/promises";
import path from "node:path";

const FILES = new Set(["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"]);

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (!FILES.has(file)) return new Response("Not found", { status: 404 });
  const bytes = await readFile(path.join(process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist", file));
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "application/wasm", "Cache-Control": "public, max-age=86400" },
  });
}
