/**
 * The graph panel: receives messages, keeps the view model, decides what is drawn where, and wires the
 * renderer, inspector, toolbar and keyboard together.
 */
import type { JsonValue } from '../../../language/src/ir';
import { parseHostToPanel, type HostToPanel } from '../../../protocol/src/messages';
import { unpackSnapshot } from '../../../protocol/src/pack';
import type { PanelSnapshot, PanelTicket } from '../../../protocol/src/snapshot';
import { ViewModel, type ViewChange } from '../../../protocol/src/viewModel';
import { exportMermaid, exportSvg } from './exporters';
import { HostLink } from './host';
import { renderInspector } from './inspector';
import { nearestInDirection, type Direction } from './keyboard';
import { Minimap } from './minimap';
import { LayoutClient } from './layoutClient';
import { placeAdded, quickLayout, type Point } from './layoutQuick';
import { GraphRenderer } from './render';
import { EventStream } from './stream';
import { renderTimeline } from './timeline';
import { Toolbar } from './toolbar';
import { visibleGraph, type VisibleGraph } from './visible';

/** Drawn nodes above which state changes are drawn every other frame (see the EventStream). */
const BIG_DRAWING = 400;
/** Positions kept for a reload up to this many drawn nodes (webview state is JSON; a larger graph is laid out again). */
const MAX_SAVED_POSITIONS = 3000;

/** A host message as the app handles it: validated, its snapshot unpacked. */
type Received = Exclude<HostToPanel, { type: 'snapshot' }> | { type: 'snapshot'; snapshot: PanelSnapshot };

function readHostMessage(data: unknown): Received {
  const message = parseHostToPanel(data);
  return message.type === 'snapshot' ? { type: 'snapshot', snapshot: unpackSnapshot(message.snapshot) } : message;
}

export interface AppElements { graph: HTMLElement; inspector: HTMLElement; toolbar: HTMLElement; tickets: HTMLElement; bottom: HTMLElement }

export class App {
  private readonly link = new HostLink();
  private view: ViewModel | undefined;
  private vis: VisibleGraph | undefined;
  readonly positions = new Map<string, Point>();
  private readonly expanded = new Set<string>();
  private selected: string | undefined;
  private inspectorOpen = false;
  private layoutToken = 0;
  private readonly renderer: GraphRenderer;
  private readonly stream: EventStream;
  private readonly toolbar: Toolbar;
  private readonly layout: LayoutClient;
  private readonly minimap: Minimap;
  private matches: string[] = [];

  constructor(private readonly el: AppElements, workerUrl: string) {
    this.renderer = new GraphRenderer(el.graph, { select: (id) => this.select(id, true), open: (id) => this.open(id), toggleGroup: (p) => this.toggleGroup(p) });
    this.minimap = new Minimap(el.graph, {
      view: () => { const t = this.renderer.transform; return { x: t.x, y: t.y, k: t.k, width: el.graph.clientWidth, height: el.graph.clientHeight }; },
      centerOn: (p) => this.renderer.centerOn(p, el.graph.clientWidth, el.graph.clientHeight),
      panBy: (dx, dy) => this.renderer.panBy(dx, dy),
      fit: () => this.fit(),
    });
    this.renderer.onZoom = () => { this.persistSoon(); this.minimap.viewport(); };
    // Above BIG_DRAWING nodes a redraw's paint takes most of a frame: state changes are drawn every other frame,
    // so zoom, pan and the frames between stay on time (measured: bench:panel, frame p95 at 1,000 nodes).
    this.stream = new EventStream(() => this.view, (c) => this.applied(c), (haveSeq) => this.resync(haveSeq), () => (this.renderer.elements.size > BIG_DRAWING ? 2 : 1));
    this.layout = new LayoutClient(workerUrl, (m) => this.report(m));
    this.toolbar = new Toolbar(el.toolbar, el.tickets, {
      control: (action) => this.runPost((runId) => ({ type: 'control', runId, action })),
      rerunSelected: () => { if (this.selected) this.rerun(this.selected); },
      revealSelected: () => { if (this.selected) this.reveal(this.selected); },
      fit: () => this.fit(),
      tidy: () => this.refine(true),
      toggleTimeline: () => { el.bottom.hidden = !el.bottom.hidden; this.drawTimeline(); },
      exportSvg: () => this.link.post({ type: 'export', format: 'svg', content: exportSvg(this.renderer.svg.node() as SVGSVGElement) }),
      exportMermaid: () => { if (this.view && this.vis) this.link.post({ type: 'export', format: 'mermaid', content: exportMermaid(this.view, this.vis) }); },
      search: (text, next) => this.search(text, next),
      answer: (t, choice, value) => this.answer(t, choice, value),
    });
    el.graph.addEventListener('keydown', (e) => this.key(e));
    window.addEventListener('message', (e: MessageEvent) => this.receive(e.data));
    this.link.post({ type: 'ready' });
  }

