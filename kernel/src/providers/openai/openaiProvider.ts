/**
 * Any OpenAI-compatible endpoint (OpenAI, Ollama, LM Studio, vLLM...) through the official `openai` SDK:
 * one streamed `chat.completions.create` per model turn, with usage (`stream_options.include_usage`), the
 * SDK's retries off (the kernel retries, honouring Retry-After), the request's AbortSignal and a request
 * timeout. A server that sends no usage gets an estimate flagged `estimated`; a stream that ends without a
 * finish reason is a retryable failure, not a silently short answer.
 */
import type OpenAI from 'openai';
import { AbortedError, ProviderError } from '../../errors';
import { truncatedStream, type FailureContext } from '../common/httpFailure';
import { stringOption } from '../common/modelOptions';
import { parseArguments } from '../common/jsonValue';
import { estimatedUsage } from '../common/usageEstimate';
import type { JsonValue } from '../../../../language/src/ir';
import type { Provider, ProviderChunk, ProviderRequest } from '../provider';
import { chatCompletionBody } from './openaiRequest';
import { readCompletionStream } from './completionStream';
import { translateOpenAiError } from './openaiErrors';
import { loadOpenAi } from './openaiSdk';
import { ToolNames } from './toolNames';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_OPENAI_MODEL = 'gpt-4.1-mini';
/** Time to wait for the response headers of one request (the stream itself may take longer). */
export const DEFAULT_OPENAI_TIMEOUT_MS = 120_000;

export interface OpenAiProviderOptions {
  /** Bearer key; optional for local servers (Ollama, LM Studio) that need none. */
  apiKey?: string;
  /** Base URL ending in the API version (`http://localhost:11434/v1`); a binding's `base_url` option wins. */
  baseUrl?: string;
  /** Request timeout in ms (until the response starts); default DEFAULT_OPENAI_TIMEOUT_MS. */
  timeoutMs?: number;
}

export class OpenAiProvider implements Provider {
  readonly id = 'openai';
  /** One SDK client per base URL (a blueprint may bind several local servers). */
  private readonly clients = new Map<string, OpenAI>();

  constructor(private readonly options: OpenAiProviderOptions = {}) {}

  /** The base URL a request goes to: the binding's `base_url`, else the provider's, else OpenAI's. */
  baseUrlFor(request: Pick<ProviderRequest, 'model'>): string {
    const base = stringOption(request.model, 'base_url') ?? this.options.baseUrl ?? DEFAULT_OPENAI_BASE_URL;
    return base.replace(/\/+$/, '');
  }

  /** The chat-completions endpoint of a request (named in messages and docs). */
  endpointFor(request: Pick<ProviderRequest, 'model'>): string {
    return `${this.baseUrlFor(request)}/chat/completions`;
  }

  async *stream(request: ProviderRequest): AsyncIterable<ProviderChunk> {
    if (request.signal.aborted) throw new AbortedError();
    const model = request.model?.model || DEFAULT_OPENAI_MODEL;
    const context: FailureContext = { provider: 'OpenAI-compatible endpoint', keyVariable: 'OPENAI_API_KEY', model };
    const names = new ToolNames(request.tools);
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_OPENAI_TIMEOUT_MS;
    let text = '';
    const toolCalls: { name: string; args: JsonValue }[] = [];
    let usage: ProviderChunk | undefined;
    let finishReason: string | undefined;
    try {
      const client = await this.client(this.baseUrlFor(request), timeoutMs);
      const stream = await client.chat.completions.create(chatCompletionBody(request, model, names), { signal: request.signal });
      for await (const chunk of readCompletionStream(stream)) {
        if (request.signal.aborted) throw new AbortedError();
        if (chunk.type === 'text') {
          text += chunk.text;
          yield chunk;
        } else if (chunk.type === 'tool_call') {
          const call = { name: names.original(chunk.name), args: parseArguments(chunk.arguments) };
          toolCalls.push(call);
          yield { type: 'tool_call', ...call };
        } else if (chunk.type === 'usage') {
          usage = chunk;
        } else {
          finishReason = chunk.finishReason;
        }
      }
    } catch (error) {
      throw await translateOpenAiError(error, request.signal, context, timeoutMs);
    }
    // The SDK ends the stream quietly when its signal aborts.
    if (request.signal.aborted) throw new AbortedError();
    if (finishReason === undefined) throw truncatedStream(context);
    if (finishReason === 'content_filter') throw new ProviderError(`${context.provider} stopped the answer: blocked by its content filter`, undefined, false);
    yield usage ?? estimatedUsage(request, text, toolCalls);
  }

  private async client(baseURL: string, timeout: number): Promise<OpenAI> {
    const existing = this.clients.get(baseURL);
    if (existing) return existing;
    const sdk = await loadOpenAi();
    const apiKey = this.options.apiKey;
    const client = new sdk.OpenAI({
      baseURL, timeout, maxRetries: 0,
      // Local servers need no key: the SDK insists on one, so a placeholder is given and its header removed.
      apiKey: apiKey || 'no-key',
      ...(apiKey ? {} : { defaultHeaders: { Authorization: null } }),
      // Explicit, so that OPENAI_ORG_ID / OPENAI_PROJECT_ID in the environment add no headers to other servers.
      organization: null, project: null,
      // The SDK logs a chunk it cannot parse to the console; the kernel reports it as a ProviderError instead.
      logLevel: 'off',
    });
    this.clients.set(baseURL, client);
    return client;
  }
}
