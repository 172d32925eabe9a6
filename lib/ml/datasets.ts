// The lab's datasets as shipped in public/datasets/ (built by scripts/datasets/build.ts): one file
// of raw uint8 pixels per class and split, described by index.json. Decoding is pure: callers
// fetch or read the bytes and pass them in.
import { z } from "zod";

export const DATASET_INDEX_VERSION = 1;

const splitFiles = z.object({
  /** Examples per class, in class order. */
  perClass: z.array(z.number().int().min(0)),
  /** Path of each class's file, relative to the datasets folder (one image after another). */
  files: z.array(z.string()),
  bytes: z.array(z.number().int().min(0)),
  sha256: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
});

export const datasetInfo = z.object({
  title: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The value of the brightest pixel (255 for Fashion-MNIST, 16 for the UCI digits). */
  pixelMax: z.number().int().positive(),
  classNames: z.array(z.string()),
  splits: z.object({ train: splitFiles, val: splitFiles, test: splitFiles }),
  source: z.string(),
  license: z.string(),
});
export type DatasetInfo = z.infer<typeof datasetInfo>;

export const datasetIndex = z.object({
  version: z.literal(DATASET_INDEX_VERSION),
  datasets: z.record(z.string(), datasetInfo),
});
export type DatasetIndex = z.infer<typeof datasetIndex>;

export type SplitName = "train" | "val" | "test";

/** Images as normalised floats in [0, 1], row-major, one channel, with their labels. */
export type ImageSet = {
  images: Float32Array;
  labels: Int32Array;
  count: number;
  width: number;
  height: number;
};

/** Packs images (values in [0, pixelMax]) into bytes; the inverse of `decodeImages`. */
export function encodeImages(pixels: ArrayLike<number>, pixelMax: number): Uint8Array {
  const bytes = new Uint8Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const value = Math.round(pixels[i]!);
    if (!(value >= 0 && value <= pixelMax)) throw new RangeError(`Pixel ${i} is ${pixels[i]}, outside 0–${pixelMax}.`);
    bytes[i] = value;
  }
  return bytes;
}

/** Turns one class file's bytes into normalised pixels, checking the size against the index. */
export function decodeImages(bytes: Uint8Array, options: { count: number; width: number; height: number; pixelMax: number }): Float32Array {
  const expected = options.count * options.width * options.height;
  if (bytes.length !== expected) {
    throw new Error(`Expected ${expected} bytes (${options.count} images of ${options.width}×${options.height}), got ${bytes.length}.`);
  }
  const images = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) images[i] = bytes[i]! / options.pixelMax;
  return images;
}

/** Joins per-class pixel arrays into one set; label i is the position of the class in `classes`. */
export function joinClasses(parts: { pixels: Float32Array; count: number }[], size: { width: number; height: number }): ImageSet {
  const count = parts.reduce((sum, part) => sum + part.count, 0);
  const pixelsPerImage = size.width * size.height;
  const images = new Float32Array(count * pixelsPerImage);
  const labels = new Int32Array(count);
  let offset = 0;
  parts.forEach((part, label) => {
    images.set(part.pixels, offset * pixelsPerImage);
    labels.fill(label, offset, offset + part.count);
    offset += part.count;
  });
  return { images, labels, count, width: size.width, height: size.height };
}

/** A subset of a set, in the order of `indices`. */
export function selectImages(set: ImageSet, indices: readonly number[]): ImageSet {
  const pixelsPerImage = set.width * set.height;
  const images = new Float32Array(indices.length * pixelsPerImage);
  const labels = new Int32Array(indices.length);
  indices.forEach((index, i) => {
    images.set(set.images.subarray(index * pixelsPerImage, (index + 1) * pixelsPerImage), i * pixelsPerImage);
    labels[i] = set.labels[index]!;
  });
  return { images, labels, count: indices.length, width: set.width, height: set.height };
}

/**
 * Bilinear resize of every image to `size` (e.g. 8×8 digits to the 28×28 input of the Fashion-MNIST
 * base). Pixel centres are aligned, as in `tf.image.resizeBilinear` with halfPixelCenters.
 */
export function resizeImages(set: ImageSet, size: { width: number; height: number }): ImageSet {
  if (set.width === size.width && set.height === size.height) return set;
  const { width: w0, height: h0 } = set;
  const { width: w1, height: h1 } = size;
  const images = new Float32Array(set.count * w1 * h1);
  for (let n = 0; n < set.count; n++) {
    const source = set.images.subarray(n * w0 * h0, (n + 1) * w0 * h0);
    const target = images.subarray(n * w1 * h1, (n + 1) * w1 * h1);
    for (let y = 0; y < h1; y++) {
      const sy = Math.min(Math.max(((y + 0.5) * h0) / h1 - 0.5, 0), h0 - 1);
      const y0 = Math.floor(sy);
      const y1 = Math.min(y0 + 1, h0 - 1);
      const fy = sy - y0;
      for (let x = 0; x < w1; x++) {
        const sx = Math.min(Math.max(((x + 0.5) * w0) / w1 - 0.5, 0), w0 - 1);
        const x0 = Math.floor(sx);
        const x1 = Math.min(x0 + 1, w0 - 1);
        const fx = sx - x0;
        const top = source[y0 * w0 + x0]! * (1 - fx) + source[y0 * w0 + x1]! * fx;
        const bottom = source[y1 * w0 + x0]! * (1 - fx) + source[y1 * w0 + x1]! * fx;
        target[y * w1 + x] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { images, labels: set.labels, count: set.count, width: w1, height: h1 };
}

/** The file paths (relative to the datasets folder) a task's classes need, for one split. */
export function classFiles(info: DatasetInfo, split: SplitName, classes: readonly number[]): { path: string; count: number; bytes: number }[] {
  const files = info.splits[split];
  return classes.map((c) => {
    const path = files.files[c];
    if (path === undefined) throw new Error(`${info.title} has no class ${c}.`);
    return { path, count: files.perClass[c]!, bytes: files.bytes[c]! };
  });
}

/** Decodes the given per-class files (already loaded by the caller) into one labelled set. */
export function decodeSplit(info: DatasetInfo, split: SplitName, classes: readonly number[], load: (path: string) => Uint8Array): ImageSet {
  const parts = classFiles(info, split, classes).map(({ path, count }) => ({
    count,
    pixels: decodeImages(load(path), { count, width: info.width, height: info.height, pixelMax: info.pixelMax }),
  }));
  return joinClasses(parts, info);
}
