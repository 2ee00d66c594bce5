/**
 * The SVG drawing (d3): nodes, edges, zoom and pan. It owns no state of the run: the app hands it the
 * visible graph, positions and the ids to refresh, once per animation frame.
 */
import * as d3 from 'd3';
import type { ViewModel } from '../../../protocol/src/viewModel';
import { GROUP_ICON, STATUS_LOOK } from './status';
import { NODE_H, NODE_W, boundsOf, type Point } from './layoutQuick';
import { groupCounts, groupStatus, type VisEdge, type VisibleGraph, type VisNode } from './visible';
import { nodeSummary } from './text';
import { EdgeBundle } from './edgeBundle';

export interface RenderHandlers {
  select(id: string): void;
  open(id: string): void;
  toggleGroup(parent: string): void;
}

const MAX_FLOWING = 12;
/** Below this zoom the words are unreadable anyway: hiding them makes a frame of 1,000 nodes cheap to paint. */
const FAR_ZOOM = 0.45;

type G = d3.Selection<SVGGElement, unknown, null, undefined>;

export class GraphRenderer {
  readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly viewport: G;
  private readonly edgeLayer: G;
  private readonly nodeLayer: G;
  private readonly zoom: d3.ZoomBehavior<SVGSVGElement, unknown>;
  readonly elements = new Map<string, SVGGElement>();
  private readonly edgeEls = new Map<string, SVGPathElement>();
  private readonly labelEls = new Map<string, SVGTextElement>();
  private readonly bundle: EdgeBundle;
  private far = false;
  transform: d3.ZoomTransform = d3.zoomIdentity;
  onZoom: (t: d3.ZoomTransform) => void = () => undefined;

  constructor(container: HTMLElement, private readonly handlers: RenderHandlers) {
    this.svg = d3.select(container).append('svg').attr('role', 'group').attr('aria-label', 'Run graph');
    this.viewport = this.svg.append('g').attr('class', 'viewport');
    this.bundle = new EdgeBundle(this.viewport.append('g').attr('class', 'edge-bundle').node() as SVGGElement, edgePath);
    this.edgeLayer = this.viewport.append('g').attr('class', 'edges');
    this.nodeLayer = this.viewport.append('g').attr('class', 'nodes');
    this.zoom = d3.zoom<SVGSVGElement, unknown>().scaleExtent([0.05, 3]).on('zoom', (e: d3.D3ZoomEvent<SVGSVGElement, unknown>) => {
      this.transform = e.transform;
      this.viewport.attr('transform', e.transform.toString());
      const far = e.transform.k < FAR_ZOOM;
      if (far !== this.far) { this.far = far; this.svg.classed('far', far); if (far) this.bundle.draw(); }
      this.onZoom(e.transform);
    });
    this.svg.call(this.zoom).on('dblclick.zoom', null);
  }

  /** Adds and removes drawn nodes and edges to match `vis`; `grow` maps new ids to the point they grow from. */
  sync(vis: VisibleGraph, view: ViewModel, positions: Map<string, Point>, grow: Map<string, Point>): void {
    for (const [id, el] of this.elements) if (!vis.nodes.has(id)) { el.remove(); this.elements.delete(id); }
    for (const vn of vis.nodes.values()) {
      if (this.elements.has(vn.id)) continue;
      const el = this.createNode(vn);
      this.elements.set(vn.id, el);
      const to = positions.get(vn.id) ?? { x: 0, y: 0 };
      const from = grow.get(vn.id);
      if (from) {
        el.setAttribute('transform', translate(from));
        d3.select(el).transition().duration(300).attr('transform', translate(to));
      } else {
        el.setAttribute('transform', translate(to));
      }
      this.refreshNode(vn, view);
    }
    this.syncEdges(vis.edges, positions);
  }

