/**
 * Layered placement on the main thread, linear in nodes + edges: used for the first paint (the elk layout
 * follows from the worker) and to place spliced nodes under their parent without moving anyone else.
 */
export const NODE_W = 180;
export const NODE_H = 46;
export const COL = NODE_W + 30;
/** Layers are far enough apart that a spliced row fits between two of them (see placeAdded). */
export const ROW = NODE_H + 64;
/** Smallest centre distance at which two boxes do not touch, with a small margin. */
const CLEAR_X = NODE_W + 8;
const CLEAR_Y = NODE_H + 6;

export interface Point { x: number; y: number }
export interface LayoutInput { nodes: { id: string; order: number }[]; edges: { from: string; to: string }[] }

/** Longest-path layers, model order inside a layer, each layer centred on x = 0. */
export function quickLayout(input: LayoutInput): Map<string, Point> {
  const layers = layerOf(input);
  const rows = new Map<number, { id: string; order: number }[]>();
  for (const n of input.nodes) {
    const l = layers.get(n.id) ?? 0;
    const row = rows.get(l);
    if (row) row.push(n); else rows.set(l, [n]);
  }
  const out = new Map<string, Point>();
  for (const [layer, row] of rows) {
    row.sort((a, b) => a.order - b.order);
    row.forEach((n, i) => out.set(n.id, { x: (i - (row.length - 1) / 2) * COL, y: layer * ROW }));
  }
  return out;
}

/** Kahn's algorithm; a node's layer is one below its deepest predecessor. Nodes on a cycle get layer 0. */
function layerOf(input: LayoutInput): Map<string, number> {
  const ids = new Set(input.nodes.map((n) => n.id));
  const indeg = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const id of ids) indeg.set(id, 0);
  for (const e of input.edges) {
    if (!ids.has(e.from) || !ids.has(e.to)) continue;
    indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
    const list = out.get(e.from);
    if (list) list.push(e.to); else out.set(e.from, [e.to]);
  }
  const layer = new Map<string, number>();
  const queue = [...ids].filter((id) => indeg.get(id) === 0);
  for (const id of queue) layer.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const to of out.get(id) ?? []) {
      layer.set(to, Math.max(layer.get(to) ?? 0, (layer.get(id) ?? 0) + 1));
      const d = (indeg.get(to) ?? 0) - 1;
      indeg.set(to, d);
      if (d === 0) queue.push(to);
    }
  }
  return layer;
}

/**
 * Places `added` nodes without moving any placed node: each connected batch is laid out on its own and hung
 * under its anchor (a placed predecessor, else its parent), then shifted sideways until it overlaps nobody.
 */
export function placeAdded(
  positions: Map<string, Point>, added: readonly { id: string; order: number; anchor?: string }[], edges: readonly { from: string; to: string }[],
): void {
  if (added.length === 0) return;
  const addedIds = new Set(added.map((a) => a.id));
  const local = quickLayout({ nodes: [...added], edges: edges.filter((e) => addedIds.has(e.from) && addedIds.has(e.to)) });
  const anchor = added.map((a) => a.anchor).find((a) => a !== undefined && positions.has(a));
  const base = anchor === undefined ? lowestPoint(positions) : positions.get(anchor) ?? { x: 0, y: 0 };
  const grid = new OccupancyGrid(positions);
  const fits = (dx: number, dy: number) => added.every((a) => !grid.occupied(at(base, local.get(a.id), dx, dy)));
  let chosen = { dx: 0, dy: ROW };
  // Nearest free spot first: straight below the anchor, else between its layer and the next, then sideways.
  search: for (let tries = 0; tries < 400; tries++) {
    const dx = (tries % 2 === 1 ? 1 : -1) * Math.ceil(tries / 2) * COL;
    for (const dy of [ROW, ROW / 2]) {
      if (fits(dx, dy)) { chosen = { dx, dy }; break search; }
    }
    chosen = { dx, dy: ROW };
  }
  for (const a of added) {
    const p = at(base, local.get(a.id), chosen.dx, chosen.dy);
    positions.set(a.id, p);
    grid.add(p);
  }
}

function at(base: Point, rel: Point | undefined, dx: number, dy: number): Point {
  return { x: base.x + (rel?.x ?? 0) + dx, y: base.y + dy + (rel?.y ?? 0) };
}

function lowestPoint(positions: Map<string, Point>): Point {
  let y = -ROW;
  for (const p of positions.values()) y = Math.max(y, p.y);
  return { x: 0, y };
}

/** Buckets of placed nodes so an overlap test costs O(1) whatever the graph's size. */
class OccupancyGrid {
  private readonly cells = new Map<string, Point[]>();
  constructor(positions: Map<string, Point>) {
    for (const p of positions.values()) this.add(p);
  }
  add(p: Point): void {
    const key = this.key(Math.floor(p.x / COL), Math.floor(p.y / ROW));
    const cell = this.cells.get(key);
    if (cell) cell.push(p); else this.cells.set(key, [p]);
  }
  occupied(p: Point): boolean {
    const cx = Math.floor(p.x / COL);
    const cy = Math.floor(p.y / ROW);
    for (let i = -2; i <= 2; i++) {
      for (let j = -2; j <= 2; j++) {
        for (const q of this.cells.get(this.key(cx + i, cy + j)) ?? []) {
          if (Math.abs(q.x - p.x) < CLEAR_X && Math.abs(q.y - p.y) < CLEAR_Y) return true;
        }
      }
    }
    return false;
  }
  private key(x: number, y: number): string { return `${x},${y}`; }
}

export interface Bounds { x0: number; y0: number; x1: number; y1: number }

/** The box around the given nodes' boxes; undefined when none of them is placed. */
export function boundsOf(ids: Iterable<string>, positions: ReadonlyMap<string, Point>): Bounds | undefined {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const id of ids) {
    const p = positions.get(id);
    if (!p) continue;
    x0 = Math.min(x0, p.x - NODE_W / 2); x1 = Math.max(x1, p.x + NODE_W / 2);
    y0 = Math.min(y0, p.y - NODE_H / 2); y1 = Math.max(y1, p.y + NODE_H / 2);
  }
  return x0 === Infinity ? undefined : { x0, y0, x1, y1 };
}
