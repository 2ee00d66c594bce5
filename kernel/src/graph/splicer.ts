/**
 * Plans a delegation splice as one transaction: every check runs before anything is produced, and the
 * result is either the complete `graph.spliced` payload or a rejection with a stable code. The fold applies
 * the payload; the state is never touched here, so a rejection leaves the graph identical.
 *
 * Cost: O(new nodes + new edges + parent's out-degree); no scan of the whole graph.
 */
import type { AgentIR, BlueprintIR } from '../../../language/src/ir';
import type { SpliceRejectCode } from '../errors';
import type { LiveEdge, LiveNodeSpec, RunEventOf } from '../events';
import type { NodeState, RunState, SubtreeBudget } from '../state/runState';
import type { DelegationRequest } from './delegation';
import { edgeOf, rootsAndSinks, specOf } from './fromIr';

export type { SpliceRejectCode };

export type SplicePayload = Omit<RunEventOf<'graph.spliced'>, 'seq' | 'time' | 'runId' | 'type'>;
export type SplicePlan = { ok: true; splice: SplicePayload } | { ok: false; code: SpliceRejectCode; reason: string };

export interface SpliceOptions {
  /** Compiled blueprint of the delegation, when it carried one. */
  blueprint?: BlueprintIR;
  /** Fraction of the remaining run budget given to the subtree. */
  budgetShare: number;
}

const reject = (code: SpliceRejectCode, reason: string): SplicePlan => ({ ok: false, code, reason });

export function planDelegation(state: RunState, parentId: string, request: DelegationRequest, options: SpliceOptions): SplicePlan {
  const parent = state.nodes.get(parentId);
  if (!parent || parent.status !== 'running') return reject('STATE', `node "${parentId}" is not running`);
  const agent = parent.spec.agent === undefined ? undefined : state.agents.get(parent.spec.agent);
  if (!agent?.delegate) return reject('PRIVILEGE', `agent "${parent.spec.agent ?? '?'}" may not delegate (no delegate block)`);
  const built = options.blueprint ? nodesFromBlueprint(state, parent, options.blueprint, request) : nodesFromRequest(state, parent, agent, request);
  if ('code' in built) return reject(built.code, built.reason);
  const capProblem = checkCaps(state, parent, agent, built.specs.length);
  if (capProblem) return capProblem;
  const pruned = checkPrune(state, parent, request.prune ?? [], built.specs);
  if (typeof pruned === 'string') return reject('PRUNE', pruned);
  const edges = [...built.edges];
  const sinks = freshSinks(built.specs, built.edges);
  if (request.strategy === 'child') edges.push(...orphanCapture(state, parent, sinks, pruned));
  else edges.push(...containerCapture(state, parent, sinks));
  const budget = budgetShare(state, parent, options.budgetShare);
  return {
    ok: true,
    splice: {
      parent: parentId, source: 'delegation', strategy: request.strategy, reason: request.reason,
      nodes: built.specs, edges, pruned, ...(built.agents.length > 0 ? { agents: built.agents } : {}), ...(budget ? { budget } : {}),
    },
  };
}

interface Built { specs: LiveNodeSpec[]; edges: LiveEdge[]; agents: AgentIR[] }
type BuildResult = Built | { code: SpliceRejectCode; reason: string };

function nodesFromRequest(state: RunState, parent: NodeState, agent: AgentIR, request: DelegationRequest): BuildResult {
  const prefix = `${parent.spec.id}/`;
  const local = new Set<string>();
  const specs: LiveNodeSpec[] = [];
  const edges: LiveEdge[] = [];
  const parentTools = new Set(parent.spec.tools ?? agent.tools);
  for (const n of request.nodes) {
    if (local.has(n.id) || state.nodes.has(prefix + n.id)) return { code: 'ID_COLLISION', reason: `node id "${prefix + n.id}" already exists` };
    local.add(n.id);
    const agentName = n.agent ?? agent.name;
    if (!state.agents.has(agentName)) return { code: 'UNKNOWN_AGENT', reason: `unknown agent "${agentName}"` };
    if (n.model !== undefined && !state.blueprint.models.some((m) => m.name === n.model)) return { code: 'UNKNOWN_MODEL', reason: `unknown model "${n.model}"` };
    const childTools = n.tools ?? (state.agents.get(agentName) as AgentIR).tools;
    const escalated = childTools.filter((t) => !parentTools.has(t));
    if (escalated.length > 0) return { code: 'PRIVILEGE', reason: `tools not held by the delegating agent: ${escalated.join(', ')}` };
    specs.push({
      id: prefix + n.id, kind: 'agent', agent: agentName, depth: parent.spec.depth + 1, origin: 'delegation', namespace: prefix, parent: parent.spec.id,
      tools: childTools, ...(n.agent === undefined ? { freeText: true } : {}),
      ...(n.prompt === undefined ? {} : { prompt: n.prompt }), ...(n.model === undefined ? {} : { model: n.model }),
    });
    edges.push({ from: parent.spec.id, to: prefix + n.id });
  }
  for (const n of request.nodes) {
    for (const dep of n.depends_on ?? []) {
      if (local.has(dep)) edges.push({ from: prefix + dep, to: prefix + n.id });
      else if (state.nodes.get(dep)?.status === 'completed') edges.push({ from: dep, to: prefix + n.id });
      else return { code: 'UNKNOWN_ID', reason: `depends_on "${dep}" is neither a node of this delegation nor a completed node` };
    }
  }
  const cycle = findCycle(specs.map((s) => s.id), edges);
  if (cycle) return { code: 'CYCLE', reason: `depends_on forms a cycle through "${cycle}"` };
  return { specs, edges, agents: [] };
}

