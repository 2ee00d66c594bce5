/**
 * Scoped context: a node sees the run inputs (or its subgraph's inputs), its map item, and the outputs of
 * nodes upstream of it — nothing else. Lookups that find nothing usable are drought problems.
 */
import type { JsonValue, ValueRefIR } from '../../../language/src/ir';
import type { DroughtProblem } from '../events';
import type { NodeState, RunState } from '../state/runState';
import { isEmptyValue, shapeAt, shapeProblems, valueAt } from './shapes';

export type Lookup = { ok: true; value: JsonValue | undefined } | { ok: false; problem: DroughtProblem };

/** True when `ancestor` reaches `node` through edges (backward search from `node`, stops when found). */
export function isUpstream(state: RunState, ancestor: string, node: string): boolean {
  const seen = new Set<string>([node]);
  const stack = [node];
  while (stack.length > 0) {
    const current = state.nodes.get(stack.pop() as string);
    if (!current) continue;
    for (const e of current.in) {
      if (e.from === ancestor) return true;
      if (!seen.has(e.from)) {
        seen.add(e.from);
        stack.push(e.from);
      }
    }
  }
  return false;
}

/**
 * The live node a name refers to from `from`: the same-namespace node (`refine#2.critic`), else the
 * top-level node, else the nearest upstream node with that local name (earlier loop iteration, ...).
 */
export function resolveNodeRef(state: RunState, from: NodeState, name: string, includeSelf = false): string | undefined {
  const fromId = from.spec.id;
  for (const candidate of [from.spec.namespace + name, name]) {
    if (!state.nodes.has(candidate)) continue;
    if ((includeSelf && candidate === fromId) || isUpstream(state, candidate, fromId)) return candidate;
  }
  return nearestUpstreamByLocalName(state, fromId, name);
}

function nearestUpstreamByLocalName(state: RunState, fromId: string, name: string): string | undefined {
  const seen = new Set<string>([fromId]);
  let frontier = [fromId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const e of state.nodes.get(id)?.in ?? []) {
        if (seen.has(e.from)) continue;
        seen.add(e.from);
        const n = state.nodes.get(e.from);
        if (n && n.spec.id.slice(n.spec.namespace.length) === name) return e.from;
        next.push(e.from);
      }
    }
    frontier = next;
  }
  return undefined;
}

/** Looks up a dotted path (`input.topic`, `researcher.findings`, `item`, `writer`) as seen from `node`. */
export function lookup(state: RunState, node: NodeState, path: readonly string[], includeSelf = false): Lookup {
  const ref = path.join('.');
  const [head, ...rest] = path;
  if (head === 'input') {
    const value = valueAt(node.spec.inputs ?? state.inputs, rest);
    return value === undefined ? { ok: false, problem: { ref, problem: 'missing' } } : { ok: true, value };
  }
  if (node.spec.item !== undefined && head === (node.spec.itemName ?? 'item')) return { ok: true, value: valueAt(node.spec.item, rest) };
  const upstreamId = resolveNodeRef(state, node, head, includeSelf);
  if (upstreamId === undefined) {
    // Inside a loop body a later body node means "its output from the previous iteration": none yet in
    // the first iteration, which is not a drought.
    if (node.spec.origin === 'loop' && state.nodes.has(node.spec.namespace + head)) return { ok: true, value: undefined };
    return { ok: false, problem: { ref, problem: 'not_upstream' } };
  }
  return lookupOutput(state, state.nodes.get(upstreamId) as NodeState, rest, ref);
}

function lookupOutput(state: RunState, upstream: NodeState, rest: readonly string[], ref: string): Lookup {
  const id = upstream.spec.id;
  if (upstream.status === 'skipped') return { ok: false, problem: { ref, upstream: id, problem: 'skipped' } };
  if (upstream.output === undefined) return { ok: false, problem: { ref, upstream: id, problem: 'missing' } };
  const isTextRef = rest.length === 1 && rest[0] === 'text' && valueAt(upstream.output, rest) === undefined;
  const value = rest.length === 0 ? upstream.output : isTextRef ? upstream.text : valueAt(upstream.output, rest);
  const declared = upstream.spec.agent === undefined || upstream.spec.freeText ? undefined : state.agents.get(upstream.spec.agent)?.output;
  const fieldShape = rest.length === 0 || isTextRef ? undefined : shapeAt(declared, rest);
  if (value === undefined || value === null) {
    if (fieldShape?.optional) return { ok: true, value: undefined };
    return { ok: false, problem: { ref, upstream: id, problem: 'missing' } };
  }
  if (isEmptyValue(value) && !fieldShape?.optional) return { ok: false, problem: { ref, upstream: id, problem: 'empty' } };
  // The whole output of an answer that missed its declared shape is not valid input (a field of it may be).
  if (rest.length === 0 && upstream.shapeProblems !== undefined) {
    return { ok: false, problem: { ref, upstream: id, problem: 'invalid', detail: upstream.shapeProblems.slice(0, 3).join('; ') } };
  }
  if (fieldShape) {
    const problems = shapeProblems(value, fieldShape.shape);
    if (problems.length > 0) return { ok: false, problem: { ref, upstream: id, problem: 'invalid', detail: problems.slice(0, 3).join('; ') } };
  }
  return { ok: true, value };
}

export function lookupValueRef(state: RunState, node: NodeState, ref: ValueRefIR, includeSelf = false): Lookup {
  return lookup(state, node, ref.kind === 'input' ? ['input', ...ref.path] : [ref.node, ...ref.path], includeSelf);
}

/** `\{{` (a literal `{{`, the blueprint language's template escape) or a `{{a.b}}` placeholder. */
const PLACEHOLDER = /\\\{\{|\{\{\s*([^{}]+?)\s*\}\}/g;

/**
 * Renders `{{a.b}}` placeholders; every placeholder that finds nothing usable is a problem. `\{{` becomes a
 * literal `{{` (what follows it is text, not a placeholder).
 */
export function render(state: RunState, node: NodeState, template: string): { text: string; problems: DroughtProblem[] } {
  const problems: DroughtProblem[] = [];
  // Both forms the pattern matches start with `{{`: a template without one is its own text.
  if (!template.includes('{{')) return { text: template, problems };
  const text = template.replace(PLACEHOLDER, (whole, expr: string | undefined) => {
    if (expr === undefined) return whole.slice(1);
    const found = lookup(state, node, expr.split('.').map((s) => s.trim()));
    if (!found.ok) {
      problems.push(found.problem);
      return '';
    }
    return toText(found.value);
  });
  return { text, problems };
}

export function toText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
