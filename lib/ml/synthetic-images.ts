// Tiny synthetic images for lib/ml's unit tests: each class is a bright bar at its own row, with
// seeded noise, so a network can learn them in a few steps on the cpu backend.
import type { ImageSet } from "./datasets";
import { createRandom } from "./random";

export function syntheticImages(options: { perClass: number; classes: number; width: number; height: number; seed: number }): ImageSet {
  const { perClass, classes, width, height } = options;
  const random = createRandom(options.seed);
  const count = perClass * classes;
  const images = new Float32Array(count * width * height);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % classes;
    labels[i] = label;
    const row = Math.floor(((label + 0.5) * height) / classes);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) images[i * width * height + y * width + x] = (y === row ? 0.8 : 0) + random() * 0.2;
    }
  }
  return { images, labels, count, width, height };
}