  private receive(data: unknown): void {
    let message: Received;
    try {
      message = readHostMessage(data);
    } catch (err) {
      // A message we cannot read may have carried events: report it and start over from a snapshot.
      this.report(err instanceof Error ? err.message : String(err));
      if (this.view) this.resync(this.view.seq);
      return;
    }
    if (message.type === 'snapshot') this.setSnapshot(message.snapshot);
    else if (message.type === 'events') this.stream.push(message.events);
    else this.select(message.nodeId, true);
  }

  private setSnapshot(snapshot: PanelSnapshot): void {
    const sameRun = this.view?.run.runId === snapshot.runId;
    this.view = new ViewModel(snapshot, { adopt: true });
    let restored = false;
    if (!sameRun) {
      this.positions.clear();
      this.expanded.clear();
      const saved = this.link.persisted();
      if (saved?.runId === snapshot.runId) {
        for (const id of saved.expanded ?? []) this.expanded.add(id);
        this.selected = saved.selected;
        for (const [id, [x, y]] of Object.entries(saved.positions ?? {})) this.positions.set(id, { x, y });
        restored = this.positions.size > 0;
      }
    }
    const before = this.positions.size;
    this.rebuild(!sameRun && !restored);
    // A resync of the same run replaces the view: every drawn node may have changed.
    if (sameRun && this.vis) for (const vn of this.vis.nodes.values()) this.renderer.refreshNode(vn, this.view);
    if (sameRun && this.vis) this.renderer.move(this.positions, this.vis.edges, false);
    this.stream.reset();
    this.toolbar.update(this.view);
    this.toolbar.updateTickets(this.view);
    this.refreshInspector();
    const saved = this.link.persisted();
    if (!sameRun && saved?.runId === snapshot.runId && saved.transform) this.renderer.setTransform(saved.transform);
    else if (!sameRun) this.fit();
    // The elk layout starts after the first paint: starting the worker competes with it for the CPU. A view
    // restored whole (after a reload) keeps its saved picture: laying it out anew would make it jump.
    const restoredWhole = restored && this.positions.size === before;
    if (!sameRun && !restoredWhole) requestAnimationFrame(() => setTimeout(() => this.refine(false), 0));
    if (restoredWhole) document.body.dataset.layout = 'restored';
    // What the panel shows is saved at once, so a window reload brings it back even if the user never touched it.
    if (!sameRun) this.persistSoon();
  }

  /** Redraws what the applied events changed; new nodes are placed without moving anyone. */
  private applied(change: ViewChange): void {
    const view = this.view;
    if (!view) return;
    if (change.added.length > 0) {
      this.rebuild(false);
      this.persistSoon();
    }
    const drawn = new Set<string>();
    for (const id of change.nodes) drawn.add(this.vis?.drawnAs.get(id) ?? id);
    for (const id of drawn) { const vn = this.vis?.nodes.get(id); if (vn) this.renderer.refreshNode(vn, view); }
    if (this.vis) {
      const d = this.vis.drawnAs;
      const drawnId = (e: { from: string; to: string }) => `${d.get(e.from) ?? e.from}\u0000${d.get(e.to) ?? e.to}`;
      const restyled = new Set<string>();
      for (const e of change.changedEdges) {
        const ve = this.vis.edgeById.get(drawnId(e));
        // A drawn edge that stands for several (into a group) stays pending while any of them is.
        if (ve && (ve.state !== 'pending' || e.state === 'pending' || !this.vis.nodes.get(ve.to)?.members)) ve.state = e.state;
        if (ve) restyled.add(ve.id);
      }
      if (restyled.size > 0) this.renderer.restyleEdges(this.vis.edges, restyled);
      if (change.flowing.length > 0) this.renderer.flow(change.flowing.map(drawnId));
    }
    if (change.run || change.nodes.size > 0) this.toolbar.update(view);
    if (change.tickets) this.toolbar.updateTickets(view);
    if (this.selected !== undefined && (change.nodes.has(this.selected) || change.tickets)) this.refreshInspector();
    if (!this.el.bottom.hidden && change.nodes.size > 0) this.drawTimeline();
    if (change.nodes.size > 0) this.minimapSoon();
  }

