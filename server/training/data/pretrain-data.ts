// The data a base model is pretrained on, shared by the server's pretraining runs (runner.ts) and
// `npm run ml:pretrain` (scripts import this module; it imports nothing from scripts/): the source classes only; validation and test
// images are never trained on.
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { datasetIndex, decodeSplit, joinClasses, type ImageSet } from "@/lib/ml/datasets";
import { readFashionMnist, imagesOfClass, unpackDebianPackages } from "./debian";

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../public");

/** A split of the datasets shipped in public/datasets, for the given classes. */
export function loadShipped(dataset: string, split: "train" | "val" | "test", classes: number[]): ImageSet {
  const index = datasetIndex.parse(JSON.parse(readFileSync(path.join(publicDir, "datasets", "index.json"), "utf8")));
  const info = index.datasets[dataset];
  if (!info) throw new Error(`The dataset ${dataset} is not in public/datasets/index.json.`);
  return decodeSplit(info, split, classes, (file) => new Uint8Array(readFileSync(path.join(publicDir, "datasets", file))));
}

/** Whether the Debian packages are already unpacked in the dataset cache (nothing is downloaded). */
export function debianCacheReady(): boolean {
  const cache = process.env.LEARNLOOP_DATASET_CACHE ?? path.join(os.tmpdir(), "learnloop-dataset-cache");
  return existsSync(path.join(cache, "root", ".complete"));
}

/** Every Fashion-MNIST training image of the given classes (the lab ships only a subset). */
export function fashionSourceTrain(classes: number[], limitPerClass: number): ImageSet {
  const raw = readFashionMnist(unpackDebianPackages(), "train");
  const parts = classes.map((c) => {
    const images = imagesOfClass(raw, c).slice(0, limitPerClass);
    const pixels = new Float32Array(images.length * raw.width * raw.height);
    images.forEach((image, i) => image.forEach((value, j) => (pixels[i * raw.width * raw.height + j] = value / 255)));
    return { pixels, count: images.length };
  });
  return joinClasses(parts, raw);
}
