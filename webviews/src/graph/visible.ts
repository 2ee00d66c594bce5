/**
 * The graph as drawn: big delegation subtrees and map fan-outs collapse into one group node under their
 * parent (expandable), so a 5,000-node run paints a few dozen boxes and stays readable.
 */
import type { PanelNode, PanelStatus } from '../../../protocol/src/snapshot';
import type { ViewModel } from '../../../protocol/src/viewModel';

/** Children above this count are drawn as one group until the user expands it. */
export const GROUP_THRESHOLD = 12;

export interface VisNode {
  id: string;
  order: number;
  /** The node drawn (absent for a group). */
  node?: PanelNode;
  /** Group: the parent whose subtree it stands for, and its members. */
  groupOf?: string;
  members?: string[];
}

export interface VisEdge { id: string; from: string; to: string; state: 'pending' | 'live' | 'dead'; route: boolean; label?: string }

export interface VisibleGraph {
  nodes: Map<string, VisNode>;
  edges: VisEdge[];
  edgeById: Map<string, VisEdge>;
  /** Drawn id of every model node (itself, or the group that hides it). */
  drawnAs: Map<string, string>;
}

export const groupId = (parent: string): string => `group:${parent}`;

export function visibleGraph(view: ViewModel, expanded: ReadonlySet<string>, threshold = GROUP_THRESHOLD): VisibleGraph {
  const drawnAs = new Map<string, string>();
  const nodes = new Map<string, VisNode>();
  for (const n of view.nodes.values()) {
    if (drawnAs.has(n.id)) continue;
    drawnAs.set(n.id, n.id);
    nodes.set(n.id, { id: n.id, order: n.order, node: n });
    if (n.children.length > threshold && !expanded.has(n.id)) collapse(view, n, drawnAs, nodes);
  }
  const edges = visibleEdges(view, drawnAs);
  return { nodes, edges, edgeById: new Map(edges.map((e) => [e.id, e])), drawnAs };
}

function collapse(view: ViewModel, parent: PanelNode, drawnAs: Map<string, string>, nodes: Map<string, VisNode>): void {
  const id = groupId(parent.id);
  const members: string[] = [];
  const stack = [...parent.children];
  while (stack.length > 0) {
    const child = view.node(stack.pop() ?? '');
    if (!child || drawnAs.get(child.id) === id) continue;
    // A member drawn earlier (spliced before its parent's order) is re-assigned: the group hides it.
    nodes.delete(child.id);
    drawnAs.set(child.id, id);
    members.push(child.id);
    stack.push(...child.children);
  }
  nodes.set(id, { id, order: parent.order + 0.5, groupOf: parent.id, members });
}

function visibleEdges(view: ViewModel, drawnAs: Map<string, string>): VisEdge[] {
  const seen = new Map<string, VisEdge>();
  for (const e of view.edges) {
    const from = drawnAs.get(e.from) ?? e.from;
    const to = drawnAs.get(e.to) ?? e.to;
    if (from === to) continue;
    const id = `${from}\u0000${to}`;
    const had = seen.get(id);
    if (had) { if (e.state === 'pending' || had.state === 'pending') had.state = 'pending'; continue; }
    const edge: VisEdge = { id, from, to, state: e.state, route: e.route };
    if (e.label !== undefined) edge.label = e.label;
    seen.set(id, edge);
  }
  // A group no edge leads into (delegated children wired only among themselves) still hangs under its parent.
  const fed = new Set([...seen.values()].map((e) => e.to));
  for (const drawn of new Set(drawnAs.values())) {
    if (!drawn.startsWith('group:') || fed.has(drawn)) continue;
    const parent = drawn.slice('group:'.length);
    seen.set(`${parent}\u0000${drawn}`, { id: `${parent}\u0000${drawn}`, from: parent, to: drawn, state: 'pending', route: false });
  }
  return [...seen.values()];
}

/** Status counts of a group's members, for its bar and its word. */
export function groupCounts(view: ViewModel, members: readonly string[]): Map<PanelStatus, number> {
  const counts = new Map<PanelStatus, number>();
  for (const id of members) {
    const s = view.node(id)?.status;
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return counts;
}

const GROUP_PRIORITY: PanelStatus[] = ['failed', 'drought', 'waiting', 'retrying', 'running', 'expanded', 'queued', 'ready', 'pending', 'cancelled', 'skipped', 'completed'];

export function groupStatus(counts: Map<PanelStatus, number>): PanelStatus {
  return GROUP_PRIORITY.find((s) => (counts.get(s) ?? 0) > 0) ?? 'pending';
}
