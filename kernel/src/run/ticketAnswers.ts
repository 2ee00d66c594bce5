/**
 * What answering a ticket does, by kind: approval completes or rejects the node; drought re-runs the
 * upstream node, takes a hand-written value, skips or stops; budget raises the limit or stops. Tool
 * tickets wake the node waiting on them (see RunController.waitForTicket).
 */
import type { BudgetMetric, TicketAnswer } from '../events';
import { currentBudgetValue } from './budget';
import { KernelError } from '../errors';
import type { TicketState } from '../state/runState';
import type { RunContext } from './context';

export function applyAnswer(ctx: RunContext, ticket: TicketState, answer: TicketAnswer, stop: (reason: string) => void): void {
  switch (ticket.kind) {
    case 'approval': return answerApproval(ctx, ticket, answer);
    case 'drought': return answerDrought(ctx, ticket, answer, stop);
    case 'budget': return answerBudget(ctx, ticket, answer, stop);
    case 'tool': return;
  }
}

/** Checks an answer before anything is emitted (so a bad answer changes nothing). */
export function validateAnswer(ctx: RunContext, ticket: TicketState, answer: TicketAnswer): void {
  if (!ticket.options.includes(answer.choice)) throw new KernelError('INVALID_ANSWER', `"${answer.choice}" is not one of ${ticket.options.join(', ')}`);
  if (ticket.kind === 'budget') return validateRaise(ctx, ticket, answer);
  if (ticket.kind !== 'drought') return;
  if (answer.choice === 'rerun_upstream' || answer.choice === 'provide_input') {
    const upstream = droughtUpstream(ticket, answer);
    if (upstream === undefined || !ctx.state.nodes.has(upstream)) throw new KernelError('INVALID_ANSWER', 'name the upstream node (answer.node)');
    const target = ctx.state.nodes.get(ticket.nodeId ?? '');
    if (answer.choice === 'rerun_upstream' && !target?.in.some((e) => e.from === upstream)) {
      throw new KernelError('INVALID_ANSWER', `"${upstream}" is not a direct upstream node of ${ticket.nodeId ?? '?'}; re-run it from its own node`);
    }
    if (answer.choice === 'provide_input' && answer.value === undefined) throw new KernelError('INVALID_ANSWER', 'provide_input needs answer.value');
  }
}

/** A budget raise: an integer for integer metrics, and above the value measured now (or it trips again at once). */
function validateRaise(ctx: RunContext, ticket: TicketState, answer: TicketAnswer): void {
  if (answer.choice !== 'raise' || answer.limit === undefined) return;
  const detail = budgetDetail(ticket);
  if (INTEGER_METRICS.has(detail.metric) && !Number.isInteger(answer.limit)) {
    throw new KernelError('INVALID_ANSWER', `the ${detail.metric} limit must be a whole number (got ${answer.limit})`);
  }
  const now = currentBudgetValue(ctx, detail.scope, detail.metric) ?? detail.value;
  if (answer.limit <= now) throw new KernelError('INVALID_ANSWER', `a ${detail.metric} limit of ${answer.limit} is already used up (${now} now): raise it above that`);
}

function droughtUpstream(ticket: TicketState, answer: TicketAnswer): string | undefined {
  if (answer.node !== undefined) return answer.node;
  const problems = (ticket.detail as { problems?: { upstream?: string }[] } | undefined)?.problems ?? [];
  return problems.find((p) => p.upstream !== undefined)?.upstream;
}

function answerApproval(ctx: RunContext, ticket: TicketState, answer: TicketAnswer): void {
  const nodeId = ticket.nodeId as string;
  const approved = answer.choice === 'approve';
  ctx.emit({
    type: 'node.completed', nodeId, by: 'approval', usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    output: { approved, ...(answer.note === undefined ? {} : { note: answer.note }) }, text: approved ? 'approved' : 'rejected',
    ...(approved ? {} : { route: { selected: [], reason: 'rejected by a human' } }),
  });
}

function answerDrought(ctx: RunContext, ticket: TicketState, answer: TicketAnswer, stop: (reason: string) => void): void {
  const nodeId = ticket.nodeId as string;
  if (answer.choice === 'stop') return stop(`stopped at the drought of ${nodeId}`);
  if (answer.choice === 'skip') {
    ctx.emit({ type: 'node.skipped', nodeId, reason: 'drought', cause: 'skipped by a human' });
  } else if (answer.choice === 'provide_input') {
    ctx.emit({ type: 'node.output_provided', nodeId: droughtUpstream(ticket, answer) as string, output: answer.value ?? null, by: 'human' });
    ctx.emit({ type: 'node.ready', nodeId, reason: 'provided' });
  } else {
    ctx.emit({ type: 'node.reset', nodeId: droughtUpstream(ticket, answer) as string, reason: 'drought_rerun' });
  }
  resumeIfUnblocked(ctx);
}

/** Metrics counted in whole units: their limits stay integers. */
const INTEGER_METRICS: ReadonlySet<BudgetMetric> = new Set<BudgetMetric>(['tokens', 'nodes', 'timeMs', 'depth']);

interface BudgetDetail { scope: string; metric: BudgetMetric; limit: number; value: number }

function budgetDetail(ticket: TicketState): BudgetDetail {
  return ticket.detail as unknown as BudgetDetail;
}

/**
 * The default raise: twice the old limit, or half again the value measured *now* (not when the ticket was
 * raised: wall time goes on while the run waits for the answer, and a journaled ticket may be answered by a
 * resume hours later), whichever is larger; rounded up to a whole number for integer metrics.
 */
export function defaultRaise(ctx: RunContext, detail: BudgetDetail): number {
  const now = Math.max(detail.value, currentBudgetValue(ctx, detail.scope, detail.metric) ?? detail.value);
  const raised = Math.max(detail.limit * 2, now * 1.5, 1);
  return INTEGER_METRICS.has(detail.metric) ? Math.ceil(raised) : raised;
}

function answerBudget(ctx: RunContext, ticket: TicketState, answer: TicketAnswer, stop: (reason: string) => void): void {
  const detail = budgetDetail(ticket);
  if (answer.choice === 'stop') return stop(`stopped at the ${detail.metric} budget of ${detail.scope}`);
  const limit = answer.limit ?? defaultRaise(ctx, detail);
  ctx.emit({ type: 'budget.raised', scope: detail.scope, metric: detail.metric, limit });
  resumeIfUnblocked(ctx);
}

function resumeIfUnblocked(ctx: RunContext): void {
  if (ctx.state.status === 'paused' && ctx.state.pauseReason !== 'user' && ctx.state.blockingTickets.size === 0) {
    ctx.emit({ type: 'run.resumed', reason: 'ticket' });
  }
}
