// What an uploaded file is, read from its first bytes (its "magic number"), never from its name or
// the type the browser claims: a script renamed to .png is refused. Only formats browsers show or
// play natively, and no SVG (it can carry script). Sources: the PNG, JPEG (JFIF/Exif), GIF, WebP
// (RIFF), MP3 (ID3v2 or an MPEG audio frame sync), Ogg, WAV (RIFF/WAVE), MP4/M4A (ISO BMFF "ftyp")
// and WebM (EBML) specifications.

export type MediaKind = "image" | "audio";
export type MediaType = { kind: MediaKind; extension: string; mime: string };

export const MEDIA_TYPES = {
  png: { kind: "image", extension: "png", mime: "image/png" },
  jpg: { kind: "image", extension: "jpg", mime: "image/jpeg" },
  gif: { kind: "image", extension: "gif", mime: "image/gif" },
  webp: { kind: "image", extension: "webp", mime: "image/webp" },
  mp3: { kind: "audio", extension: "mp3", mime: "audio/mpeg" },
  ogg: { kind: "audio", extension: "ogg", mime: "audio/ogg" },
  wav: { kind: "audio", extension: "wav", mime: "audio/wav" },
  m4a: { kind: "audio", extension: "m4a", mime: "audio/mp4" },
  webm: { kind: "audio", extension: "webm", mime: "audio/webm" },
} as const satisfies Record<string, MediaType>;

/** The largest upload of each kind, in bytes. */
export const MAX_MEDIA_BYTES: Record<MediaKind, number> = { image: 5 * 1024 * 1024, audio: 20 * 1024 * 1024 };

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The media type the bytes are, or null when they are none of the accepted formats. */
export function sniffMedia(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return MEDIA_TYPES.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return MEDIA_TYPES.jpg;
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return MEDIA_TYPES.gif;
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return MEDIA_TYPES.webp;
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WAVE"), 8)) return MEDIA_TYPES.wav;
  if (startsWith(bytes, ascii("OggS"))) return MEDIA_TYPES.ogg;
  if (startsWith(bytes, ascii("ID3"))) return MEDIA_TYPES.mp3;
  // An MPEG audio frame header: 11 set sync bits, then a version and layer that are not "reserved".
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && (bytes[1]! & 0x18) !== 0x08 && (bytes[1]! & 0x06) !== 0) {
    return MEDIA_TYPES.mp3;
  }
  if (startsWith(bytes, ascii("ftyp"), 4)) {
    const brand = String.fromCharCode(...bytes.slice(8, 12));
    if (["M4A ", "M4B ", "mp42", "isom", "mp41", "dash"].includes(brand)) return MEDIA_TYPES.m4a;
    return null;
  }
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return MEDIA_TYPES.webm;
  return null;
}

/** The media type a stored file's extension names (the studio names stored files after their sniffed type). */
export function mediaTypeOfExtension(extension: string): MediaType | null {
  const key = extension.toLowerCase().replace(/^\./, "");
  return Object.hasOwn(MEDIA_TYPES, key) ? MEDIA_TYPES[key as keyof typeof MEDIA_TYPES] : null;
}
