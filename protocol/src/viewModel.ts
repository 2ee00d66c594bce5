/**
 * The panel's view model: a snapshot indexed by id, and the fold of run events into it. The host keeps one
 * per open panel (to answer a resync with a snapshot richer than RunState: prompts, tool calls, queued and
 * retrying states) and the webview keeps one to draw; both apply the same events with the same code.
 */
import { isDoneStatus, type LiveEdge, type LiveNodeSpec, type RunEvent, type RunEventOf, type Usage } from '../../kernel/src/state/browser';
import { OUTPUT_CAP, type PanelEdge, type PanelNode, type PanelSnapshot, type PanelStatus, type PanelTicket } from './snapshot';

const TERMINAL: ReadonlySet<PanelStatus> = new Set<PanelStatus>(['completed', 'failed', 'skipped', 'cancelled']);

export function isTerminalStatus(status: PanelStatus): boolean {
  return TERMINAL.has(status);
}

/** What changed in one apply: the renderer redraws only these. */
export interface ViewChange {
  nodes: Set<string>;
  added: string[];
  edges: boolean;
  tickets: boolean;
  run: boolean;
  /** Edges that just started carrying data (their source completed): drawn as a flow. */
  flowing: PanelEdge[];
  /** Edges whose state changed (redrawn alone, not the whole edge layer). */
  changedEdges: PanelEdge[];
}

export function emptyChange(): ViewChange {
  return { nodes: new Set(), added: [], edges: false, tickets: false, run: false, flowing: [], changedEdges: [] };
}

export function zeroUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

export function newPanelNode(spec: LiveNodeSpec, order: number): PanelNode {
  const node: PanelNode = {
    id: spec.id, kind: spec.kind, label: spec.id, status: 'pending', depth: spec.depth, origin: spec.origin, order,
    children: [], attempts: 0, usage: zeroUsage(), subtreeUsage: zeroUsage(), subtreeNodes: 0, toolMs: 0, approvalMs: 0,
    retries: [], tools: [], delegations: [],
  };
  if (spec.agent !== undefined) node.agent = spec.agent;
  if (spec.parent !== undefined) node.parent = spec.parent;
  if (spec.message !== undefined) node.message = spec.message;
  if (spec.prompt !== undefined) node.prompt = spec.prompt;
  return node;
}

export class ViewModel {
  readonly nodes = new Map<string, PanelNode>();
  readonly edges: PanelEdge[] = [];
  readonly outEdges = new Map<string, PanelEdge[]>();
  readonly inEdges = new Map<string, PanelEdge[]>();
  readonly tickets = new Map<string, PanelTicket>();
  run: Omit<PanelSnapshot, 'nodes' | 'edges' | 'tickets'>;

  /**
   * `adopt`: the snapshot was just parsed for this view (the webview's case) and is owned by it from now on,
   * so its objects are used as they are instead of copied (copying 5,000 nodes costs a first paint ~0.2 s).
   */
  constructor(snapshot: PanelSnapshot, options: { adopt?: boolean } = {}) {
    const own = options.adopt === true ? <T>(x: T): T => x : <T>(x: T): T => structuredClone(x);
    const { nodes, edges, tickets, ...run } = snapshot;
    this.run = { ...run, usage: { ...run.usage } };
    for (const n of nodes) this.nodes.set(n.id, own(n));
    for (const e of edges) this.addEdge(options.adopt === true ? e : { ...e });
    for (const t of tickets) this.tickets.set(t.ticketId, own(t));
  }

  get seq(): number { return this.run.seq; }

  /** Nodes done, counted as the status bar and the kernel count them (kernel/src/state/progress.ts). */
  doneCount(): number {
    let done = 0;
    for (const n of this.nodes.values()) if (isDoneStatus(n.status)) done++;
    return done;
  }

  snapshot(): PanelSnapshot {
    return structuredClone({ ...this.run, nodes: [...this.nodes.values()], edges: this.edges, tickets: [...this.tickets.values()] });
  }

