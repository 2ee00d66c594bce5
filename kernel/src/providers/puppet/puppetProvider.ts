/**
 * The puppet provider: deterministic scripted responses, offline and free. Responses are looked up by node
 * id, then agent name, then `*`, and consumed in order per key; call counts are observable.
 */
import { systemClock, type Clock } from '../../clock';
import { AbortedError, KernelError, ProviderError } from '../../errors';
import type { Provider, ProviderChunk, ProviderRequest } from '../provider';
import { parsePuppetScript, type PuppetResponse, type PuppetScript } from './script';

export interface PuppetCall {
  nodeId: string;
  agent?: string;
  /** The script key that answered (`researcher/sub1`, `researcher`, `*`). */
  key: string;
  /** Index of the response used in that key's list. */
  index: number;
  attempt: number;
}

export class PuppetProvider implements Provider {
  readonly id = 'puppet';
  readonly script: PuppetScript;
  private readonly consumed = new Map<string, number>();
  private readonly callsByNode = new Map<string, number>();
  /** Every call in order (tests assert on it). */
  readonly calls: PuppetCall[] = [];

  constructor(script: unknown, private readonly clock: Clock = systemClock) {
    this.script = parsePuppetScript(script);
  }

  /** Provider calls made for a node (all attempts and turns). */
  callCount(nodeId: string): number {
    return this.callsByNode.get(nodeId) ?? 0;
  }

  get totalCalls(): number {
    return this.calls.length;
  }

  async *stream(request: ProviderRequest): AsyncIterable<ProviderChunk> {
    const { response, key, index } = this.next(request);
    this.calls.push({ nodeId: request.nodeId, ...(request.agent === undefined ? {} : { agent: request.agent }), key, index, attempt: request.attempt });
    this.callsByNode.set(request.nodeId, (this.callsByNode.get(request.nodeId) ?? 0) + 1);
    if (request.signal.aborted) throw new AbortedError();
    if (response.delayMs !== undefined && response.delayMs > 0) await this.clock.sleep(response.delayMs, request.signal);
    const text = textOf(response);
    for (const chunk of chunksOf(response, text)) {
      if (request.signal.aborted) throw new AbortedError();
      yield { type: 'text', text: chunk };
    }
    if (response.error) throw puppetError(response.error);
    for (const call of response.toolCalls ?? []) yield { type: 'tool_call', name: call.name, args: call.args };
    yield { type: 'usage', ...(response.usage ?? estimateUsage(request, text)) };
  }

  private next(request: ProviderRequest): { response: PuppetResponse; key: string; index: number } {
    const key = [request.nodeId, request.agent, '*'].find((k) => k !== undefined && this.script.responses[k] !== undefined);
    if (key === undefined) {
      throw new ProviderError(`puppet: no response for node "${request.nodeId}" (agent ${request.agent ?? '-'}) and no "*" entry`, undefined, false);
    }
    const list = this.script.responses[key];
    const used = this.consumed.get(key) ?? 0;
    this.consumed.set(key, used + 1);
    if (used < list.length) return { response: list[used], key, index: used };
    if (this.script.onExhausted === 'error') {
      throw new KernelError('PUPPET_SCRIPT', `puppet: responses for "${key}" exhausted after ${list.length} call(s)`);
    }
    return { response: list[list.length - 1], key, index: list.length - 1 };
  }
}

function puppetError(error: NonNullable<PuppetResponse['error']>): ProviderError {
  const message = error.verbatim === true ? error.message : `puppet: ${error.message}`;
  const details = error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs };
  return new ProviderError(message, error.status, error.retryable, 'PROVIDER_ERROR', details);
}

function textOf(response: PuppetResponse): string {
  if (Array.isArray(response.chunks)) return response.chunks.join('');
  return response.text ?? '';
}

function chunksOf(response: PuppetResponse, text: string): string[] {
  if (Array.isArray(response.chunks)) return response.chunks;
  if (text === '') return [];
  const count = Math.min(response.chunks ?? 1, text.length);
  if (count <= 1) return [text];
  const size = Math.ceil(text.length / count);
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

/** Deterministic estimate (about 4 characters per token) when the script gives no usage. */
function estimateUsage(request: ProviderRequest, text: string): { inputTokens: number; outputTokens: number } {
  let inputChars = request.system?.length ?? 0;
  for (const m of request.messages) inputChars += m.role === 'tool' ? JSON.stringify(m.result).length : m.text.length;
  return { inputTokens: Math.ceil(inputChars / 4), outputTokens: Math.ceil(text.length / 4) };
}
