/**
 * The fold: run state = events applied in order. Pure with respect to its input (no clock, no I/O), so a
 * journal always folds to the same state; incremental, so each event costs O(edges it touches).
 */
import type { JsonValue } from '../../../language/src/ir';
import type { LiveEdge, LiveNodeSpec, RunEvent, RunEventOf, Usage } from '../events';
import { KernelError } from '../errors';
import { edgeOf, specOf } from '../graph/fromIr';
import type { EdgeState, NodeState, NodeStatus, RunState } from './runState';

const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
const TERMINAL: ReadonlySet<NodeStatus> = new Set<NodeStatus>(['completed', 'failed', 'skipped']);

export function isTerminal(status: NodeStatus): boolean {
  return TERMINAL.has(status);
}

export function foldEvents(events: readonly RunEvent[]): RunState {
  if (events.length === 0 || events[0].type !== 'run.started') throw new KernelError('INVALID_RUN', 'a run starts with run.started');
  const state = initialState(events[0]);
  for (let i = 1; i < events.length; i++) applyEvent(state, events[i]);
  return state;
}

export function initialState(event: RunEventOf<'run.started'>): RunState {
  const graph = event.blueprint.graphs.find((g) => g.name === event.graph);
  if (!graph) throw new KernelError('INVALID_RUN', `graph "${event.graph}" is not in the blueprint`);
  const state: RunState = {
    runId: event.runId,
    status: 'running',
    blueprint: event.blueprint,
    graphName: event.graph,
    inputs: event.inputs,
    limits: { ...event.limits },
    concurrency: event.concurrency,
    options: event.options,
    ...(event.forkOf === undefined ? {} : { forkOf: event.forkOf }),
    startedAt: event.time,
    lastSeq: event.seq,
    lastTime: event.time,
    agents: new Map(event.blueprint.agents.map((a) => [a.name, a])),
    nodes: new Map(),
    candidates: new Set(),
    ready: new Set(),
    readyQueue: [],
    readyQueueSeqs: [],
    readyHead: 0,
    tickets: new Map(),
    blockingTickets: new Set(),
    usage: { ...ZERO_USAGE },
    subtreeBudgets: new Map(),
    effects: new Map(),
    counts: { pending: 0, ready: 0, running: 0, waiting: 0, drought: 0, expanded: 0, completed: 0, failed: 0, skipped: 0 },
  };
  const ctx = { namespace: '', origin: 'blueprint' as const, depth: 0 };
  addNodesAndEdges(state, graph.nodes.map((n) => specOf(n, ctx)), graph.edges.map((e) => edgeOf(e, '')));
  return state;
}

export function applyEvent(state: RunState, event: RunEvent): void {
  state.lastSeq = event.seq;
  state.lastTime = event.time;
  switch (event.type) {
    case 'node.ready': return onReady(state, event.nodeId, event.seq);
    case 'nodes.queued': for (const id of event.nodeIds) onReady(state, id, event.seq); return;
    case 'node.started': return onStarted(state, event);
    case 'node.completed': return onCompleted(state, event);
    case 'node.failed': return onFailed(state, event);
    case 'node.retrying': return addUsage(state, node(state, event.nodeId), event.usage);
    case 'node.skipped': return onSkipped(state, event.nodeId, event.reason);
    case 'node.drought': return onDrought(state, event.nodeId);
    case 'node.reset': return onReset(state, event.nodeId);
    case 'node.output_provided': return onOutputProvided(state, event);
    case 'graph.spliced': return onSpliced(state, event);
    case 'cortex.ticket': return onTicket(state, event);
    case 'ticket.answered': return onAnswered(state, event);
    case 'cortex.decision': return onDecision(state, event);
    case 'node.tool_result': return onToolResult(state, event);
    case 'budget.raised': return onBudgetRaised(state, event);
    case 'run.paused': state.status = 'paused'; state.pauseReason = event.reason; return;
    case 'run.resumed': state.status = 'running'; delete state.pauseReason; return;
    case 'run.completed': state.status = 'completed'; state.outputs = event.outputs; return;
    case 'run.failed': state.status = 'failed'; state.error = { code: event.error.code, message: event.error.message }; return;
    case 'run.cancelled': state.status = 'cancelled'; state.cancelReason = event.reason; return;
    default: return; // run.started (again), node.waiting, node.token, node.tool_call, node.repairing, graph.splice_rejected, budget.exceeded, provider.circuit: no state change
  }
}

function node(state: RunState, id: string): NodeState {
  const found = state.nodes.get(id);
  if (!found) throw new KernelError('UNKNOWN_NODE', `event names unknown node "${id}"`);
  return found;
}

function setStatus(state: RunState, n: NodeState, status: NodeStatus): void {
  state.counts[n.status]--;
  state.counts[status]++;
  n.status = status;
}

export function newNodeState(spec: LiveNodeSpec): NodeState {
  return {
    spec, status: 'pending', in: [], out: [], pendingIn: 0, liveIn: 0, attempts: 0,
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, subtreeUsage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, subtreeNodes: 0, expansions: 0, children: [],
  };
}

