import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { MAX_MEDIA_BYTES, sniffMedia, type MediaKind } from "@/lib/media/sniff";
import { db } from "../db";
import { DomainError } from "../errors";
import { getTrainingEnv } from "../training/env";
import { editableBy, type Actor } from "./service";

// Scene audio and images uploaded in the studio, stored under STORAGE_DIR (the one folder of files
// every web node shares) as media/<course slug>/<sha-256 prefix>.<type>, named after the bytes'
// sniffed type and their hash: the same file uploaded twice is stored once, and a stored name can
// never be chosen by the uploader. Lessons refer to them as `uploads/<name>`, a path relative to the
// course like the files of a course folder; /courses/<slug>/media/uploads/<name> serves them.

const KIND_WORDS: Record<MediaKind, string> = { image: "an image", audio: "audio" };

export function mediaRoot(): string {
  return path.join(getTrainingEnv().storageDir, "media");
}

/** The stored file for `uploads/<name>` of a course, or null when the name is not one the studio writes. */
export function uploadedMediaPath(courseSlug: string, name: string): string | null {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(courseSlug) || !/^[0-9a-f]{32}\.[a-z0-9]{3,4}$/.test(name)) return null;
  return path.join(mediaRoot(), courseSlug, name);
}

export async function uploadMedia(options: { actor: Actor; slug: string; kind: MediaKind; dataBase64: string }) {
  const course = await db.course.findFirst({ where: { slug: options.slug, ...editableBy(options.actor) }, select: { slug: true } });
  if (!course) throw new DomainError("NOT_FOUND", "That course does not exist in your studio.");
  const bytes = new Uint8Array(Buffer.from(options.dataBase64, "base64"));
  if (bytes.length === 0) throw new DomainError("BAD_REQUEST", "The file is empty.");
  const limit = MAX_MEDIA_BYTES[options.kind];
  if (bytes.length > limit) {
    throw new DomainError("BAD_REQUEST", `The file is ${megabytes(bytes.length)}; ${KIND_WORDS[options.kind]} upload can be at most ${megabytes(limit)}.`);
  }
  const type = sniffMedia(bytes);
  const accepted = options.kind === "image" ? "PNG, JPEG, GIF or WebP" : "MP3, Ogg, WAV, M4A or WebM";
  if (!type || type.kind !== options.kind) {
    throw new DomainError("BAD_REQUEST", `That file is not ${KIND_WORDS[options.kind]} file this site accepts (${accepted}); its contents were checked, not its name.`);
  }
  const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 32)}.${type.extension}`;
  const file = uploadedMediaPath(course.slug, name)!;
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Written under a temporary name and renamed, so a reader never sees half a file.
  const partial = `${file}.${randomUUID()}.part`;
  await fs.writeFile(partial, bytes);
  await fs.rename(partial, file);
  return { path: `uploads/${name}`, url: `/courses/${course.slug}/media/uploads/${name}`, kind: type.kind, mime: type.mime, bytes: bytes.length };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
