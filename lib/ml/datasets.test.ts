import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeImages, decodeSplit, encodeImages, joinClasses, resizeImages, selectImages, type DatasetInfo } from "./datasets";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("dataset decoding", () => {
  it("round-trips pixels through bytes", () => {
    const pixels = Array.from({ length: 2 * 8 * 8 }, (_, i) => i % 17);
    const bytes = encodeImages(pixels, 16);
    const decoded = decodeImages(bytes, { count: 2, width: 8, height: 8, pixelMax: 16 });
    expect(Array.from(encodeImages(Array.from(decoded, (v) => v * 16), 16))).toEqual(pixels);
    expect(decoded[16]).toBe(1);
    expect(decoded[17]).toBe(0);
    expect(decoded[15]).toBeCloseTo(15 / 16);
  });

  it("refuses pixels out of range and files of the wrong size", () => {
    expect(() => encodeImages([17], 16)).toThrow(/outside 0–16/);
    expect(() => decodeImages(new Uint8Array(63), { count: 1, width: 8, height: 8, pixelMax: 16 })).toThrow(/Expected 64 bytes/);
  });

  it("decodes a split from per-class files, labelling classes by their position in the task", () => {
    const files: Record<string, Uint8Array> = {
      "d/train/0.u8": new Uint8Array([0, 0, 0, 0]),
      "d/train/1.u8": new Uint8Array([255, 255, 255, 255, 128, 128, 128, 128]),
      "d/train/2.u8": new Uint8Array([10, 20, 30, 40]),
    };
    const split = { perClass: [1, 2, 1], files: Object.keys(files), bytes: [4, 8, 4], sha256: ["0".repeat(64), "0".repeat(64), "0".repeat(64)] };
    const info: DatasetInfo = { title: "d", width: 2, height: 2, pixelMax: 255, classNames: ["a", "b", "c"], splits: { train: split, val: split, test: split }, source: "", license: "" };
    const set = decodeSplit(info, "train", [2, 1], (path) => files[path]!);
    expect(set.count).toBe(3);
    expect(Array.from(set.labels)).toEqual([0, 1, 1]);
    expect(set.images[0]).toBeCloseTo(10 / 255);
    expect(set.images[4]).toBe(1);
    const picked = selectImages(set, [2, 0]);
    expect(Array.from(picked.labels)).toEqual([1, 0]);
    expect(picked.images[0]).toBeCloseTo(128 / 255);
  });

  it("resizes like tf.image.resizeBilinear with half-pixel centres", () => {
    const set = joinClasses([{ pixels: Float32Array.from({ length: 16 }, (_, i) => (i * 7) % 5), count: 1 }], { width: 4, height: 4 });
    const resized = resizeImages(set, { width: 7, height: 7 });
    const expected = tf.image.resizeBilinear(tf.tensor4d(set.images, [1, 4, 4, 1]), [7, 7], false, true).dataSync();
    expect(Array.from(resized.images).map((v) => +v.toFixed(4))).toEqual(Array.from(expected).map((v) => +v.toFixed(4)));
  });
});