function nodesFromBlueprint(state: RunState, parent: NodeState, blueprint: BlueprintIR, request: DelegationRequest): BuildResult {
  const graph = request.graph === undefined ? blueprint.graphs[0] : blueprint.graphs.find((g) => g.name === request.graph);
  if (!graph) return { code: 'BLUEPRINT', reason: `the delegated blueprint has no graph ${request.graph ?? ''}`.trim() };
  const prefix = `${parent.spec.id}/`;
  const unsupported = graph.nodes.find((n) => n.kind === 'subgraph' || n.kind === 'loop');
  if (unsupported) return { code: 'BLUEPRINT', reason: `delegated blueprints may not contain ${unsupported.kind} nodes ("${unsupported.id}")` };
  const parentAgent = state.agents.get(parent.spec.agent ?? '') as AgentIR;
  const parentTools = new Set(parent.spec.tools ?? parentAgent.tools);
  const agents: AgentIR[] = [];
  for (const a of blueprint.agents) {
    if (a.model !== undefined && !state.blueprint.models.some((m) => m.name === a.model)) return { code: 'UNKNOWN_MODEL', reason: `unknown model "${a.model}" in agent "${a.name}"` };
    const escalated = a.tools.filter((t) => !parentTools.has(t));
    if (escalated.length > 0) return { code: 'PRIVILEGE', reason: `agent "${a.name}" asks for tools the delegating agent lacks: ${escalated.join(', ')}` };
    agents.push({ ...a, name: prefix + a.name });
  }
  const ctx = { namespace: prefix, origin: 'delegation' as const, depth: parent.spec.depth + 1, parent: parent.spec.id, agentName: (n: string) => prefix + n };
  const specs = graph.nodes.map((n) => specOf(n, ctx));
  for (const s of specs) if (state.nodes.has(s.id)) return { code: 'ID_COLLISION', reason: `node id "${s.id}" already exists` };
  const edges = graph.edges.map((e) => edgeOf(e, prefix));
  for (const root of rootsAndSinks(graph.nodes, graph.edges).roots) edges.push({ from: parent.spec.id, to: prefix + root });
  const cycle = findCycle(specs.map((s) => s.id), edges);
  if (cycle) return { code: 'CYCLE', reason: `the delegated graph has a cycle through "${cycle}"` };
  return { specs, edges, agents };
}

function checkCaps(state: RunState, parent: NodeState, agent: AgentIR, added: number): SplicePlan | undefined {
  const limits = agent.delegate as { maxChildren: number; maxDepth: number };
  const depth = parent.spec.depth + 1;
  const maxDepth = Math.min(limits.maxDepth, state.limits.depth ?? Number.POSITIVE_INFINITY);
  if (depth > maxDepth) return reject('DEPTH', `depth ${depth} exceeds the cap ${maxDepth}`);
  const children = parent.children.length + added;
  if (children > limits.maxChildren) return reject('CHILDREN', `${children} children exceed max_children ${limits.maxChildren}`);
  const total = state.nodes.size + added;
  if (state.limits.nodes !== undefined && total > state.limits.nodes) return reject('NODES', `${total} nodes exceed the run limit ${state.limits.nodes}`);
  const { tokens, costUsd } = state.limits;
  if (tokens !== undefined && state.usage.inputTokens + state.usage.outputTokens >= tokens) return reject('BUDGET', 'no token budget left to share');
  if (costUsd !== undefined && state.usage.costUsd >= costUsd) return reject('BUDGET', 'no cost budget left to share');
  return undefined;
}

