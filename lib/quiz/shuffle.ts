// Seeded shuffles: options are shown in a per-attempt order that a resumed attempt (or everyone who
// plays one friend challenge) sees again, because the order is a pure function of the seed.

/** A 32-bit hash of a string (cyrb53's mixing, folded to 32 bits): the PRNG's seed. */
export function hashSeed(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A permutation of 0..n-1 for (seed, salt): `order[shown] = original index`. With `avoidIdentity`
 * (ordering questions, whose original order is the answer) an identity result is rotated by one.
 */
export function seededOrder(seed: string, salt: string, n: number, options: { avoidIdentity?: boolean } = {}): number[] {
  const random = mulberry32(hashSeed(`${seed}:${salt}`));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  if (options.avoidIdentity && n > 1 && order.every((value, index) => value === index)) order.push(order.shift()!);
  return order;
}
