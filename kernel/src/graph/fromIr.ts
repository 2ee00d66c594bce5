/**
 * Turns IR nodes and edges into live-graph specs. Used for the blueprint graph at `run.started` and when
 * loops and subgraphs splice their bodies in (with a namespace prefix).
 */
import type { EdgeIR, JsonValue, NodeIR } from '../../../language/src/ir';
import type { LiveEdge, LiveNodeSpec, NodeOrigin } from '../events';

export interface SpecContext {
  /** Prefix put before every id (`refine#2.`, `sub/`); '' at top level. */
  namespace: string;
  origin: NodeOrigin;
  depth: number;
  parent?: string;
  inputs?: Record<string, JsonValue>;
  /** Agent name rewrite (agents of a delegated blueprint are registered under the parent's namespace). */
  agentName?: (name: string) => string;
}

export function specOf(node: NodeIR, ctx: SpecContext): LiveNodeSpec {
  // Built by assignment rather than spreads: this runs once per node of every graph at run start.
  const spec: LiveNodeSpec = { id: ctx.namespace + node.id, kind: node.kind, depth: ctx.depth, origin: ctx.origin, namespace: ctx.namespace };
  if (ctx.parent !== undefined) spec.parent = ctx.parent;
  if (ctx.inputs !== undefined) spec.inputs = ctx.inputs;
  const rename = ctx.agentName ?? ((n: string) => n);
  if (node.kind === 'agent' || node.kind === 'map') spec.agent = rename(node.agent);
  if (node.kind === 'approval') spec.message = node.message;
  if (node.kind === 'map' || node.kind === 'loop' || node.kind === 'subgraph') spec.ir = node;
  return spec;
}

export function edgeOf(edge: EdgeIR, namespace: string): LiveEdge {
  // By assignment rather than a spread, like specOf: once per edge of every graph at run start.
  const live: LiveEdge = { from: namespace + edge.from, to: namespace + edge.to };
  if (edge.when !== undefined) live.when = edge.when;
  return live;
}

/** Ids of nodes without in-edges (roots) and without out-edges (sinks) inside one IR body. */
export function rootsAndSinks(nodes: NodeIR[], edges: EdgeIR[]): { roots: string[]; sinks: string[] } {
  const hasIn = new Set(edges.map((e) => e.to));
  const hasOut = new Set(edges.map((e) => e.from));
  return { roots: nodes.filter((n) => !hasIn.has(n.id)).map((n) => n.id), sinks: nodes.filter((n) => !hasOut.has(n.id)).map((n) => n.id) };
}
