/**
 * An agent's tool call: decided by the tool host (allow / ask / deny, naming the rule), `ask` turned into
 * a ticket, executed with the node's AbortSignal. The idempotency key `<runId>:<nodeId>:<callIndex>` makes
 * a re-run node (after a crash) reuse the journaled decision and result instead of applying the effect twice.
 */
import { TICKET_CHOICES } from '../tickets';
import { denialReason, grantingTicket } from './ruleGrants';
import type { JsonValue } from '../../../language/src/ir';
import { AbortedError } from '../errors';
import type { NodeState } from '../state/runState';
import type { ToolCallRequest, ToolDecision, ToolResult } from '../tools/toolHost';
import type { RunContext } from './context';

export async function runToolCall(
  ctx: RunContext, node: NodeState, allowedTools: readonly string[], call: { name: string; args: JsonValue }, callIndex: number, signal: AbortSignal,
): Promise<ToolResult> {
  const nodeId = node.spec.id;
  const idempotencyKey = `${ctx.state.runId}:${nodeId}:${callIndex}`;
  const request: ToolCallRequest = {
    runId: ctx.state.runId, nodeId, name: call.name, args: call.args, callIndex, idempotencyKey,
    ...(node.spec.agent === undefined ? {} : { agent: node.spec.agent }),
  };
  ctx.emit({ type: 'node.tool_call', nodeId, callIndex, name: call.name, args: call.args, idempotencyKey });
  const recorded = ctx.state.effects.get(idempotencyKey);
  if (recorded?.result) {
    const r = recorded.result;
    ctx.emit({ type: 'node.tool_result', nodeId, callIndex, idempotencyKey, ok: r.ok, replayed: true, ...(r.value === undefined ? {} : { value: r.value }), ...(r.error === undefined ? {} : { error: r.error }) });
    return r.ok ? { ok: true, value: r.value ?? null } : { ok: false, error: r.error ?? 'failed' };
  }
  const decision = recorded?.decision !== undefined
    ? replayDecision(ctx, nodeId, callIndex, idempotencyKey, call.name, recorded.decision, recorded.rule ?? 'journal', recorded.ticketId)
    : await decide(ctx, request, allowedTools, signal);
  if (decision.action === 'deny') return finish(ctx, request, { ok: false, error: deniedText(call.name, decision.reason) }, false);
  let result: ToolResult;
  try {
    result = await (ctx.tools as NonNullable<RunContext['tools']>).execute(request, signal);
  } catch (error) {
    if (signal.aborted) throw new AbortedError();
    result = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return finish(ctx, request, result, false);
}

function finish(ctx: RunContext, request: ToolCallRequest, result: ToolResult, replayed: boolean): ToolResult {
  ctx.emit({
    type: 'node.tool_result', nodeId: request.nodeId, callIndex: request.callIndex, idempotencyKey: request.idempotencyKey, ok: result.ok, replayed,
    ...(result.ok ? { value: result.value } : { error: result.error }),
  });
  return result;
}

/** What the agent is told of a denied call: with the reason a human (or the timeout) gave, when there is one. */
function deniedText(tool: string, reason: string | undefined): string {
  return reason === undefined ? `tool call "${tool}" denied` : `tool call "${tool}" denied: ${reason}`;
}

interface Decided { action: 'allow' | 'deny'; reason?: string }

function ticketReason(ctx: RunContext, ticketId: string | undefined): string | undefined {
  return ticketId === undefined ? undefined : denialReason(ctx.state.tickets.get(ticketId)?.answer);
}

function replayDecision(ctx: RunContext, nodeId: string, callIndex: number, key: string, tool: string, action: 'allow' | 'deny', rule: string, ticketId: string | undefined): Decided {
  ctx.emit({ type: 'cortex.decision', nodeId, callIndex, idempotencyKey: key, tool, action, rule, by: 'journal', ...(ticketId === undefined ? {} : { ticketId }) });
  const reason = action === 'deny' ? ticketReason(ctx, ticketId) : undefined;
  return reason === undefined ? { action } : { action, reason };
}

async function decide(ctx: RunContext, request: ToolCallRequest, allowedTools: readonly string[], signal: AbortSignal): Promise<Decided> {
  const base = { nodeId: request.nodeId, callIndex: request.callIndex, idempotencyKey: request.idempotencyKey, tool: request.name };
  if (!allowedTools.includes(request.name)) {
    ctx.emit({ type: 'cortex.decision', ...base, action: 'deny', rule: 'kernel:undeclared-tool', by: 'kernel' });
    return { action: 'deny' };
  }
  if (!ctx.tools) {
    ctx.emit({ type: 'cortex.decision', ...base, action: 'deny', rule: 'kernel:no-tool-host', by: 'kernel' });
    return { action: 'deny' };
  }
  const decision: ToolDecision = await ctx.tools.decide(request);
  if (decision.action !== 'ask') {
    ctx.emit({ type: 'cortex.decision', ...base, action: decision.action, rule: decision.rule, by: 'policy' });
    return { action: decision.action };
  }
  const existing = existingTicket(ctx, request);
  const granted = existing === undefined ? grantingTicket(ctx.state, decision.rule) : undefined;
  if (granted !== undefined) {
    ctx.emit({ type: 'cortex.decision', ...base, action: 'allow', rule: decision.rule, by: 'grant', ticketId: granted });
    return { action: 'allow' };
  }
  const ticketId = existing ?? openToolTicket(ctx, request, decision);
  if (ctx.state.tickets.get(ticketId)?.open) ctx.emit({ type: 'node.waiting', nodeId: request.nodeId, why: 'ticket', detail: ticketId });
  const answer = await ctx.waitForTicket(ticketId, signal);
  const action = answer.choice === 'deny' ? 'deny' : 'allow';
  const answeredBy = ctx.state.tickets.get(ticketId)?.answeredBy;
  const by = answeredBy === 'grant' || answeredBy === 'timeout' ? answeredBy : 'human';
  ctx.emit({ type: 'cortex.decision', ...base, action, rule: decision.rule, by, ticketId });
  const reason = action === 'deny' ? denialReason(answer) : undefined;
  return reason === undefined ? { action } : { action, reason };
}

/**
 * The ticket of the same effect (a node re-run after a crash: still open, or answered while the node was
 * not yet waiting): reused instead of asking twice, and its own answer wins over a grant.
 */
function existingTicket(ctx: RunContext, request: ToolCallRequest): string | undefined {
  for (const ticket of ctx.state.tickets.values()) {
    const detail = ticket.detail as { idempotencyKey?: unknown } | undefined;
    if (ticket.kind === 'tool' && detail?.idempotencyKey === request.idempotencyKey) return ticket.ticketId;
  }
  return undefined;
}

function openToolTicket(ctx: RunContext, request: ToolCallRequest, decision: ToolDecision): string {
  return ctx.openTicket({
    kind: 'tool', nodeId: request.nodeId, options: [...TICKET_CHOICES.tool],
    message: decision.message ?? `Allow ${request.name} for ${request.nodeId}? (${decision.rule})`,
    detail: { idempotencyKey: request.idempotencyKey, tool: request.name, args: request.args, rule: decision.rule, ...(decision.detail === undefined ? {} : { preview: decision.detail }) },
  });
}
