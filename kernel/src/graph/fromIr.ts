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
  const base = {
    id: ctx.namespace + node.id,
    depth: ctx.depth,
    origin: ctx.origin,
    namespace: ctx.namespace,
    ...(ctx.parent === undefined ? {} : { parent: ctx.parent }),
    ...(ctx.inputs === undefined ? {} : { inputs: ctx.inputs }),
  };
  const rename = ctx.agentName ?? ((n: string) => n);
  switch (node.kind) {
    case 'agent':
      return { ...base, kind: 'agent', agent: rename(node.agent) };
    case 'approval':
      return { ...base, kind: 'approval', message: node.message };
    case 'map':
      return { ...base, kind: 'map', agent: rename(node.agent), ir: node };
    case 'loop':
      return { ...base, kind: 'loop', ir: node };
    case 'subgraph':
      return { ...base, kind: 'subgraph', ir: node };
  }
}

export function edgeOf(edge: EdgeIR, namespace: string): LiveEdge {
  return { from: namespace + edge.from, to: namespace + edge.to, ...(edge.when === undefined ? {} : { when: edge.when }) };
}

/** Ids of nodes without in-edges (roots) and without out-edges (sinks) inside one IR body. */
export function rootsAndSinks(nodes: NodeIR[], edges: EdgeIR[]): { roots: string[]; sinks: string[] } {
  const hasIn = new Set(edges.map((e) => e.to));
  const hasOut = new Set(edges.map((e) => e.from));
  return { roots: nodes.filter((n) => !hasIn.has(n.id)).map((n) => n.id), sinks: nodes.filter((n) => !hasOut.has(n.id)).map((n) => n.id) };
}
