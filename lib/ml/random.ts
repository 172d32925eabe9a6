// Seeded randomness, so a run's sampling, shuffling and initial weights can be replayed exactly
// from its seed in the browser and in Node alike.

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for shuffling and sampling, not for crypto. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * Picks up to `k` indices per class from `labels` (k = Infinity keeps every example), seeded, and
 * returns them in a seeded order that interleaves the classes.
 */
export function sampleKPerClass(labels: ArrayLike<number>, k: number, seed: number): number[] {
  const random = createRandom(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const list = byClass.get(label) ?? [];
    list.push(i);
    byClass.set(label, list);
  }
  const picked: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const chosen = shuffled(byClass.get(label)!, random);
    picked.push(...chosen.slice(0, Number.isFinite(k) ? k : chosen.length));
  }
  return shuffled(picked, random);
}

/** A seed derived from a base seed and a label, so independent streams do not overlap. */
export function deriveSeed(seed: number, salt: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(salt + 1, 0xc2b2ae35)) >>> 0;
}