  /** Applies one event (seq must be the next one; the caller checks for gaps). */
  apply(event: RunEvent, change: ViewChange = emptyChange()): ViewChange {
    this.run.seq = event.seq;
    this.run.lastTime = event.time;
    applyToView(this, event, change);
    return change;
  }

  node(id: string): PanelNode | undefined {
    return this.nodes.get(id);
  }

  addEdge(edge: PanelEdge): void {
    this.edges.push(edge);
    push(this.outEdges, edge.from, edge);
    push(this.inEdges, edge.to, edge);
  }

  addSpecs(specs: readonly LiveNodeSpec[], edges: readonly LiveEdge[], change: ViewChange): void {
    for (const spec of specs) {
      this.nodes.set(spec.id, newPanelNode(spec, this.nodes.size));
      change.added.push(spec.id);
    }
    for (const e of edges) {
      const from = this.nodes.get(e.from);
      const orderOnly = e.order === true;
      const state = from === undefined || !isTerminalStatus(from.status) ? 'pending' : from.status === 'completed' && !orderOnly ? 'live' : 'dead';
      this.addEdge({ from: e.from, to: e.to, route: e.when !== undefined, state, ...(orderOnly ? { orderOnly } : {}) });
    }
    change.edges = true;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Usage counts for the node, the run, and every ancestor's subtree (like the kernel fold). */
function addUsage(view: ViewModel, n: PanelNode, usage: Usage | undefined, change: ViewChange): void {
  if (!usage) return;
  add(n.usage, usage);
  add(view.run.usage, usage);
  for (let cur: PanelNode | undefined = n; cur; cur = cur.parent === undefined ? undefined : view.node(cur.parent)) {
    add(cur.subtreeUsage, usage);
    change.nodes.add(cur.id);
  }
  change.run = true;
}

function add(target: Usage, usage: Usage): void {
  target.inputTokens += usage.inputTokens;
  target.outputTokens += usage.outputTokens;
  target.costUsd += usage.costUsd;
}

function setStatus(n: PanelNode, status: PanelStatus, change: ViewChange): void {
  n.status = status;
  change.nodes.add(n.id);
}

function resolveOut(view: ViewModel, n: PanelNode, isLive: (e: PanelEdge) => boolean, change: ViewChange): void {
  for (const e of view.outEdges.get(n.id) ?? []) {
    if (e.state !== 'pending') continue;
    e.state = !e.orderOnly && isLive(e) ? 'live' : 'dead';
    change.changedEdges.push(e);
    if (e.state === 'live') change.flowing.push(e);
  }
  change.edges = true;
}

function appendOutput(n: PanelNode, text: string): void {
  const current = n.output ?? '';
  if (current.length >= OUTPUT_CAP) return;
  n.output = (current + text).slice(0, OUTPUT_CAP);
}

function applyToView(view: ViewModel, event: RunEvent, change: ViewChange): void {
  if (event.type.startsWith('run.')) return applyRunLevel(view, event, change);
  if (event.type === 'cortex.ticket' || event.type === 'ticket.answered') return applyTicket(view, event, change);
  if (event.type === 'graph.spliced' || event.type === 'graph.splice_rejected') return applyGraph(view, event, change);
  if (isNodeEvent(event)) {
    const n = view.node(event.nodeId);
    if (n) applyNode(view, n, event, change);
    return;
  }
  if (event.type === 'nodes.queued') {
    for (const id of event.nodeIds) {
      const n = view.node(id);
      if (n) { setStatus(n, 'queued', change); n.readyAt ??= event.time; }
    }
  }
  // budget.exceeded, budget.raised, provider.circuit: shown through their tickets and run status.
}

function applyRunLevel(view: ViewModel, event: RunEvent, change: ViewChange): void {
  change.run = true;
  switch (event.type) {
    case 'run.paused': view.run.status = 'paused'; view.run.pauseReason = event.reason; return;
    case 'run.resumed': view.run.status = 'running'; delete view.run.pauseReason; return;
    case 'run.completed': view.run.status = 'completed'; return;
    case 'run.failed': view.run.status = 'failed'; view.run.error = { code: event.error.code, message: event.error.message }; return;
    case 'run.cancelled':
      view.run.status = 'cancelled';
      for (const n of view.nodes.values()) if (!isTerminalStatus(n.status)) setStatus(n, 'cancelled', change);
      return;
    default: return; // run.started: the snapshot already holds it
  }
}

type NodeEvent = Extract<RunEvent, { type: `node.${string}` | 'cortex.decision' }>;

function isNodeEvent(event: RunEvent): event is NodeEvent {
  return event.type.startsWith('node.') || event.type === 'cortex.decision';
}

function applyNode(view: ViewModel, n: PanelNode, event: NodeEvent, change: ViewChange): void {
  change.nodes.add(n.id);
  switch (event.type) {
    case 'node.ready': setStatus(n, event.waiting ? 'queued' : 'ready', change); n.readyAt ??= event.time; return;
    case 'node.waiting': setStatus(n, 'waiting', change); if (event.detail !== undefined) n.note = event.detail; return;
    case 'node.started': return onStarted(n, event);
    case 'node.token': if (n.status === 'waiting') setStatus(n, 'running', change); appendOutput(n, event.text); return;
    case 'node.tool_call': n.tools.push({ callIndex: event.callIndex, name: event.name, args: event.args, startedAt: event.time }); return;
    case 'cortex.decision': return onDecision(n, event, change);
    case 'node.tool_result': return onToolResult(n, event);
    case 'node.repairing': n.note = `repairing: ${event.problems.join('; ')}`; return;
    case 'node.completed': return onCompleted(view, n, event, change);
    case 'node.failed':
      setStatus(n, 'failed', change);
      n.error = { code: event.error.code, message: event.error.message };
      n.finishedAt = event.time;
      addUsage(view, n, event.usage, change);
      return resolveOut(view, n, () => false, change);
    case 'node.retrying':
      setStatus(n, 'retrying', change);
      n.retries.push({ attempt: event.attempt, delayMs: event.delayMs, code: event.error.code, message: event.error.message });
      return addUsage(view, n, event.usage, change);
    case 'node.skipped':
      if (isTerminalStatus(n.status)) return;
      setStatus(n, 'skipped', change);
      n.skipReason = event.cause === undefined ? event.reason : `${event.reason}: ${event.cause}`;
      return resolveOut(view, n, () => false, change);
    case 'node.drought': return setStatus(n, 'drought', change);
    case 'node.reset': return onReset(view, n, change);
    case 'node.output_provided': n.output = typeof event.output === 'string' ? event.output : JSON.stringify(event.output); return;
  }
}

function onStarted(n: PanelNode, event: RunEventOf<'node.started'>): void {
  n.status = 'running';
  n.attempts = event.attempt;
  n.startedAt ??= event.time;
  n.readyAt ??= event.time;
  if (event.model !== undefined) n.model = event.model;
  if (event.system !== undefined) n.system = event.system;
  if (event.prompt !== undefined) n.prompt = event.prompt;
  // A new attempt streams a new answer; the failed one is in `retries`.
  if (event.attempt > 1) delete n.output;
}

function onDecision(n: PanelNode, event: RunEventOf<'cortex.decision'>, change: ViewChange): void {
  const call = n.tools.find((t) => t.callIndex === event.callIndex);
  if (call) call.decision = { action: event.action, rule: event.rule, by: event.by };
  if (n.status === 'waiting') setStatus(n, 'running', change);
}

function onToolResult(n: PanelNode, event: RunEventOf<'node.tool_result'>): void {
  const call = n.tools.find((t) => t.callIndex === event.callIndex);
  if (!call) return;
  call.result = { ok: event.ok };
  if (event.value !== undefined) call.result.value = event.value;
  if (event.error !== undefined) call.result.error = event.error;
  call.endedAt = event.time;
  if (call.startedAt !== undefined) n.toolMs += Math.max(0, event.time - call.startedAt);
}

function onCompleted(view: ViewModel, n: PanelNode, event: RunEventOf<'node.completed'>, change: ViewChange): void {
  setStatus(n, 'completed', change);
  const text = event.text ?? (typeof event.output === 'string' ? event.output : JSON.stringify(event.output));
  n.output = text.slice(0, OUTPUT_CAP);
  n.finishedAt = event.time;
  if (event.note !== undefined) n.note = event.note;
  addUsage(view, n, event.usage, change);
  const selected = event.route?.selected;
  resolveOut(view, n, (e) => (selected ? selected.includes(e.to) : !e.route), change);
}

function onReset(view: ViewModel, n: PanelNode, change: ViewChange): void {
  setStatus(n, 'pending', change);
  delete n.output;
  for (const e of view.outEdges.get(n.id) ?? []) {
    const to = view.node(e.to);
    if (!to || !['pending', 'ready', 'queued', 'drought'].includes(to.status)) continue;
    e.state = 'pending';
    change.changedEdges.push(e);
    setStatus(to, 'pending', change);
  }
  change.edges = true;
}

function applyTicket(view: ViewModel, event: RunEventOf<'cortex.ticket'> | RunEventOf<'ticket.answered'>, change: ViewChange): void {
  change.tickets = true;
  if (event.type === 'cortex.ticket') {
    const ticket: PanelTicket = { ticketId: event.ticketId, kind: event.kind, message: event.message, options: event.options, open: true, openedAt: event.time };
    if (event.nodeId !== undefined) ticket.nodeId = event.nodeId;
    if (event.detail !== undefined) ticket.detail = event.detail;
    view.tickets.set(event.ticketId, ticket);
    const n = event.nodeId === undefined ? undefined : view.node(event.nodeId);
    if (n && event.kind === 'approval') setStatus(n, 'waiting', change);
    else if (n) change.nodes.add(n.id);
    return;
  }
  const ticket = view.tickets.get(event.ticketId);
  if (!ticket) return;
  ticket.open = false;
  ticket.answer = event.answer;
  const n = ticket.nodeId === undefined ? undefined : view.node(ticket.nodeId);
  if (n) {
    if (ticket.kind === 'approval' || ticket.kind === 'tool') n.approvalMs += Math.max(0, event.time - ticket.openedAt);
    change.nodes.add(n.id);
  }
}

function applyGraph(view: ViewModel, event: RunEventOf<'graph.spliced'> | RunEventOf<'graph.splice_rejected'>, change: ViewChange): void {
  const parent = view.node(event.parent);
  if (event.type === 'graph.splice_rejected') {
    parent?.delegations.push({ reason: event.reason, nodes: [], rejected: `${event.code}: ${event.reason}` });
    if (parent) change.nodes.add(parent.id);
    return;
  }
  view.addSpecs(event.nodes, event.edges, change);
  if (!parent) return;
  parent.children.push(...event.nodes.map((s) => s.id));
  if (event.source === 'delegation') parent.delegations.push({ reason: event.reason, nodes: event.nodes.map((s) => s.id) });
  else setStatus(parent, 'expanded', change);
  for (let cur: PanelNode | undefined = parent; cur; cur = cur.parent === undefined ? undefined : view.node(cur.parent)) {
    cur.subtreeNodes += event.nodes.length;
  }
  for (const id of event.pruned) {
    const n = view.node(id);
    if (n && !isTerminalStatus(n.status)) { setStatus(n, 'skipped', change); n.skipReason = 'pruned'; resolveOut(view, n, () => false, change); }
  }
  change.nodes.add(parent.id);
}
