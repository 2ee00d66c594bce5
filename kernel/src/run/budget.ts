/**
 * Budgets: tokens, cost, wall time and node count, per run and per delegation subtree (checked at node
 * boundaries, and for wall time also when a deadline passes: wallClockWatch.ts).
 * Crossing one pauses the run with a `budget` ticket (raise / stop). Depth is a cap enforced at splice time.
 */
import { TICKET_CHOICES } from '../tickets';
import type { BudgetMetric } from '../events';
import type { NodeState, SubtreeBudget } from '../state/runState';
import type { RunContext } from './context';

interface Crossing { scope: string; metric: BudgetMetric; limit: number; value: number }

/** Checks the run and the subtrees `nodeId` belongs to; raises one ticket per new crossing. */
export function checkBudgets(ctx: RunContext, nodeId?: string): void {
  for (const crossing of crossings(ctx, nodeId)) {
    if (hasOpenBudgetTicket(ctx, crossing.scope, crossing.metric)) continue;
    const ticketId = ctx.nextTicketId();
    ctx.emit({ type: 'budget.exceeded', ...crossing, ticketId });
    ctx.openTicket({
      kind: 'budget', message: `Budget ${crossing.metric} of ${crossing.scope} exceeded: ${round(crossing.value)} > ${round(crossing.limit)}`,
      options: [...TICKET_CHOICES.budget], detail: { scope: crossing.scope, metric: crossing.metric, limit: crossing.limit, value: crossing.value },
    }, ticketId);
    if (ctx.state.status === 'running' && ctx.state.blockingTickets.has(ticketId)) ctx.emit({ type: 'run.paused', reason: 'budget', ticketId });
  }
}

function crossings(ctx: RunContext, nodeId: string | undefined): Crossing[] {
  const { state } = ctx;
  const found: Crossing[] = [];
  const { limits, usage } = state;
  const tokens = usage.inputTokens + usage.outputTokens;
  if (limits.tokens !== undefined && tokens > limits.tokens) found.push({ scope: 'run', metric: 'tokens', limit: limits.tokens, value: tokens });
  if (limits.costUsd !== undefined && usage.costUsd > limits.costUsd) found.push({ scope: 'run', metric: 'costUsd', limit: limits.costUsd, value: usage.costUsd });
  if (limits.nodes !== undefined && state.nodes.size > limits.nodes) found.push({ scope: 'run', metric: 'nodes', limit: limits.nodes, value: state.nodes.size });
  if (limits.timeMs !== undefined) {
    const elapsed = ctx.clock.now() - state.startedAt;
    if (elapsed > limits.timeMs) found.push({ scope: 'run', metric: 'timeMs', limit: limits.timeMs, value: elapsed });
  }
  // Checked after every node: a run without delegation budgets skips the walk up the delegation tree.
  if (state.subtreeBudgets.size === 0) return found;
  for (let id = nodeId; id !== undefined; id = state.nodes.get(id)?.spec.parent) {
    const budget = state.subtreeBudgets.get(id);
    const root = state.nodes.get(id);
    if (budget && root) found.push(...subtreeCrossings(ctx, root, budget));
  }
  return found;
}

/** Subtree usage against its share; wall time runs from the delegating node's start to now. */
function subtreeCrossings(ctx: RunContext, root: NodeState, budget: SubtreeBudget): Crossing[] {
  const found: Crossing[] = [];
  const scope = root.spec.id;
  const subtree = root.subtreeUsage;
  const used = subtree.inputTokens + subtree.outputTokens;
  if (budget.tokens !== undefined && used > budget.tokens) found.push({ scope, metric: 'tokens', limit: budget.tokens, value: used });
  if (budget.costUsd !== undefined && subtree.costUsd > budget.costUsd) found.push({ scope, metric: 'costUsd', limit: budget.costUsd, value: subtree.costUsd });
  if (budget.nodes !== undefined && root.subtreeNodes > budget.nodes) found.push({ scope, metric: 'nodes', limit: budget.nodes, value: root.subtreeNodes });
  if (budget.timeMs !== undefined && root.startedAt !== undefined) {
    const elapsed = ctx.clock.now() - root.startedAt;
    if (elapsed > budget.timeMs) found.push({ scope, metric: 'timeMs', limit: budget.timeMs, value: elapsed });
  }
  return found;
}

/** The value a budget's metric has now (undefined for depth, which is a cap, or an unknown scope). */
export function currentBudgetValue(ctx: RunContext, scope: string, metric: BudgetMetric): number | undefined {
  const { state } = ctx;
  const root = scope === 'run' ? undefined : state.nodes.get(scope);
  if (scope !== 'run' && root === undefined) return undefined;
  const usage = root === undefined ? state.usage : root.subtreeUsage;
  switch (metric) {
    case 'tokens': return usage.inputTokens + usage.outputTokens;
    case 'costUsd': return usage.costUsd;
    case 'nodes': return root === undefined ? state.nodes.size : root.subtreeNodes;
    case 'timeMs': {
      const since = root === undefined ? state.startedAt : root.startedAt;
      return since === undefined ? undefined : ctx.clock.now() - since;
    }
    default: return undefined;
  }
}

export function hasOpenBudgetTicket(ctx: RunContext, scope: string, metric: BudgetMetric): boolean {
  for (const id of ctx.state.blockingTickets) {
    const ticket = ctx.state.tickets.get(id);
    const detail = ticket?.detail as { scope?: unknown; metric?: unknown } | undefined;
    if (ticket?.kind === 'budget' && detail?.scope === scope && detail.metric === metric) return true;
  }
  return false;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
