/**
 * The scheduler: turns candidates into `node.ready` / `node.skipped` / joins, starts ready nodes up to the
 * concurrency limit, and notices when the run is finished or can only wait. Every decision is an event
 * (`node.ready` with its reason and, when it has to queue, why — or `node.started` with the reason when a
 * node starts at once —, `node.skipped` with why).
 *
 * Hot-path cost: O(1) per started node and O(out-edges) per completion — it walks the candidate and ready
 * sets from the front and stops as soon as no slot is free.
 */
import { TICKET_CHOICES } from '../tickets';
import type { NodeState, RunState } from '../state/runState';
import { executeAgentNode, prepareAgent } from './agentNode';
import type { RunContext } from './context';
import { QueuedBatch } from './queuedBatch';
import { joinStructural, startStructural, structuralProblems } from './structural';
import type { DroughtProblem } from '../events';
import { toErrorInfo } from '../errors';

export interface SchedulerHooks {
  /** Agent nodes in flight (each holds a slot). */
  inFlight(): number;
  track(work: Promise<void>): void;
  /** Called when the scheduler found nothing to do. */
  idle(): void;
}

export class Scheduler {
  private busy = false;
  private again = false;
  private readonly queued: QueuedBatch;

  constructor(private readonly ctx: RunContext, private readonly hooks: SchedulerHooks) {
    this.queued = new QueuedBatch(ctx);
  }

  schedule(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      do {
        this.again = false;
        if (!isLive(this.ctx.state)) break;
        this.processCandidates();
        this.startReady();
        // Starting controllers splices nodes in: look at the new candidates before going idle.
        if (this.ctx.state.candidates.size > 0) this.again = true;
      } while (this.again);
    } catch (error) {
      this.ctx.failRun(toErrorInfo(error));
    } finally {
      this.busy = false;
    }
    this.hooks.idle();
  }

  private processCandidates(): void {
    const { state } = this.ctx;
    // One iterator per pass (it sees candidates added meanwhile): taking the set's first element again and
    // again would skip over every slot deleted so far, O(n) each time for a wide fan-out. Nodes that queue
    // are gathered (one `nodes.queued`); any other event of the pass first announces those gathered before.
    try {
      for (const id of state.candidates) {
        if (!isLive(state)) break;
        const node = state.nodes.get(id) as NodeState;
        // Only a pending node (or a controller waiting for its join) can be decided here.
        if (node.pendingIn > 0 || (node.status !== 'pending' && node.status !== 'expanded')) {
          state.candidates.delete(id);
          continue;
        }
        if (node.status === 'expanded') {
          this.queued.flush();
          joinStructural(this.ctx, node);
        } else if (node.liveIn > 0 || node.in.length === 0) {
          this.readyOrStart(node);
        } else {
          this.queued.flush();
          this.ctx.emit({ type: 'node.skipped', nodeId: id, reason: skipReason(state, node) });
        }
        state.candidates.delete(id);
      }
    } catch (error) {
      this.queued.discard();
      throw error;
    }
    this.queued.flush();
  }

  /**
   * An agent node that can take a free slot right away, with nobody queued ahead of it, starts at once: its
   * `node.started` carries `reason: 'deps'` instead of a separate `node.ready` (one event less per node on
   * the hot path, same explanation). Everything else becomes ready first, and says why it waits.
   */
  private readyOrStart(node: NodeState): void {
    const { state } = this.ctx;
    const queuedAhead = state.ready.size + this.queued.size;
    const startsAtOnce = node.spec.kind === 'agent' && state.status === 'running' && queuedAhead === 0 && this.hooks.inFlight() < state.concurrency;
    if (startsAtOnce) this.start(node, 'deps');
    else this.makeReady(node, queuedAhead);
  }

  /** `queuedAhead`: ready nodes waiting before this one, announced or still gathered in this pass. */
  private makeReady(node: NodeState, queuedAhead: number): void {
    const { state } = this.ctx;
    const inFlight = this.hooks.inFlight();
    if (state.status === 'paused') {
      this.queued.add(node.spec.id, 'paused', inFlight);
    } else if (node.spec.kind === 'agent' && inFlight + queuedAhead >= state.concurrency) {
      // O(1) explanation: every slot is taken or promised to the nodes queued ahead, so this one queues.
      this.queued.add(node.spec.id, 'concurrency', inFlight);
    } else {
      this.queued.flush();
      this.ctx.emit({ type: 'node.ready', nodeId: node.spec.id, reason: 'deps' });
    }
  }

  /** Starts ready nodes in the order they became ready, until an agent node finds no free slot. */
  private startReady(): void {
    const { state } = this.ctx;
    if (state.status !== 'running') return;
    dropStaleReadyEntries(state);
    const queue = state.readyQueue;
    for (let i = state.readyHead; i < queue.length; i++) {
      if (state.status !== 'running') return;
      if (!isLiveReadyEntry(state, i)) continue;
      const node = state.nodes.get(queue[i]) as NodeState;
      if (node.spec.kind === 'agent' && this.hooks.inFlight() >= state.concurrency) return;
      this.start(node);
    }
  }

  /** `readyReason` is set when the node starts straight from being a candidate (no `node.ready` event). */
  private start(node: NodeState, readyReason?: 'deps'): void {
    if (node.spec.kind !== 'agent') {
      const problems = this.guard(node, structuralStartProblems);
      if (problems === undefined) return;
      if (problems.length > 0) return this.raiseDrought(node, problems);
      return startStructural(this.ctx, node);
    }
    const prepared = this.guard(node, prepareAgent);
    if (prepared === undefined) return;
    if (prepared.problems.length > 0) return this.raiseDrought(node, prepared.problems);
    this.hooks.track(executeAgentNode(this.ctx, node, prepared, readyReason));
  }

  /**
   * Runs a pre-start step; a throw (unknown agent...) fails the node and the run. The step is a plain
   * function of the context and the node (no closure per started node).
   */
  private guard<T>(node: NodeState, step: (ctx: RunContext, node: NodeState) => T): T | undefined {
    try {
      return step(this.ctx, node);
    } catch (error) {
      const info = toErrorInfo(error);
      this.ctx.emit({ type: 'node.started', nodeId: node.spec.id, attempt: 1 });
      this.ctx.emit({ type: 'node.failed', nodeId: node.spec.id, attempt: 1, error: info });
      this.ctx.failRun(info, node.spec.id);
      return undefined;
    }
  }

  private raiseDrought(node: NodeState, problems: DroughtProblem[]): void {
    const ticketId = this.ctx.nextTicketId();
    const id = node.spec.id;
    this.ctx.emit({ type: 'node.drought', nodeId: id, ticketId, problems });
    const summary = problems.map((p) => `${p.ref} ${p.problem}`).join(', ');
    this.ctx.openTicket({
      kind: 'drought', nodeId: id, message: `${id} lacks inputs (${summary}): re-run upstream, provide the input, skip, or stop?`,
      options: [...TICKET_CHOICES.drought], detail: { problems },
    }, ticketId);
    // A listener may have answered the ticket synchronously: pause only if it is still open.
    if (this.ctx.state.status === 'running' && this.ctx.state.blockingTickets.has(ticketId)) this.ctx.emit({ type: 'run.paused', reason: 'drought', ticketId });
  }
}

