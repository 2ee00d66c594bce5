/**
 * Ready nodes that have to wait, gathered during one pass over the candidates and announced as one
 * `nodes.queued` event: one event per scheduling step rather than one per queued node (a 1,000-branch
 * fan-out with 16 slots queues 984 branches at once).
 */
import type { RunEventOf } from '../events';
import type { RunContext } from './context';

export type QueueReason = 'concurrency' | 'paused';

export class QueuedBatch {
  private ids: string[] = [];
  private waiting: QueueReason = 'concurrency';
  private detail: string | undefined;

  constructor(private readonly ctx: RunContext) {}

  /** Nodes gathered and not announced yet (they are not in the run state's ready set until `flush`). */
  get size(): number {
    return this.ids.length;
  }

  /** Adds a node; a different reason announces the nodes gathered so far first, so the order is kept. */
  add(nodeId: string, waiting: QueueReason, inFlight: number): void {
    if (this.ids.length > 0 && waiting !== this.waiting) this.flush();
    if (this.ids.length === 0) {
      const { state } = this.ctx;
      this.waiting = waiting;
      this.detail = waiting === 'concurrency' ? `${state.ready.size} queued ahead, ${inFlight} running, ${state.concurrency} slots` : undefined;
    }
    this.ids.push(nodeId);
  }

  /** Announces the gathered nodes (one `nodes.queued`); a no-op when there are none. */
  flush(): void {
    if (this.ids.length === 0) return;
    const nodeIds = this.ids;
    this.ids = [];
    const event: Omit<RunEventOf<'nodes.queued'>, 'seq' | 'time' | 'runId'> = { type: 'nodes.queued', nodeIds, reason: 'deps', waiting: this.waiting };
    if (this.detail !== undefined) event.detail = this.detail;
    this.ctx.emit(event);
  }

  /** Drops the gathered nodes unannounced: the pass failed, and so does the run. */
  discard(): void {
    this.ids = [];
  }
}