  private rebuild(full: boolean): void {
    if (!this.view) return;
    this.vis = visibleGraph(this.view, this.expanded);
    const vis = this.vis;
    const fresh = [...vis.nodes.values()].filter((vn) => !this.positions.has(vn.id));
    const grow = new Map<string, Point>();
    if (full || this.positions.size === 0) {
      for (const [id, p] of quickLayout({ nodes: [...vis.nodes.values()], edges: vis.edges })) this.positions.set(id, p);
    } else if (fresh.length > 0) {
      const anchors = fresh.map((vn) => ({ id: vn.id, order: vn.order, anchor: this.anchorOf(vn.id, vis) }));
      placeAdded(this.positions, anchors, vis.edges);
      for (const a of anchors) { const from = a.anchor === undefined ? undefined : this.positions.get(a.anchor); if (from) grow.set(a.id, from); }
    }
    for (const id of this.positions.keys()) if (!vis.nodes.has(id)) this.positions.delete(id);
    this.renderer.sync(vis, this.view, this.positions, grow);
    this.markSelection();
    this.minimap.draw(vis, this.view, this.positions);
  }

  /** Where a new node grows from: a drawn predecessor (map instances hang under the map's upstream), else its parent. */
  private anchorOf(id: string, vis: VisibleGraph): string | undefined {
    const pred = vis.edges.find((e) => e.to === id && this.positions.has(e.from))?.from;
    if (pred !== undefined) return pred;
    const vn = vis.nodes.get(id);
    const parent = vn?.groupOf ?? vn?.node?.parent;
    const drawnParent = parent === undefined ? undefined : vis.drawnAs.get(parent) ?? parent;
    return drawnParent !== undefined && this.positions.has(drawnParent) ? drawnParent : undefined;
  }

  /** The elk layout from the worker; nodes added meanwhile are placed under their parents again. */
  private refine(animate: boolean): void {
    const vis = this.vis;
    if (!vis) return;
    const token = ++this.layoutToken;
    const input = { nodes: [...vis.nodes.values()].map((v) => ({ id: v.id, order: v.order })), edges: vis.edges.map((e) => ({ from: e.from, to: e.to })) };
    this.layout.layout(input).then((laid) => {
      if (token !== this.layoutToken || !this.vis) return;
      const current = this.vis;
      this.positions.clear();
      for (const [id, p] of laid) if (current.nodes.has(id)) this.positions.set(id, p);
      const missing = [...current.nodes.values()].filter((vn) => !this.positions.has(vn.id));
      placeAdded(this.positions, missing.map((vn) => ({ id: vn.id, order: vn.order, anchor: this.anchorOf(vn.id, current) })), current.edges);
      this.renderer.move(this.positions, current.edges, animate || true);
      if (this.view) this.minimap.draw(current, this.view, this.positions);
      if (!animate) this.fit();
      document.body.dataset.layout = 'elk';
      this.persistSoon();
    }, (err: unknown) => this.report(`layout failed: ${err instanceof Error ? err.message : String(err)}`));
  }

  private toggleGroup(parent: string): void {
    if (this.expanded.has(parent)) this.expanded.delete(parent); else this.expanded.add(parent);
    this.rebuild(false);
    this.persistSoon();
  }

  select(id: string, focus: boolean): void {
    const drawn = this.vis?.drawnAs.get(id) ?? id;
    this.selected = drawn;
    this.markSelection();
    if (focus) this.renderer.elements.get(drawn)?.focus();
    if (this.inspectorOpen) this.refreshInspector();
    this.persistSoon();
  }

  private open(id: string): void {
    const vn = this.vis?.nodes.get(id);
    if (vn?.groupOf !== undefined) return this.toggleGroup(vn.groupOf);
    this.select(id, false);
    this.inspectorOpen = true;
    this.refreshInspector();
  }

  private markSelection(): void {
    for (const [id, el] of this.renderer.elements) {
      el.classList.toggle('selected', id === this.selected);
      el.classList.toggle('match', this.matches.includes(id));
    }
  }

  private refreshInspector(): void {
    const n = this.selected === undefined ? undefined : this.view?.node(this.selected);
    this.el.inspector.hidden = !this.inspectorOpen || !n;
    if (!this.inspectorOpen || !n || !this.view) return;
    renderInspector(this.el.inspector, this.view, n, {
      answer: (t, c, v) => this.answer(t, c, v), rerunFrom: (id) => this.rerun(id), reveal: (id) => this.reveal(id),
      close: () => { this.inspectorOpen = false; this.refreshInspector(); this.renderer.elements.get(n.id)?.focus(); },
    });
  }

