/**
 * Arrow keys move the focus to the nearest drawn node in that direction (geometric, so it follows the
 * layout the user sees); Enter opens the inspector (or expands a group); Escape closes it.
 */
import type { Point } from './layoutQuick';

export type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

export function nearestInDirection(from: Point, dir: Direction, candidates: Iterable<[string, Point]>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const [id, p] of candidates) {
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const along = dir === 'ArrowDown' ? dy : dir === 'ArrowUp' ? -dy : dir === 'ArrowRight' ? dx : -dx;
    const across = dir === 'ArrowDown' || dir === 'ArrowUp' ? Math.abs(dx) : Math.abs(dy);
    if (along <= 1) continue;
    // Prefer nodes straight ahead: sideways distance costs twice the forward distance.
    const score = along + 2 * across;
    if (score < bestScore) { bestScore = score; best = id; }
  }
  return best;
}
