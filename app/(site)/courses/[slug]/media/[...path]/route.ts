// Serves a course's recorded scene audio (a scene's `audio: audio/intro.mp3` in its lesson file)
// from the course folder under content/courses/<slug>/. Only audio files, only inside that folder.
import { readFile } from "node:fs/promises";
import path from "node:path";

const TYPES: Record<string, string> = { ".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".m4a": "audio/mp4", ".wav": "audio/wav", ".webm": "audio/webm" };
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEGMENT = /^[\w.-]+$/;

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; path: string[] }> }) {
  const { slug, path: segments } = await params;
  const type = TYPES[path.extname(segments.at(-1) ?? "").toLowerCase()];
  if (!SLUG.test(slug) || !type || segments.some((segment) => !SEGMENT.test(segment) || segment.startsWith("."))) {
    return new Response("Not found", { status: 404 });
  }
  const root = path.join(process.cwd(), "content", "courses", slug);
  const file = path.join(root, ...segments);
  if (!file.startsWith(root + path.sep)) return new Response("Not found", { status: 404 });
  try {
    const bytes = await readFile(file);
    return new Response(new Uint8Array(bytes), { headers: { "Content-Type": type, "Cache-Control": "public, max-age=3600" } });
  } catch {
    return new Response("Not found", { status: 404 });
  }
}
