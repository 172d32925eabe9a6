// Fetches the lab's source data from Debian packages (the only dataset mirror these machines and
// most CI runners can reach) and reads it into memory. Shared by scripts/datasets/build.ts (the
// shipped subsets), scripts/ml/pretrain.ts and the server's pretraining runs (the full
// source-class training sets).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";

export const PACKAGES = ["dataset-fashion-mnist", "python3-sklearn"] as const;

export const FASHION_CLASS_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
export const DIGIT_CLASS_NAMES = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/**
 * Downloads and unpacks the packages once into a cache under the OS temp dir (reused by later
 * runs; delete it or set LEARNLOOP_DATASET_CACHE to force a fresh download). Returns the root of
 * the unpacked file tree.
 */
export function unpackDebianPackages(log: (line: string) => void = console.log): string {
  const cache = process.env.LEARNLOOP_DATASET_CACHE ?? path.join(os.tmpdir(), "learnloop-dataset-cache");
  const root = path.join(cache, "root");
  const marker = path.join(root, ".complete");
  if (existsSync(marker)) return root;
  rmSync(cache, { recursive: true, force: true });
  const debs = path.join(cache, "debs");
  mkdirSync(debs, { recursive: true });
  log(`Downloading ${PACKAGES.join(", ")} with apt-get download (run \`apt-get update\` first if this fails)…`);
  try {
    execFileSync("apt-get", ["download", ...PACKAGES], { cwd: debs, stdio: ["ignore", "ignore", "inherit"] });
  } catch (error) {
    throw new Error(
      `apt-get download ${PACKAGES.join(" ")} failed. This script needs Debian's apt (bookworm or later) with a reachable mirror; try \`apt-get update\` first. (${(error as Error).message})`,
    );
  }
  const staging = path.join(cache, "staging");
  mkdirSync(staging, { recursive: true });
  for (const file of readdirSync(debs).filter((name) => name.endsWith(".deb"))) {
    log(`Unpacking ${file}`);
    execFileSync("dpkg", ["-x", path.join(debs, file), staging]);
  }
  renameSync(staging, root);
  execFileSync("touch", [marker]);
  return root;
}

export function packageVersions(root: string): Record<string, string> {
  const debs = path.join(root, "..", "debs");
  const versions: Record<string, string> = {};
  for (const file of readdirSync(debs)) {
    const [name, version] = file.replace(/\.deb$/, "").split("_");
    if (name && version) versions[name] = decodeURIComponent(version);
  }
  return versions;
}

export type RawImages = { pixels: Uint8Array; labels: Uint8Array; count: number; width: number; height: number; pixelMax: number };

// IDX format (LeCun's MNIST files): big-endian magic 0x00000803 for images (count, rows, cols,
// then uint8 pixels) and 0x00000801 for labels (count, then uint8 labels).
function readIdx(file: string): { dims: number[]; data: Uint8Array } {
  const bytes = gunzipSync(readFileSync(file));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic >>> 8 !== 0x08) throw new Error(`${file} is not an IDX file of uint8 (magic ${magic.toString(16)}).`);
  const rank = magic & 0xff;
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  return { dims, data: bytes.subarray(4 + 4 * rank) };
}

export function readFashionMnist(root: string, split: "train" | "t10k"): RawImages {
  const dir = path.join(root, "usr/share/datasets/fashion-mnist");
  const images = readIdx(path.join(dir, `${split}-images-idx3-ubyte.gz`));
  const labels = readIdx(path.join(dir, `${split}-labels-idx1-ubyte.gz`));
  const [count, height, width] = images.dims as [number, number, number];
  if (labels.dims[0] !== count) throw new Error(`Fashion-MNIST ${split}: ${count} images but ${labels.dims[0]} labels.`);
  return { pixels: images.data, labels: labels.data, count, width, height, pixelMax: 255 };
}

export function readDigits(root: string): RawImages {
  const file = path.join(root, "usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz");
  const rows = gunzipSync(readFileSync(file)).toString("utf8").trim().split("\n");
  const pixels = new Uint8Array(rows.length * 64);
  const labels = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    const values = row.split(",").map(Number);
    if (values.length !== 65) throw new Error(`digits.csv row ${i + 1} has ${values.length} values, expected 65.`);
    pixels.set(values.slice(0, 64), i * 64);
    labels[i] = values[64]!;
  });
  return { pixels, labels, count: rows.length, width: 8, height: 8, pixelMax: 16 };
}

/** The images of one class, in file order. */
export function imagesOfClass(raw: RawImages, label: number): Uint8Array[] {
  const size = raw.width * raw.height;
  const out: Uint8Array[] = [];
  for (let i = 0; i < raw.count; i++) if (raw.labels[i] === label) out.push(raw.pixels.subarray(i * size, (i + 1) * size));
  return out;
}
