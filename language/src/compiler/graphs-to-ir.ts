import type { ConditionIR, EdgeIR, GraphIR, GraphOutputIR, NodeIR, ParamIR, ValueRefIR } from '../ir.js';
import { isCallNode, isMapNode, type Condition, type ValueRef } from '../generated/ast.js';
import type { IrContext } from './ir-context.js';
import { resolveValue, type GraphBody, type GraphModel, type ModelEdge, type ModelNode } from './graph-model.js';
import { jsonValue, literalValue } from './json-values.js';
import { parsePositiveInteger } from './quantities.js';
import { shapeOf } from './shapes.js';

/** The IR of a graph whose model has no error (the compiler only calls it for clean blueprints). */
export function graphToIr(model: GraphModel, context: IrContext): GraphIR {
  const graph = model.graph;
  const params: ParamIR[] = graph.params.map((p) => {
    const param: ParamIR = { name: p.name, shape: shapeOf(p.shape), range: context.range(p) };
    if (p.default) param.default = jsonValue(p.default);
    return param;
  });
  const outputs: GraphOutputIR[] = graph.outputs.map((o) => ({
    name: o.name, shape: shapeOf(o.shape), from: valueRefToIr(model.root, o.source, context), range: context.range(o),
  }));
  return { name: graph.name, params, outputs, ...bodyToIr(model.root, context), range: context.range(graph) };
}

function bodyToIr(body: GraphBody, context: IrContext): { nodes: NodeIR[]; edges: EdgeIR[] } {
  return {
    // In source order (declarations and first mentions), so the IR reads like the blueprint.
    nodes: [...body.nodes.values()].sort((x, y) => sourceOffset(x) - sourceOffset(y)).map((node) => nodeToIr(body, node, context)),
    edges: uniqueEdges(body.edges).map((edge) => edgeToIr(body, edge, context)),
  };
}

/**
 * Implicit data edges are dropped when any explicit edge (plain or route branch) already connects the
 * same nodes; repeated explicit edges are kept once.
 */
function uniqueEdges(edges: ModelEdge[]): ModelEdge[] {
  const explicit = edges.filter((e) => !e.implicit);
  const connected = new Set(explicit.map((e) => `${e.from}\u0000${e.to}`));
  const seen = new Set<string>();
  const result: ModelEdge[] = [];
  for (const edge of explicit) {
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.branch?.branch.$cstNode?.offset ?? ''}`;
    if (!seen.has(key)) result.push(edge);
    seen.add(key);
  }
  for (const edge of edges.filter((e) => e.implicit)) {
    const key = `${edge.from}\u0000${edge.to}`;
    if (!connected.has(key)) result.push(edge);
    connected.add(key);
  }
  return result;
}

function sourceOffset(node: ModelNode): number {
  return node.source.$cstNode?.offset ?? 0;
}

/** `body` is the body the node belongs to: its `over` and call arguments are resolved there. */
function nodeToIr(body: GraphBody, node: ModelNode, context: IrContext): NodeIR {
  const base = { id: node.id, range: context.range(node.source) };
  const declaration = node.declaration;
  switch (node.kind) {
    case 'agent':
      return { ...base, kind: 'agent', agent: node.agent?.name ?? '' };
    case 'approval':
      return { ...base, kind: 'approval', message: declaration && 'message' in declaration ? declaration.message : '' };
    case 'map': {
      if (!isMapNode(declaration)) throw new Error(`map node ${node.id} has no declaration`);
      const ir: NodeIR = { ...base, kind: 'map', agent: node.agent?.name ?? '', over: valueRefToIr(body, declaration.over, context), itemName: declaration.itemName ?? 'item' };
      const parallel = declaration.maxParallel ? parsePositiveInteger(declaration.maxParallel) : undefined;
      if (parallel?.ok) ir.maxParallel = parallel.value;
      return ir;
    }
    case 'loop': {
      const loop = declaration && declaration.$type === 'LoopNode' ? declaration : undefined;
      const max = loop ? parsePositiveInteger(loop.max) : undefined;
      const ir: NodeIR = { ...base, kind: 'loop', max: max?.ok ? max.value : 1, body: node.body ? bodyToIr(node.body, context) : { nodes: [], edges: [] } };
      if (loop?.until && node.body) ir.until = conditionToIr(node.body, loop.until, context);
      return ir;
    }
    case 'subgraph': {
      if (!isCallNode(declaration)) throw new Error(`subgraph node ${node.id} has no declaration`);
      const inputs: Record<string, ValueRefIR> = {};
      for (const arg of declaration.args) inputs[arg.name] = valueRefToIr(body, arg.value, context);
      return { ...base, kind: 'subgraph', graph: declaration.graph.$refText, inputs };
    }
  }
}

function edgeToIr(body: GraphBody, edge: ModelEdge, context: IrContext): EdgeIR {
  const ir: EdgeIR = { from: edge.from, to: edge.to, range: context.range(edge.source) };
  const branch = edge.branch?.branch;
  const route = edge.branch?.route;
  if (branch && route) {
    if (branch.$type === 'ElseBranch') ir.when = { else: true, range: context.range(branch) };
    else ir.when = { left: valueRefToIr(body, route.subject, context), op: branch.op ?? '==', right: literalValue(branch.value), range: context.range(branch) };
  }
  return ir;
}

function conditionToIr(body: GraphBody, condition: Condition, context: IrContext): ConditionIR {
  return { left: valueRefToIr(body, condition.left, context), op: condition.op, right: literalValue(condition.right), range: context.range(condition) };
}

export function valueRefToIr(body: GraphBody, ref: ValueRef, context: IrContext): ValueRefIR {
  const range = context.range(ref);
  const resolved = resolveValue(body, ref);
  if (resolved.kind === 'node') return { kind: 'node', node: resolved.node.id, path: [...ref.path], range };
  if (ref.isInput) return { kind: 'input', path: [...ref.path], range };
  return { kind: 'node', node: ref.node?.$refText ?? '', path: [...ref.path], range };
}
