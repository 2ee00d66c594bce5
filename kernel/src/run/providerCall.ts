/**
 * One provider turn: admission through the circuit breaker, streaming chunks into `node.token` events,
 * collecting tool calls and usage. The provider gets the attempt's signal, and the loop checks it between
 * chunks; a timed attempt is also raced against its signal (abortRace.ts), so that a provider that ignores
 * the signal cannot hold a node past its timeout.
 */
import type { JsonValue } from '../../../language/src/ir';
import { AbortedError, KernelError } from '../errors';
import type { Usage } from '../events';
import type { Provider, ProviderRequest } from '../providers/provider';
import type { RunContext } from './context';
import { turnCost } from './prices';

export interface TurnResult {
  text: string;
  toolCalls: { name: string; args: JsonValue }[];
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** A usage chunk of the turn was estimated (the server sent none). */
  estimated: boolean;
}

/**
 * One turn, in one async function (no inner async call: this runs for every node). No race here: the loop
 * checks the signal between chunks, and a timed attempt as a whole is raced against it (agentNode.ts). A
 * turn that succeeds adds its tokens and cost to `usage` (the attempt's running total).
 */
export async function callProvider(ctx: RunContext, provider: Provider, request: ProviderRequest, usage: Usage): Promise<TurnResult> {
  if (!ctx.circuits.isClosed(provider.id)) await ctx.circuits.admit(ctx, provider.id, request.nodeId, request.signal);
  const result: TurnResult = { text: '', toolCalls: [], inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, estimated: false };
  const tokens = new TokenEvents(ctx, request.nodeId, ctx.state.options.streamTokens);
  try {
    for await (const chunk of provider.stream(request)) {
      if (request.signal.aborted) throw new AbortedError();
      if (chunk.type === 'text') {
        result.text += chunk.text;
        tokens.push(chunk.text);
      } else if (chunk.type === 'tool_call') {
        result.toolCalls.push({ name: chunk.name, args: chunk.args });
      } else {
        result.inputTokens += chunk.inputTokens;
        result.outputTokens += chunk.outputTokens;
        result.cachedInputTokens += chunk.cachedInputTokens ?? 0;
        if (chunk.estimated === true) result.estimated = true;
      }
    }
  } catch (error) {
    if (!request.signal.aborted) ctx.circuits.failure(ctx, provider.id, error instanceof KernelError && error.retryable);
    throw error;
  }
  ctx.circuits.success(ctx, provider.id);
  usage.inputTokens += result.inputTokens;
  usage.outputTokens += result.outputTokens;
  const cost = turnCost(ctx.prices, provider.id, request.model, result);
  usage.costUsd += cost.usd;
  if (!cost.known) usage.costUnknown = true;
  if (result.estimated) usage.estimated = true;
  return result;
}

/**
 * The `node.token` events of one turn, only for a real stream: the first text chunk is held until a second
 * one arrives, so a one-chunk answer costs no token event (its text is in node.completed).
 */
class TokenEvents {
  private held: string | undefined;
  private streaming = false;

  constructor(private readonly ctx: RunContext, private readonly nodeId: string, private readonly enabled: boolean) {}

  push(text: string): void {
    if (!this.enabled || text === '') return;
    if (this.streaming) {
      emitToken(this.ctx, this.nodeId, text);
    } else if (this.held === undefined) {
      this.held = text;
    } else {
      emitToken(this.ctx, this.nodeId, this.held);
      emitToken(this.ctx, this.nodeId, text);
      this.streaming = true;
    }
  }
}

function emitToken(ctx: RunContext, nodeId: string, text: string): void {
  ctx.emit({ type: 'node.token', nodeId, text });
}
