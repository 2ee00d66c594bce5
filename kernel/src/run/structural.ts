/**
 * Map, loop and subgraph controllers and approval nodes. Controllers splice their instances / iterations /
 * bodies into the live graph (each a validated `graph.spliced` transaction) and then act as the join: the
 * spliced sinks point back at the controller, so it becomes a candidate again when they are all done.
 */
import { TICKET_CHOICES } from '../tickets';
import type { JsonValue, NodeIR } from '../../../language/src/ir';
import type { DroughtProblem, LiveEdge, LiveNodeSpec } from '../events';
import { edgeOf, rootsAndSinks, specOf } from '../graph/fromIr';
import type { NodeState, RunState } from '../state/runState';
import type { RunContext } from './context';
import { graphOutputValue } from './outputs';
import { decideRoute, evaluateCondition } from './routes';
import { lookupValueRef } from './scope';
import { valueAt } from './shapes';

type MapIR = Extract<NodeIR, { kind: 'map' }>;
type LoopIR = Extract<NodeIR, { kind: 'loop' }>;
type SubgraphIR = Extract<NodeIR, { kind: 'subgraph' }>;

/** Drought problems of a controller's value references (`over`, subgraph inputs). */
export function structuralProblems(state: RunState, node: NodeState): DroughtProblem[] {
  const ir = node.spec.ir;
  if (ir?.kind === 'map') {
    const found = lookupValueRef(state, node, ir.over);
    if (!found.ok) return [found.problem];
    if (!Array.isArray(found.value)) return [{ ref: refText(ir.over), problem: 'invalid', detail: 'map needs a list' }];
    return [];
  }
  if (ir?.kind === 'subgraph') {
    return Object.values(ir.inputs).flatMap((ref) => {
      const found = lookupValueRef(state, node, ref);
      return found.ok ? [] : [found.problem];
    });
  }
  return [];
}

export function startStructural(ctx: RunContext, node: NodeState): void {
  const id = node.spec.id;
  ctx.emit({ type: 'node.started', nodeId: id, attempt: 1 });
  const ir = node.spec.ir;
  if (node.spec.kind === 'approval') {
    ctx.openTicket({ kind: 'approval', nodeId: id, message: node.spec.message ?? `Approve ${id}?`, options: [...TICKET_CHOICES.approval] });
  } else if (ir?.kind === 'map') {
    expandMap(ctx, node, ir);
  } else if (ir?.kind === 'loop') {
    spliceIteration(ctx, node, ir, 1);
  } else if (ir?.kind === 'subgraph') {
    expandSubgraph(ctx, node, ir);
  }
}

/** Called when a controller's spliced nodes are all done. */
export function joinStructural(ctx: RunContext, node: NodeState): void {
  const ir = node.spec.ir;
  if (ir?.kind === 'map') {
    const items = node.children.map((c) => ctx.state.nodes.get(c)?.output ?? null);
    return complete(ctx, node, { items });
  }
  if (ir?.kind === 'loop') return joinLoop(ctx, node, ir);
  if (ir?.kind === 'subgraph') return complete(ctx, node, subgraphOutputs(ctx.state, node, ir));
}

function complete(ctx: RunContext, node: NodeState, output: JsonValue): void {
  const route = decideRoute(ctx.state, node, output);
  ctx.emit({
    type: 'node.completed', nodeId: node.spec.id, output, by: 'join',
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, ...(route === undefined ? {} : { route }),
  });
}

/** Live in-edges of the controller, copied to the roots of what it splices (they see the same upstream). */
function liveParents(node: NodeState): string[] {
  return [...new Set(node.in.filter((e) => e.live).map((e) => e.from))];
}

function expandMap(ctx: RunContext, node: NodeState, ir: MapIR): void {
  const found = lookupValueRef(ctx.state, node, ir.over);
  const items = found.ok && Array.isArray(found.value) ? found.value : [];
  if (items.length === 0) return complete(ctx, node, { items: [] });
  const parents = liveParents(node);
  const nodes: LiveNodeSpec[] = [];
  const edges: LiveEdge[] = [];
  items.forEach((item, i) => {
    const id = `${node.spec.id}[${i}]`;
    nodes.push({
      id, kind: 'agent', agent: node.spec.agent ?? ir.agent, item, itemName: ir.itemName || 'item', depth: node.spec.depth, origin: 'map',
      namespace: node.spec.namespace, parent: node.spec.id, ...(node.spec.inputs === undefined ? {} : { inputs: node.spec.inputs }),
    });
    for (const p of parents) edges.push({ from: p, to: id });
    edges.push({ from: id, to: node.spec.id });
    // maxParallel N: instances run in N lanes, instance i after instance i-N (an explainable, acyclic limit).
    if (ir.maxParallel !== undefined && ir.maxParallel > 0 && i >= ir.maxParallel) edges.push({ from: `${node.spec.id}[${i - ir.maxParallel}]`, to: id });
  });
  ctx.emit({ type: 'graph.spliced', parent: node.spec.id, source: 'map', reason: `fan-out over ${items.length} item(s) of ${refText(ir.over)}`, nodes, edges, pruned: [] });
}