function structuralStartProblems(ctx: RunContext, node: NodeState): DroughtProblem[] {
  return structuralProblems(ctx.state, node);
}

/** Advances the ready queue's head past entries that no longer count; compacts the queue now and then. */
function dropStaleReadyEntries(state: RunState): void {
  while (state.readyHead < state.readyQueue.length && !isLiveReadyEntry(state, state.readyHead)) state.readyHead++;
  if (state.readyHead > 1024 && state.readyHead * 2 > state.readyQueue.length) {
    state.readyQueue.splice(0, state.readyHead);
    state.readyQueueSeqs.splice(0, state.readyHead);
    state.readyHead = 0;
  }
}

/**
 * An entry counts while its node is still ready from that same `node.ready` (a node that left the ready
 * state without starting and became ready again has a newer entry further back, as in the `ready` set).
 */
function isLiveReadyEntry(state: RunState, index: number): boolean {
  const node = state.nodes.get(state.readyQueue[index]);
  return node?.status === 'ready' && node.readySeq === state.readyQueueSeqs[index];
}

function isLive(state: RunState): boolean {
  return state.status === 'running' || state.status === 'paused';
}

/** Why a node with no live in-edge is skipped: a human rejection, a route, a failure, or an upstream skip. */
function skipReason(state: RunState, node: NodeState): 'rejected' | 'route' | 'upstream_failed' | 'upstream_skipped' {
  let reason: 'route' | 'upstream_failed' | 'upstream_skipped' = 'upstream_skipped';
  for (const e of node.in) {
    if (e.order === true) continue;
    const from = state.nodes.get(e.from);
    if (!from) continue;
    if (from.spec.kind === 'approval' && from.status === 'completed') return 'rejected';
    if (from.status === 'completed') reason = 'route';
    else if (from.status === 'failed' && reason !== 'route') reason = 'upstream_failed';
  }
  return reason;
}
