/**
 * Snapshots from the two things a panel can show: a live run's folded state, or a blueprint's graph
 * without a run (Show Graph). Both produce the same PanelSnapshot, so the webview draws one thing.
 */
import type { BlueprintIR, ConditionIR, EdgeIR, GraphIR, NodeIR, SourceRange, ValueRefIR } from '../../language/src/ir';
import type { NodeState, RunState } from '../../kernel/src/state/browser';
import { newPanelNode, zeroUsage } from './viewModel';
import type { PanelEdge, PanelNode, PanelSnapshot, PanelStatus } from './snapshot';

/** The run state as the panel sees it. Prompts and tool calls are not in RunState: they arrive as events. */
export function toSnapshot(state: Readonly<RunState>): PanelSnapshot {
  const nodes: PanelNode[] = [];
  const edges: PanelEdge[] = [];
  for (const n of state.nodes.values()) {
    nodes.push(nodeOf(state, n, nodes.length));
    for (const e of n.out) {
      edges.push({ from: e.from, to: e.to, route: e.when !== undefined, state: !e.resolved ? 'pending' : e.live ? 'live' : 'dead', ...(e.order === true ? { orderOnly: true } : {}) });
    }
  }
  const tickets = [...state.tickets.values()].map((t) => ({
    ticketId: t.ticketId, kind: t.kind, message: t.message, options: [...t.options], open: t.open, openedAt: state.startedAt,
    ...(t.nodeId === undefined ? {} : { nodeId: t.nodeId }),
    ...(t.detail === undefined ? {} : { detail: t.detail }),
    ...(t.answer === undefined ? {} : { answer: t.answer }),
  }));
  return {
    mode: 'run', runId: state.runId, title: state.blueprint.name, graphName: state.graphName, status: state.status,
    ...(state.pauseReason === undefined ? {} : { pauseReason: state.pauseReason }),
    ...(state.error === undefined ? {} : { error: state.error }),
    seq: state.lastSeq, startedAt: state.startedAt, lastTime: state.lastTime, usage: { ...state.usage }, nodes, edges, tickets,
  };
}

function nodeOf(state: Readonly<RunState>, n: NodeState, order: number): PanelNode {
  const node = newPanelNode(n.spec, order);
  node.status = panelStatusOf(state, n);
  node.children = [...n.children];
  node.attempts = n.attempts;
  node.usage = { ...n.usage };
  node.subtreeUsage = { ...n.subtreeUsage };
  node.subtreeNodes = n.subtreeNodes;
  if (n.startedAt !== undefined) node.startedAt = n.startedAt;
  if (n.finishedAt !== undefined) node.finishedAt = n.finishedAt;
  if (n.text !== undefined) node.output = n.text;
  if (n.error) node.error = { ...n.error };
  if (n.skipReason !== undefined) node.skipReason = n.skipReason;
  if (n.note !== undefined) node.note = n.note;
  const agent = n.spec.agent === undefined ? undefined : state.agents.get(n.spec.agent);
  if (agent) node.range = [...agent.range];
  return node;
}

function panelStatusOf(state: Readonly<RunState>, n: NodeState): PanelStatus {
  const terminal = n.status === 'completed' || n.status === 'failed' || n.status === 'skipped';
  if (state.status === 'cancelled' && !terminal) return 'cancelled';
  return n.status;
}

/** A blueprint graph without a run: every node pending, loops and maps drawn with their bodies. */
export function staticSnapshot(blueprint: BlueprintIR, graphName?: string): PanelSnapshot {
  const graph = graphName === undefined ? blueprint.graphs[0] : blueprint.graphs.find((g) => g.name === graphName);
  const nodes: PanelNode[] = [];
  const edges: PanelEdge[] = [];
  if (graph) addGraph(blueprint, graph.nodes, graph.edges, { prefix: '', depth: 0 }, nodes, edges);
  return {
    mode: 'static', runId: `static:${blueprint.origin}#${graph?.name ?? ''}`, title: blueprint.name, graphName: graph?.name ?? '',
    status: 'static', seq: 0, startedAt: 0, lastTime: 0, usage: zeroUsage(), nodes, edges, tickets: [],
  };
}

interface Scope { prefix: string; depth: number; parent?: string }

function addGraph(bp: BlueprintIR, irNodes: NodeIR[], irEdges: EdgeIR[], scope: Scope, nodes: PanelNode[], edges: PanelEdge[]): void {
  for (const ir of irNodes) {
    const id = scope.prefix + ir.id;
    const node = newPanelNode({
      id, kind: ir.kind, depth: scope.depth, namespace: scope.prefix, origin: scope.prefix === '' ? 'blueprint' : 'loop',
      ...(scope.parent === undefined ? {} : { parent: scope.parent }),
      ...(ir.kind === 'agent' || ir.kind === 'map' ? { agent: ir.agent } : {}),
      ...(ir.kind === 'approval' ? { message: ir.message } : {}),
    }, nodes.length);
    node.label = staticLabel(ir);
    node.range = [...rangeOf(bp, ir)];
    nodes.push(node);
    if (ir.kind === 'loop') {
      const before = nodes.length;
      addGraph(bp, ir.body.nodes, ir.body.edges, { prefix: `${id}/`, depth: scope.depth + 1, parent: id }, nodes, edges);
      node.children = nodes.slice(before).filter((c) => c.parent === id).map((c) => c.id);
      for (const root of node.children) if (!edges.some((e) => e.to === root)) edges.push({ from: id, to: root, route: false, state: 'pending', label: 'iterate' });
    }
  }
  for (const e of irEdges) {
    const edge: PanelEdge = { from: scope.prefix + e.from, to: scope.prefix + e.to, route: e.when !== undefined, state: 'pending' };
    if (e.when !== undefined) edge.label = 'else' in e.when ? 'else' : conditionText(e.when);
    edges.push(edge);
  }
}

function rangeOf(bp: BlueprintIR, ir: NodeIR): SourceRange {
  if (ir.kind === 'agent') return bp.agents.find((a) => a.name === ir.agent)?.range ?? ir.range;
  return ir.range;
}

function staticLabel(ir: NodeIR): string {
  switch (ir.kind) {
    case 'agent': return ir.id === ir.agent ? ir.id : `${ir.id}: ${ir.agent}`;
    case 'approval': return `approve ${ir.id}`;
    case 'map': return `map ${ir.agent} over ${refText(ir.over)}`;
    case 'loop': return `loop ${ir.id} max ${ir.max}${ir.until ? ` until ${conditionText(ir.until)}` : ''}`;
    case 'subgraph': return `${ir.id}: graph ${ir.graph}`;
  }
}

function refText(ref: ValueRefIR): string {
  return ref.kind === 'input' ? ['input', ...ref.path].join('.') : [ref.node, ...ref.path].join('.');
}

function conditionText(c: ConditionIR): string {
  return `${refText(c.left)} ${c.op} ${JSON.stringify(c.right)}`;
}

/** Graphs of a blueprint, for a static panel's graph picker. */
export function graphNames(blueprint: BlueprintIR): string[] {
  return blueprint.graphs.map((g: GraphIR) => g.name);
}