function spliceIteration(ctx: RunContext, node: NodeState, ir: LoopIR, k: number): void {
  const namespace = `${node.spec.id}#${k}.`;
  const ctxSpec = { namespace, origin: 'loop' as const, depth: node.spec.depth, parent: node.spec.id, ...(node.spec.inputs === undefined ? {} : { inputs: node.spec.inputs }) };
  const nodes = ir.body.nodes.map((n) => specOf(n, ctxSpec));
  const edges = ir.body.edges.map((e) => edgeOf(e, namespace));
  const { roots, sinks } = rootsAndSinks(ir.body.nodes, ir.body.edges);
  const feeders = liveParents(node);
  for (const r of roots) for (const f of feeders) edges.push({ from: f, to: namespace + r });
  // The next iteration follows everything the join waited for: the previous iteration's sinks (data) and
  // what its members delegated (ordering only, as captured), so its dependencies are all edges.
  const previous = `${node.spec.id}#${k - 1}.`;
  for (const e of k > 1 ? node.in : []) {
    if (!e.from.startsWith(previous)) continue;
    for (const r of roots) edges.push(e.order === true ? { from: e.from, to: namespace + r, order: true } : { from: e.from, to: namespace + r });
  }
  for (const s of sinks) edges.push({ from: namespace + s, to: node.spec.id });
  ctx.emit({ type: 'graph.spliced', parent: node.spec.id, source: 'loop', reason: `iteration ${k} of at most ${ir.max}`, nodes, edges, pruned: [] });
}

function joinLoop(ctx: RunContext, node: NodeState, ir: LoopIR): void {
  const k = node.expansions;
  const { sinks } = rootsAndSinks(ir.body.nodes, ir.body.edges);
  const last = ctx.state.nodes.get(`${node.spec.id}#${k}.${sinks[sinks.length - 1] ?? ''}`);
  const done = k >= ir.max || (ir.until !== undefined && last !== undefined && evaluateCondition(ctx.state, last, ir.until));
  if (done) return complete(ctx, node, last?.output ?? null);
  spliceIteration(ctx, node, ir, k + 1);
}

function expandSubgraph(ctx: RunContext, node: NodeState, ir: SubgraphIR): void {
  const graph = ctx.state.blueprint.graphs.find((g) => g.name === ir.graph);
  if (!graph) {
    ctx.emit({ type: 'graph.splice_rejected', parent: node.spec.id, source: 'subgraph', code: 'UNKNOWN_GRAPH', reason: `no graph "${ir.graph}"` });
    return complete(ctx, node, null);
  }
  const inputs: Record<string, JsonValue> = {};
  for (const p of graph.params) if (p.default !== undefined) inputs[p.name] = p.default;
  for (const [name, ref] of Object.entries(ir.inputs)) {
    const found = lookupValueRef(ctx.state, node, ref);
    if (found.ok && found.value !== undefined) inputs[name] = found.value;
  }
  const namespace = `${node.spec.id}/`;
  const nodes = graph.nodes.map((n) => specOf(n, { namespace, origin: 'subgraph', depth: node.spec.depth, parent: node.spec.id, inputs }));
  const edges = graph.edges.map((e) => edgeOf(e, namespace));
  const { roots, sinks } = rootsAndSinks(graph.nodes, graph.edges);
  for (const r of roots) for (const p of liveParents(node)) edges.push({ from: p, to: namespace + r });
  for (const s of sinks) edges.push({ from: namespace + s, to: node.spec.id });
  ctx.emit({ type: 'graph.spliced', parent: node.spec.id, source: 'subgraph', reason: `runs graph ${graph.name}`, nodes, edges, pruned: [] });
}

function subgraphOutputs(state: RunState, node: NodeState, ir: SubgraphIR): JsonValue {
  const graph = state.blueprint.graphs.find((g) => g.name === ir.graph);
  const out: Record<string, JsonValue> = {};
  for (const o of graph?.outputs ?? []) {
    if (o.from.kind === 'input') {
      out[o.name] = valueAt(node.spec.inputs ?? state.inputs, o.from.path) ?? null;
      continue;
    }
    out[o.name] = graphOutputValue(state.nodes.get(`${node.spec.id}/${o.from.node}`), o.from.path);
  }
  return out;
}

function refText(ref: { kind: 'input'; path: string[] } | { kind: 'node'; node: string; path: string[] }): string {
  return ref.kind === 'input' ? ['input', ...ref.path].join('.') : [ref.node, ...ref.path].join('.');
}