  private createNode(vn: VisNode): SVGGElement {
    const g = this.nodeLayer.append('g').attr('class', 'node').attr('role', 'button').attr('tabindex', -1).attr('data-id', vn.id);
    g.append('rect').attr('class', 'box').attr('x', -NODE_W / 2).attr('y', -NODE_H / 2).attr('width', NODE_W).attr('height', NODE_H).attr('rx', 6);
    // The icon sits in its own <g>: a spinning icon's CSS transform would replace a transform on the path itself.
    g.append('g').attr('class', 'icon-at').attr('transform', `translate(${-NODE_W / 2 + 8},${-8})`).append('path').attr('class', 'icon');
    g.append('text').attr('class', 'label').attr('x', -NODE_W / 2 + 30).attr('y', -4);
    g.append('text').attr('class', 'sub').attr('x', -NODE_W / 2 + 30).attr('y', 12);
    const el = g.node() as SVGGElement;
    el.addEventListener('click', (e) => { e.stopPropagation(); this.handlers.select(vn.id); });
    el.addEventListener('dblclick', (e) => {
      e.stopPropagation();
      if (vn.groupOf !== undefined) this.handlers.toggleGroup(vn.groupOf);
      else this.handlers.open(vn.id);
    });
    return el;
  }

  /** Redraws one node's status, words, badge (cheap: called for every node an event touched). */
  refreshNode(vn: VisNode, view: ViewModel): void {
    const el = this.elements.get(vn.id);
    if (!el) return;
    const g = d3.select(el);
    if (vn.members) return this.refreshGroup(g, vn, view);
    const n = vn.node;
    if (!n) return;
    const look = STATUS_LOOK[n.status];
    const summary = nodeSummary(n);
    // Only what changed is written: an SVG attribute or text write costs style, layout and paint of the
    // whole drawing, even when the value is the same (measured: 35-58 ms frames at 1,000 nodes).
    el.classList.remove(...Array.from(el.classList).filter((c) => c.startsWith('s-') && c !== `s-${n.status}`));
    el.classList.add(`s-${n.status}`);
    const parts = el.children;
    setIf(parts[1].firstElementChild, 'd', look.icon);
    textIf(parts[2], clip(n.label, 22));
    textIf(parts[3], summary);
    const openTicket = [...view.tickets.values()].some((t) => t.open && t.nodeId === n.id);
    setIf(el, 'aria-label', `${n.label}, ${n.kind}, ${look.word}${openTicket ? ', ticket waiting for a decision' : ''}. ${summary}`);
    const badge = g.select('circle.ticket-badge');
    if (!openTicket) badge.remove();
    else if (badge.empty()) g.append('circle').attr('class', 'ticket-badge').attr('cx', NODE_W / 2 - 8).attr('cy', -NODE_H / 2 + 8).attr('r', 6);
  }

  private refreshGroup(g: d3.Selection<SVGGElement, unknown, null, undefined>, vn: VisNode, view: ViewModel): void {
    const members = vn.members ?? [];
    const counts = groupCounts(view, members);
    const status = groupStatus(counts);
    const done = counts.get('completed') ?? 0;
    g.attr('class', `node group s-${status}`);
    g.select('path.icon').attr('d', GROUP_ICON);
    g.select('text.label').text(clip(`${members.length} nodes under ${vn.groupOf ?? ''}`, 24));
    g.select('text.sub').text(`${done}/${members.length} done · ${STATUS_LOOK[status].word} · double-click to expand`);
    g.attr('aria-label', `Group of ${members.length} nodes under ${vn.groupOf ?? ''}: ${done} completed, overall ${STATUS_LOOK[status].word}. Press Enter to expand.`);
    g.selectAll('rect.bar').remove();
    let x = -NODE_W / 2;
    for (const [s, c] of counts) {
      const w = (c / Math.max(1, members.length)) * NODE_W;
      g.append('rect').attr('class', `bar s-any s-${s}`).attr('x', x).attr('y', NODE_H / 2 - 4).attr('width', w).attr('height', 4);
      x += w;
    }
  }

  private syncEdges(edges: VisEdge[], positions: Map<string, Point>): void {
    const keep = new Set(edges.map((e) => e.id));
    for (const [id, el] of this.edgeEls) if (!keep.has(id)) { el.remove(); this.edgeEls.delete(id); }
    for (const e of edges) {
      let el = this.edgeEls.get(e.id);
      if (!el) {
        el = this.edgeLayer.append('path').node() as SVGPathElement;
        this.edgeEls.set(e.id, el);
      }
      el.setAttribute('class', `edge ${e.state}${e.route ? ' route' : ''}${el.classList.contains('flow') ? ' flow' : ''}`);
      el.setAttribute('d', edgePath(positions.get(e.from), positions.get(e.to)));
      if (e.label !== undefined) this.placeLabel(e.id, e.label, positions.get(e.from), positions.get(e.to));
    }
    for (const [id, el] of this.labelEls) if (!keep.has(id)) { el.remove(); this.labelEls.delete(id); }
    this.bundle.update(edges, positions, this.far);
  }

