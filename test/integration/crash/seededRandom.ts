/** mulberry32: a tiny seeded PRNG, so every crash point of the crash tests is reproducible from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct integers in [min, max], ascending. */
export function pickSorted(random: () => number, count: number, min: number, max: number): number[] {
  const picked = new Set<number>();
  const wanted = Math.min(count, max - min + 1);
  while (picked.size < wanted) picked.add(min + Math.floor(random() * (max - min + 1)));
  return [...picked].sort((a, b) => a - b);
}
