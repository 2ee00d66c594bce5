/**
 * Record once, replay forever: wraps the providers of a real run and writes down every provider call, per
 * node and in call order, as a puppet script (docs/puppet.md). Replayed with the puppet provider, the
 * script gives the run the same answers in the same chunks, the same tool calls, delegations (hence the
 * same splices), failures and usage, offline and at zero cost.
 *
 * Why at the provider and not from the journal: events keep what the kernel did, not what each turn said —
 * a one-chunk answer has no token event, the text of a turn that ended in tool calls is not journaled, and
 * usage is summed per attempt. The provider boundary sees all of it.
 */
import type { JsonValue } from '../../../language/src/ir';
import { ProviderError } from '../errors';
import type { Provider, ProviderChunk, ProviderRequest, ProviderResolver } from '../providers/provider';
import type { PuppetResponse, PuppetScript } from '../providers/puppet/script';

/**
 * A call that never finished (cancelled, or cut by the node's timeout) is replayed as an answer that does
 * not come for a day, so that the replay's timeout or cancel ends it the same way.
 */
export const NEVER_MS = 86_400_000;

export class PuppetRecorder {
  private readonly responses = new Map<string, PuppetResponse[]>();

  /** The resolver to give the kernel instead of `inner`: same providers, each call recorded. */
  wrap(inner: ProviderResolver): ProviderResolver {
    const wrapped = new Map<Provider, Provider>();
    return {
      resolve: (model, agent) => {
        const provider = inner.resolve(model, agent);
        let recording = wrapped.get(provider);
        if (recording === undefined) {
          recording = new RecordingProvider(provider, this);
          wrapped.set(provider, recording);
        }
        return recording;
      },
    };
  }

  /**
   * Reserves the next response of a node when its call starts, so that responses stay in call order
   * (a node's calls are sequential; different nodes have different keys).
   */
  open(nodeId: string): PuppetResponse {
    const response: PuppetResponse = {};
    const list = this.responses.get(nodeId) ?? [];
    list.push(response);
    this.responses.set(nodeId, list);
    return response;
  }

  /** The script so far. `onExhausted: error`: a replay that asks for more calls than were recorded fails loudly. */
  script(): PuppetScript {
    return { version: 1, onExhausted: 'error', responses: Object.fromEntries([...this.responses].map(([id, list]) => [id, list.map(tidy)])) };
  }

  toJson(): string {
    return `${JSON.stringify(this.script(), null, 2)}\n`;
  }
}

/** Puts a recorded response in the puppet's compact form: one chunk as `text`, none as no field. */
function tidy(response: PuppetResponse): PuppetResponse {
  const result: PuppetResponse = { ...response };
  if (Array.isArray(result.chunks) && result.chunks.length <= 1) {
    const [only] = result.chunks;
    delete result.chunks;
    if (only !== undefined) result.text = only;
  }
  return result;
}

class RecordingProvider implements Provider {
  readonly id: string;

  constructor(private readonly inner: Provider, private readonly recorder: PuppetRecorder) {
    this.id = inner.id;
  }

  /**
   * The response is written as the call goes: a call still in flight when the script is taken (or left
   * by a cancel or a timeout) stays marked as never answering.
   */
  async *stream(request: ProviderRequest): AsyncIterable<ProviderChunk> {
    const response = this.recorder.open(request.nodeId);
    response.delayMs = NEVER_MS;
    const chunks: string[] = [];
    const calls: { name: string; args: JsonValue }[] = [];
    try {
      for await (const chunk of this.inner.stream(request)) {
        record(response, chunk, chunks, calls);
        yield chunk;
      }
      delete response.delayMs;
    } catch (error) {
      if (!request.signal.aborted) {
        response.error = errorOf(error);
        delete response.delayMs;
      }
      throw error;
    }
  }
}

function record(response: PuppetResponse, chunk: ProviderChunk, chunks: string[], calls: { name: string; args: JsonValue }[]): void {
  if (chunk.type === 'text') {
    chunks.push(chunk.text);
    response.chunks = chunks;
  } else if (chunk.type === 'tool_call') {
    calls.push({ name: chunk.name, args: chunk.args });
    response.toolCalls = calls;
  } else {
    const usage = response.usage ?? { inputTokens: 0, outputTokens: 0 };
    usage.inputTokens += chunk.inputTokens;
    usage.outputTokens += chunk.outputTokens;
    if (chunk.estimated === true) usage.estimated = true;
    response.usage = usage;
  }
}

/** The provider's error as the puppet will throw it again: same message, status, retryability, Retry-After. */
function errorOf(error: unknown): NonNullable<PuppetResponse['error']> {
  if (error instanceof ProviderError) {
    const recorded: NonNullable<PuppetResponse['error']> = { message: error.message, retryable: error.retryable, verbatim: true };
    if (error.status !== undefined) recorded.status = error.status;
    if (error.retryAfterMs !== undefined) recorded.retryAfterMs = error.retryAfterMs;
    return recorded;
  }
  return { message: error instanceof Error ? error.message : String(error), retryable: false, verbatim: true };
}
