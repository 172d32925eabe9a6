import { describe, expect, it } from "vitest";
import { createRandom, sampleKPerClass } from "./random";

describe("seeded sampling", () => {
  const labels = Array.from({ length: 100 }, (_, i) => i % 4);

  it("takes k examples of every class, the same ones for the same seed", () => {
    const picked = sampleKPerClass(labels, 5, 7);
    expect(picked).toHaveLength(20);
    expect(new Set(picked).size).toBe(20);
    for (let c = 0; c < 4; c++) expect(picked.filter((i) => labels[i] === c)).toHaveLength(5);
    expect(sampleKPerClass(labels, 5, 7)).toEqual(picked);
    expect(sampleKPerClass(labels, 5, 8)).not.toEqual(picked);
  });

  it("keeps every example when k is infinite or larger than a class", () => {
    expect(sampleKPerClass(labels, Number.POSITIVE_INFINITY, 1).sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    expect(sampleKPerClass(labels, 1000, 1)).toHaveLength(100);
  });

  it("draws uniformly enough", () => {
    const random = createRandom(42);
    const values = Array.from({ length: 10_000 }, random);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});
