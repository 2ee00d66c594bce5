/**
 * One provider turn: admission through the circuit breaker, streaming chunks into `node.token` events,
 * collecting tool calls and usage. The attempt around it is raced against its abort signal (abortRace.ts)
 * so that a provider that ignores the signal cannot hold a node forever.
 */
import type { JsonValue } from '../../../language/src/ir';
import { AbortedError, KernelError } from '../errors';
import type { Provider, ProviderRequest } from '../providers/provider';
import type { RunContext } from './context';

export interface TurnResult {
  text: string;
  toolCalls: { name: string; args: JsonValue }[];
  inputTokens: number;
  outputTokens: number;
}

export async function callProvider(ctx: RunContext, provider: Provider, request: ProviderRequest): Promise<TurnResult> {
  if (!ctx.circuits.isClosed(provider.id)) await ctx.circuits.admit(ctx, provider.id, request.nodeId, request.signal);
  try {
    // No race here: the attempt as a whole is raced against its signal (agentNode.ts), and `collect`
    // checks the signal between chunks.
    const result = await collect(ctx, provider, request);
    ctx.circuits.success(ctx, provider.id);
    return result;
  } catch (error) {
    if (!request.signal.aborted) ctx.circuits.failure(ctx, provider.id, error instanceof KernelError && error.retryable);
    throw error;
  }
}

/**
 * Collects a turn. `node.token` events are emitted only for a real stream: the first text chunk is held
 * until a second one arrives, so a one-chunk answer costs no token event (its text is in node.completed).
 */
async function collect(ctx: RunContext, provider: Provider, request: ProviderRequest): Promise<TurnResult> {
  const result: TurnResult = { text: '', toolCalls: [], inputTokens: 0, outputTokens: 0 };
  const stream = ctx.state.options.streamTokens;
  let held: string | undefined;
  let streaming = false;
  for await (const chunk of provider.stream(request)) {
    if (request.signal.aborted) throw new AbortedError();
    if (chunk.type === 'text') {
      result.text += chunk.text;
      if (!stream || chunk.text === '') continue;
      if (streaming) {
        emitToken(ctx, request.nodeId, chunk.text);
      } else if (held === undefined) {
        held = chunk.text;
      } else {
        emitToken(ctx, request.nodeId, held);
        emitToken(ctx, request.nodeId, chunk.text);
        streaming = true;
      }
    } else if (chunk.type === 'tool_call') {
      result.toolCalls.push({ name: chunk.name, args: chunk.args });
    } else {
      result.inputTokens += chunk.inputTokens;
      result.outputTokens += chunk.outputTokens;
    }
  }
  return result;
}

function emitToken(ctx: RunContext, nodeId: string, text: string): void {
  ctx.emit({ type: 'node.token', nodeId, text });
}