/**
 * A node's first edge gets an array of exactly one slot (most nodes have one edge each way); a push onto
 * the empty array would reserve 17 slots, on state that lives as long as the run.
 */
function withEdge(edges: EdgeState[], edge: EdgeState): EdgeState[] {
  if (edges.length === 0) return [edge];
  edges.push(edge);
  return edges;
}

/** Adds nodes and edges; edges from terminal sources resolve at once. New nodes with nothing pending become candidates. */
export function addNodesAndEdges(state: RunState, specs: readonly LiveNodeSpec[], edges: readonly LiveEdge[]): void {
  const added: NodeState[] = [];
  for (const spec of specs) {
    const n = newNodeState(spec);
    state.nodes.set(spec.id, n);
    state.counts.pending++;
    added.push(n);
  }
  const touched = new Set<NodeState>(added);
  for (const e of edges) {
    const from = node(state, e.from);
    const to = node(state, e.to);
    // One fixed object shape for every edge (no spread): this loop runs once per edge of the graph.
    const edge: EdgeState = { from: e.from, to: e.to, when: e.when, order: e.order, resolved: false, live: false };
    from.out = withEdge(from.out, edge);
    to.in = withEdge(to.in, edge);
    if (isTerminal(from.status)) {
      edge.resolved = true;
      // Edges added later from a completed node carry its data (route choices only apply to its own edges).
      edge.live = from.status === 'completed' && e.order !== true;
      if (edge.live) to.liveIn++;
    } else {
      to.pendingIn++;
    }
    touched.add(to);
  }
  for (const n of touched) {
    if (n.pendingIn === 0 && (n.status === 'pending' || n.status === 'expanded')) state.candidates.add(n.spec.id);
    else state.candidates.delete(n.spec.id);
  }
}

function onReady(state: RunState, id: string, seq: number): void {
  const n = node(state, id);
  setStatus(state, n, 'ready');
  state.candidates.delete(id);
  state.ready.add(id);
  n.readySeq = seq;
  state.readyQueue.push(id);
  state.readyQueueSeqs.push(seq);
}

/**
 * A parked node is no longer a candidate or ready: left in the candidate set, a resumed run's first
 * scheduling step would queue it as ready again (one more `nodes.queued` per resume, the drought hidden).
 */
function onDrought(state: RunState, id: string): void {
  setStatus(state, node(state, id), 'drought');
  state.candidates.delete(id);
  state.ready.delete(id);
}

function onStarted(state: RunState, event: RunEventOf<'node.started'>): void {
  const n = node(state, event.nodeId);
  setStatus(state, n, 'running');
  n.attempts = event.attempt;
  if (n.startedAt === undefined) n.startedAt = event.time;
  state.ready.delete(event.nodeId);
  state.candidates.delete(event.nodeId);
}

function onCompleted(state: RunState, event: RunEventOf<'node.completed'>): void {
  const n = node(state, event.nodeId);
  setStatus(state, n, 'completed');
  state.ready.delete(event.nodeId);
  state.candidates.delete(event.nodeId);
  n.output = event.output;
  n.text = event.text ?? outputText(event.output);
  n.finishedAt = event.time;
  if (event.note !== undefined) n.note = event.note;
  if (event.shapeProblems !== undefined) n.shapeProblems = event.shapeProblems;
  if (event.route) n.selected = event.route.selected;
  addUsage(state, n, event.usage);
  const selected = n.selected;
  resolveOut(state, n, (e) => (event.route ? (selected ?? []).includes(e.to) : e.when === undefined));
}

function onFailed(state: RunState, event: RunEventOf<'node.failed'>): void {
  const n = node(state, event.nodeId);
  setStatus(state, n, 'failed');
  n.error = { code: event.error.code, message: event.error.message };
  n.finishedAt = event.time;
  state.ready.delete(event.nodeId);
  addUsage(state, n, event.usage);
  resolveOut(state, n, () => false);
}

function onSkipped(state: RunState, id: string, reason: string): void {
  const n = node(state, id);
  if (isTerminal(n.status)) return;
  setStatus(state, n, 'skipped');
  n.skipReason = reason;
  state.ready.delete(id);
  state.candidates.delete(id);
  resolveOut(state, n, () => false);
}

function resolveOut(state: RunState, n: NodeState, isLive: (e: EdgeState) => boolean): void {
  for (const e of n.out) {
    if (e.resolved) continue;
    e.resolved = true;
    e.live = e.order !== true && isLive(e);
    const to = node(state, e.to);
    to.pendingIn--;
    if (e.live) to.liveIn++;
    if (to.pendingIn === 0 && (to.status === 'pending' || to.status === 'expanded')) state.candidates.add(e.to);
  }
}

/** Usage counts for the node, the run, and every delegation ancestor's subtree. */
function addUsage(state: RunState, n: NodeState, usage: Usage | undefined): void {
  if (!usage) return;
  add(n.usage, usage);
  add(state.usage, usage);
  for (let cur: NodeState | undefined = n; cur; cur = cur.spec.parent === undefined ? undefined : state.nodes.get(cur.spec.parent)) {
    add(cur.subtreeUsage, usage);
  }
}

