/**
 * The minimap: the whole drawn graph in a small corner box, nodes coloured by status, with the viewport as a
 * rectangle. Clicking or dragging in it moves the view there; with the keyboard, arrows pan and Enter fits.
 * One <path> per status (not one element per node), so it stays cheap at thousands of nodes and costs no
 * layout of the main drawing.
 */
import type { PanelStatus } from '../../../protocol/src/snapshot';
import type { ViewModel } from '../../../protocol/src/viewModel';
import { NODE_H, NODE_W, boundsOf, type Point } from './layoutQuick';
import { groupCounts, groupStatus, type VisibleGraph } from './visible';

const SVG = 'http://www.w3.org/2000/svg';
const W = 160;
const H = 110;
/** Fraction of the visible area one arrow key press pans. */
const STEP = 0.25;

export interface MinimapHost {
  /** The main view's transform and size, to draw the viewport rectangle. */
  view(): { x: number; y: number; k: number; width: number; height: number };
  centerOn(p: Point): void;
  panBy(dx: number, dy: number): void;
  fit(): void;
}

interface Frame { x0: number; y0: number; scale: number; dx: number; dy: number }

export class Minimap {
  readonly el: SVGSVGElement;
  private readonly nodes: SVGGElement;
  private readonly viewRect: SVGRectElement;
  private frame: Frame | undefined;
  private dragging = false;

  constructor(container: HTMLElement, private readonly host: MinimapHost) {
    this.el = document.createElementNS(SVG, 'svg');
    this.el.id = 'minimap';
    this.el.setAttribute('viewBox', `0 0 ${W} ${H}`);
    this.el.setAttribute('tabindex', '0');
    this.el.setAttribute('role', 'group');
    this.el.setAttribute('aria-label', 'Minimap: click or drag to move the view, arrow keys pan, Enter fits the whole graph');
    this.nodes = document.createElementNS(SVG, 'g');
    this.viewRect = document.createElementNS(SVG, 'rect');
    this.viewRect.setAttribute('class', 'view');
    this.el.append(this.nodes, this.viewRect);
    this.el.setAttribute('hidden', '');
    container.append(this.el);
    this.el.addEventListener('pointerdown', (e) => { this.dragging = true; this.el.setPointerCapture(e.pointerId); this.moveTo(e); });
    this.el.addEventListener('pointermove', (e) => { if (this.dragging) this.moveTo(e); });
    this.el.addEventListener('pointerup', (e) => { this.dragging = false; this.el.releasePointerCapture(e.pointerId); });
    this.el.addEventListener('keydown', (e) => this.key(e));
  }

  /** Redraws the nodes (after a layout, a splice, or status changes) and the viewport. */
  draw(vis: VisibleGraph, view: ViewModel, positions: ReadonlyMap<string, Point>): void {
    this.frame = frameOf(vis, positions);
    this.el.toggleAttribute('hidden', this.frame === undefined);
    const f = this.frame;
    if (!f) return;
    const byStatus = new Map<PanelStatus, string[]>();
    const w = Math.max(1, NODE_W * f.scale);
    const h = Math.max(1, NODE_H * f.scale);
    for (const vn of vis.nodes.values()) {
      const p = positions.get(vn.id);
      if (!p) continue;
      const status = vn.members ? groupStatus(groupCounts(view, vn.members)) : vn.node?.status ?? 'pending';
      const x = f.dx + (p.x - NODE_W / 2 - f.x0) * f.scale;
      const y = f.dy + (p.y - NODE_H / 2 - f.y0) * f.scale;
      const list = byStatus.get(status) ?? [];
      list.push(`M${x.toFixed(1)},${y.toFixed(1)}h${w.toFixed(1)}v${h.toFixed(1)}h${(-w).toFixed(1)}z`);
      byStatus.set(status, list);
    }
    this.nodes.replaceChildren(...[...byStatus].map(([status, parts]) => {
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('class', `n s-${status}`);
      path.setAttribute('d', parts.join(''));
      return path;
    }));
    this.viewport();
  }

  /** Moves the viewport rectangle (after a zoom or pan of the main view). */
  viewport(): void {
    const f = this.frame;
    if (!f) return;
    const v = this.host.view();
    const x = f.dx + (-v.x / v.k - f.x0) * f.scale;
    const y = f.dy + (-v.y / v.k - f.y0) * f.scale;
    this.viewRect.setAttribute('x', x.toFixed(1));
    this.viewRect.setAttribute('y', y.toFixed(1));
    this.viewRect.setAttribute('width', Math.max(2, (v.width / v.k) * f.scale).toFixed(1));
    this.viewRect.setAttribute('height', Math.max(2, (v.height / v.k) * f.scale).toFixed(1));
  }

  private moveTo(e: PointerEvent): void {
    const f = this.frame;
    if (!f) return;
    const box = this.el.getBoundingClientRect();
    const mx = ((e.clientX - box.left) / box.width) * W;
    const my = ((e.clientY - box.top) / box.height) * H;
    this.host.centerOn({ x: f.x0 + (mx - f.dx) / f.scale, y: f.y0 + (my - f.dy) / f.scale });
  }

  private key(e: KeyboardEvent): void {
    const v = this.host.view();
    const pans: Record<string, [number, number]> = {
      ArrowLeft: [-v.width * STEP, 0], ArrowRight: [v.width * STEP, 0], ArrowUp: [0, -v.height * STEP], ArrowDown: [0, v.height * STEP],
    };
    const pan = pans[e.key];
    if (pan) this.host.panBy(pan[0] / v.k, pan[1] / v.k);
    else if (e.key === 'Enter') this.host.fit();
    else return;
    // The graph's own keys (arrows select nodes) must not also run.
    e.preventDefault();
    e.stopPropagation();
  }
}

/** Graph bounds fitted into the minimap box, centred; undefined when nothing is placed. */
function frameOf(vis: VisibleGraph, positions: ReadonlyMap<string, Point>): Frame | undefined {
  const b = boundsOf(vis.nodes.keys(), positions);
  if (!b) return undefined;
  const { x0, y0, x1, y1 } = b;
  const pad = 4;
  const scale = Math.min((W - 2 * pad) / (x1 - x0), (H - 2 * pad) / (y1 - y0));
  return { x0, y0, scale, dx: (W - (x1 - x0) * scale) / 2, dy: (H - (y1 - y0) * scale) / 2 };
}
