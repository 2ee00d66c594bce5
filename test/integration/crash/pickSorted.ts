/** `count` distinct integers in [min, max], ascending. */
export function pickSorted(random: () => number, count: number, min: number, max: number): number[] {
  const picked = new Set<number>();
  const wanted = Math.min(count, max - min + 1);
  while (picked.size < wanted) picked.add(min + Math.floor(random() * (max - min + 1)));
  return [...picked].sort((a, b) => a - b);
}
