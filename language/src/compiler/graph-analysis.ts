import type { ShapeIR } from '../ir.js';
import type { GraphBody, ModelEdge, ModelNode } from './graph-model.js';
import { ANY, shapeOf, STRING } from './shapes.js';

/** Adjacency of a body: successors by node id. */
function successors(body: GraphBody): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const id of body.nodes.keys()) next.set(id, []);
  for (const edge of body.edges) next.get(edge.from)?.push(edge.to);
  return next;
}

/**
 * The cycles of a body as strongly connected components (Tarjan's algorithm, iterative so that long
 * chains do not exhaust the stack), each with one edge that closes it, so a cycle is reported once.
 * Self-edges count as cycles.
 */
export function findCycles(body: GraphBody): Array<{ nodes: string[]; closingEdge: ModelEdge }> {
  const components = stronglyConnectedComponents([...body.nodes.keys()], successors(body));
  const cycles: Array<{ nodes: string[]; closingEdge: ModelEdge }> = [];
  const selfEdges = new Set(body.edges.filter((e) => e.from === e.to).map((e) => e.from));
  for (const component of components) {
    // Single nodes without a self-edge are the common case; skip them without scanning the edges.
    if (component.length === 1 && !selfEdges.has(component[0])) continue;
    const members = new Set(component);
    const inside = body.edges.filter((e) => members.has(e.from) && members.has(e.to));
    const closingEdge = inside[inside.length - 1];
    if (closingEdge && (component.length > 1 || inside.length > 0)) cycles.push({ nodes: component, closingEdge });
  }
  return cycles;
}

function stronglyConnectedComponents(ids: string[], next: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    // Each frame is a node and the position of the next successor to visit.
    const frames: Array<{ id: string; child: number }> = [{ id: root, child: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const children = next.get(frame.id) ?? [];
      if (frame.child < children.length) {
        const to = children[frame.child++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          frames.push({ id: to, child: 0 });
        } else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        component.push(member);
        if (member === frame.id) break;
      }
      components.push(component.reverse());
    }
  }
  return components;
}

/** Nodes that no entry node (a node without incoming edges) can reach: they can never start. */
export function unreachableNodes(body: GraphBody): string[] {
  const next = successors(body);
  const hasIncoming = new Set(body.edges.map((e) => e.to));
  const reached = new Set<string>();
  const pending = [...body.nodes.keys()].filter((id) => !hasIncoming.has(id));
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (reached.has(id)) continue;
    reached.add(id);
    pending.push(...(next.get(id) ?? []));
  }
  return [...body.nodes.keys()].filter((id) => !reached.has(id));
}

/** Predecessors by node id, computed once per body (bodies are immutable once built). */
const predecessorCache = new WeakMap<GraphBody, Map<string, string[]>>();

function predecessors(body: GraphBody): Map<string, string[]> {
  let previous = predecessorCache.get(body);
  if (!previous) {
    previous = new Map();
    for (const edge of body.edges) {
      const list = previous.get(edge.to);
      if (list) list.push(edge.from);
      else previous.set(edge.to, [edge.from]);
    }
    predecessorCache.set(body, previous);
  }
  return previous;
}

/**
 * Whether `ancestor` is upstream of `id` in `body` (a transitive predecessor). Every template and value
 * reference asks this, so the answer comes from the body's ancestor sets, computed once per body (see
 * `ancestorSets`); nodes on or after a cycle (an error reported elsewhere) fall back to a search.
 */
export function isAncestor(body: GraphBody, ancestor: string, id: string): boolean {
  const sets = ancestorSets(body);
  const bits = sets?.bits.get(id);
  if (sets && bits) {
    const position = sets.position.get(ancestor);
    return position !== undefined && (bits[position >>> 5] & (1 << (position & 31))) !== 0;
  }
  return searchAncestor(body, ancestor, id);
}

/** Backward search from `id` that stops as soon as it meets `ancestor`. */
export function searchAncestor(body: GraphBody, ancestor: string, id: string): boolean {
  const previous = predecessors(body);
  const seen = new Set<string>();
  const pending = [...(previous.get(id) ?? [])];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    if (current === ancestor) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const before of previous.get(current) ?? []) pending.push(before);
  }
  return false;
}