  private key(e: KeyboardEvent): void {
    if (e.target instanceof HTMLInputElement) return;
    if (e.key.startsWith('Arrow')) {
      e.preventDefault();
      const from = this.selected === undefined ? undefined : this.positions.get(this.selected);
      const next = from ? nearestInDirection(from, e.key as Direction, this.positions) : this.firstNode();
      if (next !== undefined) { this.select(next, true); this.ensureVisible(next); }
    } else if (e.key === 'Enter' && this.selected !== undefined) {
      e.preventDefault();
      this.open(this.selected);
    } else if (e.key === 'Escape') {
      this.inspectorOpen = false;
      this.refreshInspector();
    } else if (e.key === '/' ) {
      e.preventDefault();
      this.toolbar.searchBox.focus();
    }
  }

  private firstNode(): string | undefined {
    return [...this.positions.entries()].sort((a, b) => a[1].y - b[1].y || a[1].x - b[1].x)[0]?.[0];
  }

  private ensureVisible(id: string): void {
    const p = this.positions.get(id);
    const t = this.renderer.transform;
    const { clientWidth: w, clientHeight: h } = this.el.graph;
    if (!p) return;
    const sx = t.applyX(p.x);
    const sy = t.applyY(p.y);
    if (sx < 40 || sy < 40 || sx > w - 40 || sy > h - 40) this.renderer.centerOn(p, w, h);
  }

  private search(text: string, next: boolean): void {
    const q = text.trim().toLowerCase();
    const ids = q === '' ? [] : [...(this.view?.nodes.values() ?? [])].filter((n) => n.id.toLowerCase().includes(q) || n.label.toLowerCase().includes(q)).map((n) => this.vis?.drawnAs.get(n.id) ?? n.id);
    this.matches = [...new Set(ids)];
    this.markSelection();
    if (this.matches.length === 0) return;
    const at = next && this.selected !== undefined ? (this.matches.indexOf(this.selected) + 1) % this.matches.length : 0;
    const target = this.matches[at];
    this.select(target, false);
    const p = this.positions.get(target);
    if (p) this.renderer.centerOn(p, this.el.graph.clientWidth, this.el.graph.clientHeight);
  }

  private fit(): void {
    this.renderer.fit(this.positions, this.el.graph.clientWidth || 800, this.el.graph.clientHeight || 600);
  }

  private drawTimeline(): void {
    if (this.view && !this.el.bottom.hidden) renderTimeline(this.el.bottom, this.view, (id) => this.select(id, true));
  }

  private answer(ticket: PanelTicket, choice: string, value?: JsonValue): void {
    this.runPost((runId) => ({ type: 'answer', runId, ticketId: ticket.ticketId, answer: value === undefined ? { choice } : { choice, value } }));
  }

  private rerun(nodeId: string): void {
    this.runPost((runId) => ({ type: 'rerunFrom', runId, nodeId }));
  }

  private reveal(nodeId: string): void {
    if (this.view) this.link.post({ type: 'revealNode', runId: this.view.run.runId, nodeId });
  }

  private runPost(make: (runId: string) => Parameters<HostLink['post']>[0]): void {
    if (this.view?.run.mode === 'run') this.link.post(make(this.view.run.runId));
  }

  private resync(haveSeq: number): void {
    if (this.view) this.link.post({ type: 'resync', runId: this.view.run.runId, haveSeq });
  }

  private report(message: string): void {
    this.link.post({ type: 'error', message });
  }

  private minimapTimer = 0;
  /** Status colours in the minimap follow the run a few times a second, not every frame. */
  private minimapSoon(): void {
    if (this.minimapTimer !== 0) return;
    this.minimapTimer = window.setTimeout(() => {
      this.minimapTimer = 0;
      if (this.vis && this.view) this.minimap.draw(this.vis, this.view, this.positions);
    }, 250);
  }

  private persistTimer = 0;
  private persistSoon(): void {
    if (this.persistTimer !== 0) return;
    this.persistTimer = window.setTimeout(() => {
      this.persistTimer = 0;
      if (!this.view) return;
      const t = this.renderer.transform;
      const positions = this.positions.size > MAX_SAVED_POSITIONS ? undefined : Object.fromEntries([...this.positions].map(([id, p]) => [id, [Math.round(p.x), Math.round(p.y)] as [number, number]]));
      this.link.persist({
        runId: this.view.run.runId, mode: this.view.run.mode, expanded: [...this.expanded], transform: { x: t.x, y: t.y, k: t.k },
        ...(this.selected === undefined ? {} : { selected: this.selected }),
        ...(positions === undefined ? {} : { positions }),
      });
    }, 200);
  }

  /** For tests and the bench: read-only facts about what is drawn. */
  debug(): { seq: number; positions: Record<string, Point>; layoutMs: number; drawn: number } {
    return { seq: this.view?.seq ?? 0, positions: Object.fromEntries(this.positions), layoutMs: this.layout.lastMs, drawn: this.renderer.elements.size };
  }
}
