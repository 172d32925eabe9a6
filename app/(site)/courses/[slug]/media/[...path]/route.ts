// Serves a course's media: recorded scene audio from the course folder under
// content/courses/<slug>/ (a scene's `audio: audio/intro.mp3` in its lesson file), and the audio and
// images uploaded in the studio (`uploads/<name>`, stored under STORAGE_DIR). Only audio and image
// types, only inside those folders, and never as anything a browser would run.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { mediaTypeOfExtension, sniffMedia } from "@/lib/media/sniff";
import { uploadedMediaPath } from "@/server/studio/media";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEGMENT = /^[\w.-]+$/;

const notFound = () => new Response("Not found", { status: 404 });

function locate(slug: string, segments: string[]): string | null {
  if (segments[0] === "uploads") return segments.length === 2 ? uploadedMediaPath(slug, segments[1]!) : null;
  const root = path.join(process.cwd(), "content", "courses", slug);
  const file = path.join(root, ...segments);
  return file.startsWith(root + path.sep) ? file : null;
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; path: string[] }> }) {
  const { slug, path: segments } = await params;
  const type = mediaTypeOfExtension(path.extname(segments.at(-1) ?? ""));
  if (!SLUG.test(slug) || !type || segments.some((segment) => !SEGMENT.test(segment) || segment.startsWith("."))) return notFound();
  const file = locate(slug, segments);
  if (!file) return notFound();
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return notFound();
  }
  // Served as what the bytes are: a file whose contents do not match its name is not served at all.
  const sniffed = sniffMedia(new Uint8Array(bytes.subarray(0, 64)));
  if (!sniffed || sniffed.kind !== type.kind) return notFound();
  const uploaded = segments[0] === "uploads";
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": sniffed.mime,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Content-Disposition": "inline",
      // Uploaded names are the hash of their bytes: they never change.
      "Cache-Control": uploaded ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    },
  });
}
