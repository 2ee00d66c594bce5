/**
 * Edges seen from far away: edges of one look (state, route) drawn as one <path> per chunk of CHUNK edges,
 * instead of one element per edge. Far out, 1,000 nodes fit on screen and every element costs paint each
 * frame the drawing changes; a few dozen paths cost little, and a state change rewrites only its chunk.
 * The per-edge paths stay in the DOM (hidden by CSS) for the near view, flows and exports.
 */
import type { Point } from './layoutQuick';
import type { VisEdge } from './visible';

const SVG = 'http://www.w3.org/2000/svg';
const CHUNK = 64;

const lookOf = (e: VisEdge): string => `edge ${e.state}${e.route ? ' route' : ''}`;

export class EdgeBundle {
  /** Per chunk, its path per look. */
  private chunks: Map<string, SVGPathElement>[] = [];
  private edges: VisEdge[] = [];
  private positions: ReadonlyMap<string, Point> = new Map();
  private readonly indexOf = new Map<string, number>();
  private readonly dirty = new Set<number>();

  constructor(private readonly layer: SVGGElement, private readonly pathOf: (a: Point | undefined, b: Point | undefined) => string) {}

  /** New edges or new places: every chunk is redrawn (now when `far`, else when the view turns far). */
  update(edges: VisEdge[], positions: ReadonlyMap<string, Point>, far: boolean): void {
    this.edges = edges;
    this.positions = positions;
    this.indexOf.clear();
    edges.forEach((e, i) => this.indexOf.set(e.id, i));
    const count = Math.ceil(edges.length / CHUNK);
    for (const chunk of this.chunks.splice(count)) for (const el of chunk.values()) el.remove();
    while (this.chunks.length < count) this.chunks.push(new Map());
    for (let c = 0; c < count; c++) this.dirty.add(c);
    if (far) this.draw();
  }

  /** The state of these edges changed: only their chunks are redrawn. */
  restyled(ids: Iterable<string>, far: boolean): void {
    for (const id of ids) {
      const i = this.indexOf.get(id);
      if (i !== undefined) this.dirty.add(Math.floor(i / CHUNK));
    }
    if (far) this.draw();
  }

  draw(): void {
    for (const c of this.dirty) this.drawChunk(c);
    this.dirty.clear();
  }

  private drawChunk(c: number): void {
    const chunk = this.chunks[c];
    if (!chunk) return;
    const parts = new Map<string, string[]>();
    for (const e of this.edges.slice(c * CHUNK, (c + 1) * CHUNK)) {
      const look = lookOf(e);
      const list = parts.get(look) ?? [];
      list.push(this.pathOf(this.positions.get(e.from), this.positions.get(e.to)));
      parts.set(look, list);
    }
    for (const [look, el] of chunk) if (!parts.has(look)) { el.remove(); chunk.delete(look); }
    for (const [look, list] of parts) {
      let el = chunk.get(look);
      if (!el) {
        el = document.createElementNS(SVG, 'path');
        el.setAttribute('class', look);
        this.layer.append(el);
        chunk.set(look, el);
      }
      const d = list.join('');
      if (el.getAttribute('d') !== d) el.setAttribute('d', d);
    }
  }
}
