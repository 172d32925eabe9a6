// HTTP byte ranges (RFC 9110 §14), one range per request: what <audio> sends to seek.

export type ByteRange = { start: number; end: number };

/**
 * The range a `Range` header asks for within a file of `size` bytes: null when there is no usable
 * header (serve the whole file), "unsatisfiable" when it points past the end (answer 416).
 * Several ranges in one header are answered with the first, as many servers do.
 */
export function parseRange(header: string | null, size: number): ByteRange | null | "unsatisfiable" {
  if (!header) return null;
  const match = /^bytes=\s*(\d*)-(\d*)\s*(?:,.*)?$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}
