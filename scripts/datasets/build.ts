// `npm run datasets:build`: writes the lab's datasets to public/datasets/ from Debian packages.
//
//   fashion-mnist/{train,val,test}/<class>.u8   28×28 uint8 pixels (0–255), one image after another
//   digits/{train,val,test}/<class>.u8          8×8 uint8 pixels (0–16)
//   index.json                                  sizes, class names, counts, bytes and sha256 per file
//
// Idempotent: the subsets are fixed (no randomness), and a file is rewritten only when its bytes
// change, so a second run reports "unchanged" for everything. See public/datasets/README.md for
// provenance and licences.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DATASET_INDEX_VERSION, datasetIndex, type DatasetIndex, type DatasetInfo } from "../../lib/ml/datasets";
import { DIGIT_CLASS_NAMES, FASHION_CLASS_NAMES, imagesOfClass, packageVersions, readDigits, readFashionMnist, unpackDebianPackages, type RawImages } from "../../server/training/data/debian";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = path.join(root, "public", "datasets");

// Fashion-MNIST subset: enough for "all" examples per class to mean something while a task's
// download (5 classes × 3 splits) stays near 2 MB. Validation and test come from the official test
// set, which the pretrained base never sees.
export const FASHION_TRAIN_PER_CLASS = 300;
export const FASHION_VAL_PER_CLASS = 100;
export const FASHION_TEST_PER_CLASS = 100;

let written = 0;
let unchanged = 0;

function writeIfChanged(relative: string, bytes: Uint8Array | string): void {
  const file = path.join(outDir, relative);
  const data = typeof bytes === "string" ? Buffer.from(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (existsSync(file) && readFileSync(file).equals(data)) {
    unchanged++;
    return;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
  written++;
}

function concat(images: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(images.reduce((sum, image) => sum + image.length, 0));
  let offset = 0;
  for (const image of images) {
    out.set(image, offset);
    offset += image.length;
  }
  return out;
}

type Splits = Record<"train" | "val" | "test", Uint8Array[][]>;

function writeDataset(name: string, splits: Splits, meta: Omit<DatasetInfo, "splits">): DatasetInfo {
  const info = { ...meta, splits: {} as DatasetInfo["splits"] };
  for (const split of ["train", "val", "test"] as const) {
    const perClass = splits[split];
    const files = perClass.map((_, c) => `${name}/${split}/${c}.u8`);
    const blobs = perClass.map(concat);
    blobs.forEach((blob, c) => writeIfChanged(files[c]!, blob));
    info.splits[split] = {
      perClass: perClass.map((images) => images.length),
      files,
      bytes: blobs.map((blob) => blob.length),
      sha256: blobs.map((blob) => createHash("sha256").update(blob).digest("hex")),
    };
  }
  return info;
}

function fashion(rootDir: string, version: string): DatasetInfo {
  const train = readFashionMnist(rootDir, "train");
  const test = readFashionMnist(rootDir, "t10k");
  const classes = FASHION_CLASS_NAMES.map((_, c) => c);
  const splits: Splits = {
    train: classes.map((c) => imagesOfClass(train, c).slice(0, FASHION_TRAIN_PER_CLASS)),
    val: classes.map((c) => imagesOfClass(test, c).slice(0, FASHION_VAL_PER_CLASS)),
    test: classes.map((c) => imagesOfClass(test, c).slice(FASHION_VAL_PER_CLASS, FASHION_VAL_PER_CLASS + FASHION_TEST_PER_CLASS)),
  };
  return writeDataset("fashion-mnist", splits, {
    title: "Fashion-MNIST",
    width: train.width,
    height: train.height,
    pixelMax: 255,
    classNames: FASHION_CLASS_NAMES,
    source: `Debian package dataset-fashion-mnist ${version} (github.com/zalandoresearch/fashion-mnist): train = first ${FASHION_TRAIN_PER_CLASS} per class of the training set; val = first ${FASHION_VAL_PER_CLASS} and test = next ${FASHION_TEST_PER_CLASS} per class of the test set.`,
    license: "MIT (Expat), © 2017 Zalando SE",
  });
}

/** Deterministic split of every digit class: in file order, 3 of each 10 to test, 2 to val, 5 to train. */
export function digitSplit(indexInClass: number): "train" | "val" | "test" {
  const slot = indexInClass % 10;
  return slot < 3 ? "test" : slot < 5 ? "val" : "train";
}

function digits(rootDir: string, version: string): DatasetInfo {
  const raw: RawImages = readDigits(rootDir);
  const splits: Splits = { train: [], val: [], test: [] };
  for (let c = 0; c < 10; c++) {
    const images = imagesOfClass(raw, c);
    for (const split of ["train", "val", "test"] as const) splits[split][c] = images.filter((_, i) => digitSplit(i) === split);
  }
  return writeDataset("digits", splits, {
    title: "UCI handwritten digits",
    width: 8,
    height: 8,
    pixelMax: 16,
    classNames: DIGIT_CLASS_NAMES,
    source: `Debian package python3-sklearn ${version}, sklearn/datasets/data/digits.csv.gz (all ${raw.count} images; UCI "Optical Recognition of Handwritten Digits", test part): per class, in file order, 3 of every 10 images to test, 2 to val, 5 to train.`,
    license: "CC BY 4.0 (UCI Machine Learning Repository), E. Alpaydin and C. Kaynak, 1998",
  });
}

function main() {
  const rootDir = unpackDebianPackages();
  const versions = packageVersions(rootDir);
  const index: DatasetIndex = {
    version: DATASET_INDEX_VERSION,
    datasets: {
      "fashion-mnist": fashion(rootDir, versions["dataset-fashion-mnist"] ?? "?"),
      digits: digits(rootDir, versions["python3-sklearn"] ?? "?"),
    },
  };
  datasetIndex.parse(index);
  writeIfChanged("index.json", `${JSON.stringify(index, null, 2)}\n`);
  const total = Object.values(index.datasets)
    .flatMap((info) => Object.values(info.splits).flatMap((split) => split.bytes))
    .reduce((sum, bytes) => sum + bytes, 0);
  console.log(`public/datasets: ${written} written, ${unchanged} unchanged; ${(total / 1e6).toFixed(2)} MB of images.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
