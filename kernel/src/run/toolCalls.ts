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

/**
 * A call whose decision is known (or whose result the journal already holds), or one parked on a ticket.
 * A turn prepares all its calls before completing any, so every ticket of the turn is open at once: the
 * user reviews several writes of one node together instead of one after another.
 */
export type PreparedCall =
  | { kind: 'replayed'; result: ToolResult }
  | { kind: 'decided'; request: ToolCallRequest; decided: Decided }
  | { kind: 'parked'; request: ToolCallRequest; rule: string; ticketId: string };

export async function prepareToolCall(
  ctx: RunContext, node: NodeState, allowedTools: readonly string[], call: { name: string; args: JsonValue }, callIndex: number,
): Promise<PreparedCall> {
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
    return { kind: 'replayed', result: r.ok ? { ok: true, value: r.value ?? null } : { ok: false, error: r.error ?? 'failed' } };
  }
  if (recorded?.decision !== undefined) {
    return { kind: 'decided', request, decided: replayDecision(ctx, nodeId, callIndex, idempotencyKey, call.name, recorded.decision, recorded.rule ?? 'journal', recorded.ticketId) };
  }
  return decide(ctx, request, allowedTools);
}

/** Waits for a parked call's answer, then executes an allowed call; the result the agent is given. */
export async function completeToolCall(ctx: RunContext, prepared: PreparedCall, signal: AbortSignal): Promise<ToolResult> {
  if (prepared.kind === 'replayed') return prepared.result;
  const { request } = prepared;
  const decision = prepared.kind === 'decided' ? prepared.decided : await awaitAnswer(ctx, prepared, signal);
  if (decision.action === 'deny') return finish(ctx, request, { ok: false, error: deniedText(request.name, decision.reason) }, false);
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

function decisionBase(request: ToolCallRequest): { nodeId: string; callIndex: number; idempotencyKey: string; tool: string } {
  return { nodeId: request.nodeId, callIndex: request.callIndex, idempotencyKey: request.idempotencyKey, tool: request.name };
}

/** The tool host's judgement; an `ask` opens (or reuses) the call's ticket and parks the call on it. */
async function decide(ctx: RunContext, request: ToolCallRequest, allowedTools: readonly string[]): Promise<PreparedCall> {
  const base = decisionBase(request);
  const decided = (action: 'allow' | 'deny', rule: string, by: 'kernel' | 'policy' | 'grant', ticketId?: string): PreparedCall => {
    ctx.emit({ type: 'cortex.decision', ...base, action, rule, by, ...(ticketId === undefined ? {} : { ticketId }) });
    return { kind: 'decided', request, decided: { action } };
  };
  if (!allowedTools.includes(request.name)) return decided('deny', 'kernel:undeclared-tool', 'kernel');
  if (!ctx.tools) return decided('deny', 'kernel:no-tool-host', 'kernel');
  const decision: ToolDecision = await ctx.tools.decide(request);
  if (decision.action !== 'ask') return decided(decision.action, decision.rule, 'policy');
  const existing = existingTicket(ctx, request);
  const granted = existing === undefined ? grantingTicket(ctx.state, decision.rule) : undefined;
  if (granted !== undefined) return decided('allow', decision.rule, 'grant', granted);
  const ticketId = existing ?? openToolTicket(ctx, request, decision);
  if (ctx.state.tickets.get(ticketId)?.open) ctx.emit({ type: 'node.waiting', nodeId: request.nodeId, why: 'ticket', detail: ticketId });
  return { kind: 'parked', request, rule: decision.rule, ticketId };
}

async function awaitAnswer(ctx: RunContext, parked: Extract<PreparedCall, { kind: 'parked' }>, signal: AbortSignal): Promise<Decided> {
  const answer = await ctx.waitForTicket(parked.ticketId, signal);
  const action = answer.choice === 'deny' ? 'deny' : 'allow';
  const answeredBy = ctx.state.tickets.get(parked.ticketId)?.answeredBy;
  const by = answeredBy === 'grant' || answeredBy === 'timeout' ? answeredBy : 'human';
  ctx.emit({ type: 'cortex.decision', ...decisionBase(parked.request), action, rule: parked.rule, by, ticketId: parked.ticketId });
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
