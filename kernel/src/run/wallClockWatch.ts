/**
 * Wall-time budgets run out while nodes are still working, not only when one of them finishes. One timer is
 * armed for the nearest deadline — the run's, and that of every delegation subtree still at work — and
 * checks the budgets when it fires (a crossing pauses the run with a ticket, as at a node boundary).
 * It is re-armed whenever a deadline may have moved (begin, splice, raise, resume) and stopped when the run
 * ends. The timer never keeps the process alive: a paused CLI run still exits.
 */
import type { RunState } from '../state/runState';
import { checkBudgets, hasOpenBudgetTicket } from './budget';
import type { RunContext } from './context';

interface Deadline {
  /** Epoch ms after which the budget is crossed (`elapsed > limit`). */
  at: number;
  /** 'run', or the delegating node whose subtree has the budget. */
  scope: string;
}

export class WallClockWatch {
  private timer: AbortController | undefined;
  private armedAt: number | undefined;

  constructor(private readonly ctx: RunContext) {}

  /** Sets the timer for the nearest open deadline (or none). */
  arm(): void {
    const next = nearestDeadline(this.ctx);
    if (next?.at === this.armedAt && this.timer !== undefined) return;
    this.stop();
    if (next === undefined) return;
    const timer = new AbortController();
    this.timer = timer;
    this.armedAt = next.at;
    // One millisecond past the deadline: a budget is crossed when the elapsed time is strictly greater.
    const delay = Math.max(0, next.at + 1 - this.ctx.clock.now());
    this.ctx.clock.sleep(delay, timer.signal, { background: true }).then(() => this.fire(timer), () => undefined);
  }

  stop(): void {
    this.timer?.abort();
    this.timer = undefined;
    this.armedAt = undefined;
  }

  private fire(timer: AbortController): void {
    if (this.timer !== timer) return;
    this.timer = undefined;
    this.armedAt = undefined;
    const { state } = this.ctx;
    if (state.status !== 'running' && state.status !== 'paused') return;
    const now = this.ctx.clock.now();
    for (const deadline of openDeadlines(this.ctx)) {
      if (deadline.at < now) checkBudgets(this.ctx, deadline.scope === 'run' ? undefined : deadline.scope);
    }
    this.arm();
  }
}

function nearestDeadline(ctx: RunContext): Deadline | undefined {
  let nearest: Deadline | undefined;
  for (const deadline of openDeadlines(ctx)) if (nearest === undefined || deadline.at < nearest.at) nearest = deadline;
  return nearest;
}

/** Wall-time deadlines that can still be crossed: not already ticketed, and (for a subtree) still at work. */
function openDeadlines(ctx: RunContext): Deadline[] {
  const { state } = ctx;
  const deadlines: Deadline[] = [];
  if (state.status !== 'running' && state.status !== 'paused') return deadlines;
  if (state.limits.timeMs !== undefined && !hasOpenBudgetTicket(ctx, 'run', 'timeMs')) {
    deadlines.push({ at: state.startedAt + state.limits.timeMs, scope: 'run' });
  }
  for (const [scope, budget] of state.subtreeBudgets) {
    const root = state.nodes.get(scope);
    if (budget.timeMs === undefined || root?.startedAt === undefined || hasOpenBudgetTicket(ctx, scope, 'timeMs')) continue;
    if (subtreeAtWork(state, scope)) deadlines.push({ at: root.startedAt + budget.timeMs, scope });
  }
  return deadlines;
}

const FINISHED = new Set(['completed', 'failed', 'skipped']);

/** The root or any node spliced under it (transitively) has not finished yet. */
function subtreeAtWork(state: RunState, root: string): boolean {
  for (const node of state.nodes.values()) {
    if (FINISHED.has(node.status)) continue;
    for (let id: string | undefined = node.spec.id; id !== undefined; id = state.nodes.get(id)?.spec.parent) {
      if (id === root) return true;
    }
  }
  return false;
}