function add(target: Usage, usage: Usage): void {
  target.inputTokens += usage.inputTokens;
  target.outputTokens += usage.outputTokens;
  target.costUsd += usage.costUsd;
  // A sum with an estimated or unpriced part is itself estimated / incomplete.
  if (usage.estimated === true) target.estimated = true;
  if (usage.costUnknown === true) target.costUnknown = true;
}

/** Re-opens a node (drought "re-run upstream"): it runs again, and its not-yet-started successors wait for it. */
function onReset(state: RunState, id: string): void {
  const n = node(state, id);
  setStatus(state, n, 'pending');
  delete n.output;
  delete n.text;
  delete n.selected;
  delete n.shapeProblems;
  state.candidates.add(id);
  for (const e of n.out) {
    const to = node(state, e.to);
    if (!e.resolved || !['pending', 'ready', 'drought'].includes(to.status)) continue;
    e.resolved = false;
    if (e.live) to.liveIn--;
    e.live = false;
    to.pendingIn++;
    if (to.status !== 'pending') setStatus(state, to, 'pending');
    state.ready.delete(e.to);
    state.candidates.delete(e.to);
  }
}

function onOutputProvided(state: RunState, event: RunEventOf<'node.output_provided'>): void {
  const n = node(state, event.nodeId);
  n.output = event.output;
  n.text = outputText(event.output);
  delete n.shapeProblems;
}

/** An output's own text: the output itself when it is a string, its JSON otherwise. */
function outputText(output: JsonValue): string {
  return typeof output === 'string' ? output : JSON.stringify(output);
}

function onSpliced(state: RunState, event: RunEventOf<'graph.spliced'>): void {
  for (const agent of event.agents ?? []) state.agents.set(agent.name, agent);
  const parent = node(state, event.parent);
  parent.children.push(...event.nodes.map((s) => s.id));
  if (event.source !== 'delegation') {
    parent.expansions++;
    if (parent.status !== 'expanded') setStatus(state, parent, 'expanded');
    state.ready.delete(event.parent);
  }
  if (event.budget) state.subtreeBudgets.set(event.parent, event.budget);
  countSubtreeNodes(state, parent, event.nodes.length);
  addNodesAndEdges(state, event.nodes, event.edges);
  for (const id of event.pruned) onSkipped(state, id, 'pruned');
}

function onTicket(state: RunState, event: RunEventOf<'cortex.ticket'>): void {
  state.tickets.set(event.ticketId, {
    ticketId: event.ticketId, kind: event.kind, message: event.message, options: event.options, open: true, seq: event.seq, openedAt: event.time,
    ...(event.nodeId === undefined ? {} : { nodeId: event.nodeId }),
    ...(event.detail === undefined ? {} : { detail: event.detail }),
  });
  if (event.kind === 'drought' || event.kind === 'budget') state.blockingTickets.add(event.ticketId);
  if (event.kind === 'approval' && event.nodeId !== undefined) {
    const n = node(state, event.nodeId);
    if (n.status !== 'waiting') setStatus(state, n, 'waiting');
  }
}

function onAnswered(state: RunState, event: RunEventOf<'ticket.answered'>): void {
  const ticket = state.tickets.get(event.ticketId);
  if (!ticket) throw new KernelError('UNKNOWN_TICKET', `answer to unknown ticket ${event.ticketId}`);
  ticket.open = false;
  ticket.answer = event.answer;
  ticket.answeredBy = event.by;
  state.blockingTickets.delete(event.ticketId);
}

function onDecision(state: RunState, event: RunEventOf<'cortex.decision'>): void {
  const record = state.effects.get(event.idempotencyKey) ?? {};
  record.decision = event.action;
  record.rule = event.rule;
  if (event.ticketId !== undefined) record.ticketId = event.ticketId;
  state.effects.set(event.idempotencyKey, record);
}

function onToolResult(state: RunState, event: RunEventOf<'node.tool_result'>): void {
  const record = state.effects.get(event.idempotencyKey) ?? {};
  const result: { ok: boolean; value?: JsonValue; error?: string } = { ok: event.ok };
  if (event.value !== undefined) result.value = event.value;
  if (event.error !== undefined) result.error = event.error;
  record.result = result;
  state.effects.set(event.idempotencyKey, record);
}

/** Spliced nodes count toward the parent's subtree and every delegation ancestor's (like usage). */
function countSubtreeNodes(state: RunState, parent: NodeState, added: number): void {
  for (let cur: NodeState | undefined = parent; cur; cur = cur.spec.parent === undefined ? undefined : state.nodes.get(cur.spec.parent)) {
    cur.subtreeNodes += added;
  }
}

function onBudgetRaised(state: RunState, event: RunEventOf<'budget.raised'>): void {
  if (event.scope === 'run') {
    state.limits[event.metric] = event.limit;
    return;
  }
  const budget = state.subtreeBudgets.get(event.scope) ?? {};
  if (event.metric !== 'depth') budget[event.metric] = event.limit;
  state.subtreeBudgets.set(event.scope, budget);
}