  /** Route conditions (static preview) written at the middle of their edge. */
  private placeLabel(id: string, text: string, a: Point | undefined, b: Point | undefined): void {
    let el = this.labelEls.get(id);
    if (!el) {
      el = this.edgeLayer.append('text').attr('class', 'edge-label').attr('text-anchor', 'middle').node() as SVGTextElement;
      this.labelEls.set(id, el);
    }
    el.textContent = text;
    if (a && b) { el.setAttribute('x', String((a.x + b.x) / 2)); el.setAttribute('y', String((a.y + b.y) / 2)); }
  }

  /** Redraws every edge and moves every node to `positions` (gliding when `animate`). */
  move(positions: Map<string, Point>, edges: VisEdge[], animate: boolean): void {
    for (const [id, el] of this.elements) {
      const p = positions.get(id);
      if (!p) continue;
      if (animate) d3.select(el).transition().duration(400).attr('transform', translate(p));
      else el.setAttribute('transform', translate(p));
    }
    this.syncEdges(edges, positions);
  }

  /** Re-derives the state of the given drawn edges (an edge may stand for several model edges). */
  restyleEdges(edges: VisEdge[], ids: Set<string>): void {
    for (const e of edges) {
      if (!ids.has(e.id)) continue;
      const el = this.edgeEls.get(e.id);
      if (el) el.setAttribute('class', `edge ${e.state}${e.route ? ' route' : ''}${el.classList.contains('flow') ? ' flow' : ''}`);
    }
    this.bundle.restyled(ids, this.far);
  }

  private flowing = 0;

  /**
   * Data flowing: edges whose source just completed pulse for a moment. At most MAX_FLOWING at once: every
   * animated edge repaints the SVG each frame, and a burst of completions would otherwise cost frames.
   */
  flow(edgeIds: string[]): void {
    // Far out the flow animation is off (CSS): its `animationend` would never come and the slots stay taken.
    if (this.far) return;
    for (const id of edgeIds) {
      const el = this.edgeEls.get(id);
      if (!el || this.flowing >= MAX_FLOWING || el.classList.contains('flow')) continue;
      this.flowing++;
      el.classList.add('flow');
      el.addEventListener('animationend', () => { el.classList.remove('flow'); this.flowing--; }, { once: true });
    }
  }

  fit(positions: Map<string, Point>, width: number, height: number): void {
    const b = boundsOf(this.elements.keys(), positions);
    if (!b) return;
    const { x0, y0, x1, y1 } = b;
    const k = Math.min(1.5, 0.92 * Math.min(width / Math.max(1, x1 - x0), height / Math.max(1, y1 - y0)));
    this.setTransform(d3.zoomIdentity.translate(width / 2 - k * (x0 + x1) / 2, height / 2 - k * (y0 + y1) / 2).scale(k));
  }

  setTransform(t: { x: number; y: number; k: number }): void {
    this.zoom.transform(this.svg, d3.zoomIdentity.translate(t.x, t.y).scale(t.k));
  }

  /** Moves the view by (dx, dy) in graph units, keeping the zoom. */
  panBy(dx: number, dy: number): void {
    const t = this.transform;
    this.setTransform({ x: t.x - dx * t.k, y: t.y - dy * t.k, k: t.k });
  }

  centerOn(p: Point, width: number, height: number): void {
    const k = this.transform.k;
    this.setTransform({ x: width / 2 - k * p.x, y: height / 2 - k * p.y, k });
  }
}

function setIf(el: Element | null, name: string, value: string): void {
  if (el && el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function textIf(el: Element | undefined, text: string): void {
  if (el && el.textContent !== text) el.textContent = text;
}

function translate(p: Point): string {
  return `translate(${p.x},${p.y})`;
}

function edgePath(a: Point | undefined, b: Point | undefined): string {
  if (!a || !b) return '';
  const y0 = a.y + NODE_H / 2;
  const y1 = b.y - NODE_H / 2;
  const my = (y0 + y1) / 2;
  return `M${a.x},${y0}C${a.x},${my} ${b.x},${my} ${b.x},${y1}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