/** Prune only pending nodes the parent owns: its direct successors or nodes under its namespace. */
function checkPrune(state: RunState, parent: NodeState, prune: readonly string[], specs: readonly LiveNodeSpec[]): string[] | string {
  const successors = new Set(parent.out.map((e) => e.to));
  const fresh = new Set(specs.map((s) => s.id));
  for (const id of prune) {
    const n = state.nodes.get(id);
    if (!n || fresh.has(id)) return `cannot prune unknown node "${id}"`;
    if (n.status !== 'pending') return `cannot prune "${id}": it is ${n.status}, only pending nodes can be pruned`;
    if (!successors.has(id) && !id.startsWith(`${parent.spec.id}/`)) return `cannot prune "${id}": not downstream-owned by "${parent.spec.id}"`;
  }
  return [...new Set(prune)];
}

/** New nodes without a successor among the new nodes: when they are done, the whole new subtree is. */
function freshSinks(specs: readonly LiveNodeSpec[], edges: readonly LiveEdge[]): string[] {
  const fresh = new Set(specs.map((s) => s.id));
  const hasFreshOut = new Set(edges.filter((e) => fresh.has(e.from) && fresh.has(e.to)).map((e) => e.from));
  return specs.filter((s) => !hasFreshOut.has(s.id)).map((s) => s.id);
}

/**
 * `child` strategy: the parent's downstream that has not started yet also waits for the new sinks (so,
 * for every child). That includes a map / loop / subgraph controller waiting for its join (`expanded`):
 * inside a container the parent's successor is often the controller itself, and a controller that joined
 * early would let its downstream start while the delegated subtree still runs.
 */
function orphanCapture(state: RunState, parent: NodeState, sinks: readonly string[], pruned: readonly string[]): LiveEdge[] {
  const skip = new Set(pruned);
  const targets = [...new Set(parent.out.map((e) => e.to))].filter((t) => !skip.has(t) && isWaiting(state.nodes.get(t)));
  return targets.flatMap((to) => sinks.map((from): LiveEdge => ({ from, to, order: true })));
}

function isWaiting(node: NodeState | undefined): boolean {
  return node?.status === 'pending' || node?.status === 'expanded';
}

/**
 * `sibling` strategy: the parent's downstream does not wait, but a container does: the new nodes are
 * members of the container the parent belongs to (map instance, loop iteration, subgraph), whose join must
 * come after all of its members. At top level nothing is captured (the run waits for every node anyway).
 */
function containerCapture(state: RunState, parent: NodeState, sinks: readonly string[]): LiveEdge[] {
  const container = enclosingContainer(state, parent);
  return container === undefined ? [] : sinks.map((from): LiveEdge => ({ from, to: container, order: true }));
}

/** The controller whose join `node` is a member of: up through delegating parents to a spliced member. */
export function enclosingContainer(state: RunState, node: NodeState): string | undefined {
  let cur: NodeState | undefined = node;
  while (cur?.spec.origin === 'delegation') cur = cur.spec.parent === undefined ? undefined : state.nodes.get(cur.spec.parent);
  if (cur === undefined || cur.spec.origin === 'blueprint' || cur.spec.parent === undefined) return undefined;
  return isWaiting(state.nodes.get(cur.spec.parent)) ? cur.spec.parent : undefined;
}

/**
 * A share of what the run has left. Nodes: of the run's node headroom before this splice. Wall time: of the
 * run time left when the delegating node started, since the subtree's clock starts there too (not at the splice).
 */
function budgetShare(state: RunState, parent: NodeState, share: number): SubtreeBudget | undefined {
  const { tokens, costUsd, nodes, timeMs } = state.limits;
  const out: SubtreeBudget = {};
  if (tokens !== undefined) out.tokens = Math.floor((tokens - state.usage.inputTokens - state.usage.outputTokens) * share);
  if (costUsd !== undefined) out.costUsd = (costUsd - state.usage.costUsd) * share;
  if (nodes !== undefined) out.nodes = Math.max(0, Math.floor((nodes - state.nodes.size) * share));
  if (timeMs !== undefined && parent.startedAt !== undefined) {
    out.timeMs = Math.max(0, Math.floor((timeMs - (parent.startedAt - state.startedAt)) * share));
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Kahn's algorithm over the new nodes only (edges from existing nodes cannot close a cycle). */
function findCycle(ids: readonly string[], edges: readonly LiveEdge[]): string | undefined {
  const fresh = new Set(ids);
  const indegree = new Map(ids.map((id) => [id, 0]));
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!fresh.has(e.from) || !fresh.has(e.to)) continue;
    indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const queue = ids.filter((id) => indegree.get(id) === 0);
  let visited = 0;
  while (queue.length > 0) {
    const id = queue.pop() as string;
    visited++;
    for (const to of next.get(id) ?? []) {
      const d = (indegree.get(to) ?? 0) - 1;
      indegree.set(to, d);
      if (d === 0) queue.push(to);
    }
  }
  if (visited === ids.length) return undefined;
  return ids.find((id) => (indegree.get(id) ?? 0) > 0);
}