/** Above this many nodes in one body the bit sets (n² bits) would cost more memory than they save. */
const MAX_NODES_FOR_ANCESTOR_SETS = 8192;

/** Per node id: a bit per node of the body (by `position`), set for each of its ancestors. */
interface AncestorSets { position: Map<string, number>; bits: Map<string, Uint32Array> }

const ancestorSetCache = new WeakMap<GraphBody, AncestorSets | null>();

/**
 * The ancestors of every node of `body` as bit sets, built in topological order (Kahn), so that each
 * set is the union of its predecessors' sets: linear in edges x nodes/32, once per body, instead of a
 * graph search per reference. Nodes on or downstream of a cycle never become ready and get no set.
 */
function ancestorSets(body: GraphBody): AncestorSets | undefined {
  const cached = ancestorSetCache.get(body);
  if (cached !== undefined) return cached ?? undefined;
  const ids = new Set<string>(body.nodes.keys());
  for (const edge of body.edges) ids.add(edge.from).add(edge.to);
  if (ids.size > MAX_NODES_FOR_ANCESTOR_SETS) {
    ancestorSetCache.set(body, null);
    return undefined;
  }
  const position = new Map<string, number>();
  for (const id of ids) position.set(id, position.size);
  const words = Math.ceil(ids.size / 32);
  const previous = predecessors(body);
  const next = successors(body);
  const waiting = new Map<string, number>();
  for (const id of ids) waiting.set(id, previous.get(id)?.length ?? 0);
  const ready = [...ids].filter((id) => waiting.get(id) === 0);
  const bits = new Map<string, Uint32Array>();
  for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
    const own = new Uint32Array(words);
    for (const before of previous.get(id) ?? []) {
      const inherited = bits.get(before)!;
      for (let w = 0; w < words; w++) own[w] |= inherited[w];
      const at = position.get(before)!;
      own[at >>> 5] |= 1 << (at & 31);
    }
    bits.set(id, own);
    for (const after of next.get(id) ?? []) {
      const left = waiting.get(after)! - 1;
      waiting.set(after, left);
      if (left === 0) ready.push(after);
    }
  }
  const sets = { position, bits };
  ancestorSetCache.set(body, sets);
  return sets;
}

/** The nodes of a body that have no outgoing edge. */
export function sinks(body: GraphBody): ModelNode[] {
  const hasOutgoing = new Set(body.edges.map((e) => e.from));
  return [...body.nodes.values()].filter((n) => !hasOutgoing.has(n.id));
}

/** What an agent without a declared output exposes: its free text, as `{{node}}` or `{{node.text}}`. */
export const FREE_TEXT: ShapeIR = { kind: 'object', fields: [{ name: 'text', shape: STRING, optional: false }] };

/** The shape of what a node produces, as upstream templates and value references see it. */
export function outputShapeOf(node: ModelNode): ShapeIR {
  switch (node.kind) {
    case 'agent':
      return agentOutput(node);
    case 'map':
      return { kind: 'object', fields: [{ name: 'items', shape: { kind: 'list', of: agentOutput(node) }, optional: false }] };
    case 'loop': {
      const last = node.body ? sinks(node.body) : [];
      return last.length === 1 ? outputShapeOf(last[0]) : ANY;
    }
    case 'subgraph': {
      const declaration = node.declaration;
      const graph = declaration && 'graph' in declaration ? declaration.graph?.ref : undefined;
      if (!graph) return ANY;
      return { kind: 'object', fields: graph.outputs.map((o) => ({ name: o.name, shape: shapeOf(o.shape), optional: false })) };
    }
    default:
      return ANY;
  }
}

function agentOutput(node: ModelNode): ShapeIR {
  const output = node.agent?.properties.find((p) => p.$type === 'AgentOutput');
  if (!node.agent) return ANY;
  return output && 'shape' in output ? shapeOf(output.shape) : FREE_TEXT;
}
