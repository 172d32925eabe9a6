// Serves a rendered lesson recording from storage, with byte ranges so that seeking works. A file's
// name is a hash of what it says, in which voice, by which engine: its bytes never change, so it
// can be cached for good. Its key is only learned from narration.recording, which checks access.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { getNarrationEnv } from "@/server/narration/env";
import { parseRange } from "@/server/narration/range";
import { recordingPath } from "@/server/narration/store";

export const dynamic = "force-dynamic";

const CACHE = "public, max-age=31536000, immutable";

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const key = file.endsWith(".mp3") ? file.slice(0, -4) : "";
  const location = recordingPath(getNarrationEnv().storageDir, key);
  if (!location) return new Response("Not found", { status: 404 });
  let size: number;
  try {
    size = (await stat(location)).size;
  } catch {
    return new Response("Not found", { status: 404 });
  }
  const etag = `"${key}"`;
  const common = { "Content-Type": "audio/mpeg", "Accept-Ranges": "bytes", "Cache-Control": CACHE, ETag: etag };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: common });
  // A stale If-Range (another file under this name, which cannot happen with hashed names) gets the whole file.
  const ifRange = request.headers.get("if-range");
  const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.get("range"), size);
  if (range === "unsatisfiable") return new Response(null, { status: 416, headers: { ...common, "Content-Range": `bytes */${size}` } });
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const body = Readable.toWeb(createReadStream(location, { start, end })) as ReadableStream<Uint8Array>;
  const headers = { ...common, "Content-Length": String(end - start + 1), ...(range ? { "Content-Range": `bytes ${start}-${end}/${size}` } : {}) };
  return new Response(body, { status: range ? 206 : 200, headers });
}
