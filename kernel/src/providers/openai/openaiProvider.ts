/**
 * Any OpenAI-compatible endpoint (OpenAI, Ollama, LM Studio, vLLM...) through plain `fetch`: one streamed
 * `POST <base>/chat/completions` per model turn, read as server-sent events. Failures become ProviderErrors
 * with `retryable` from the HTTP status; the request's AbortSignal cancels the fetch and the body read.
 */
import { AbortedError, KernelError, ProviderError } from '../../errors';
import { httpFailure, networkFailure, type FailureContext } from '../common/httpFailure';
import { stringOption } from '../common/modelOptions';
import { parseArguments } from '../common/jsonValue';
import type { Provider, ProviderChunk, ProviderRequest } from '../provider';
import { chatCompletionBody } from './openaiRequest';
import { readCompletionStream } from './completionStream';
import { ToolNames } from './toolNames';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_OPENAI_MODEL = 'gpt-4.1-mini';

export interface OpenAiProviderOptions {
  /** Bearer key; optional for local servers (Ollama, LM Studio) that need none. */
  apiKey?: string;
  /** Base URL ending in the API version (`http://localhost:11434/v1`); a binding's `base_url` option wins. */
  baseUrl?: string;
}

export class OpenAiProvider implements Provider {
  readonly id = 'openai';

  constructor(private readonly options: OpenAiProviderOptions = {}) {}

  /** The endpoint a request goes to: the binding's `base_url`, else the provider's, else OpenAI's. */
  endpointFor(request: Pick<ProviderRequest, 'model'>): string {
    const base = stringOption(request.model, 'base_url') ?? this.options.baseUrl ?? DEFAULT_OPENAI_BASE_URL;
    return `${base.replace(/\/+$/, '')}/chat/completions`;
  }

  async *stream(request: ProviderRequest): AsyncIterable<ProviderChunk> {
    if (request.signal.aborted) throw new AbortedError();
    const model = request.model?.model || DEFAULT_OPENAI_MODEL;
    const context: FailureContext = { provider: 'OpenAI-compatible endpoint', keyVariable: 'OPENAI_API_KEY', model };
    const names = new ToolNames(request.tools);
    try {
      const response = await fetch(this.endpointFor(request), {
        method: 'POST',
        headers: this.headers(),
        body: JSON.stringify(chatCompletionBody(request, model, names)),
        signal: request.signal,
      });
      if (!response.ok) throw httpFailure(response.status, await errorDetail(response), context);
      if (response.body === null) throw new ProviderError(`${context.provider} sent an empty response`, response.status, true);
      for await (const chunk of readCompletionStream(response.body)) {
        if (request.signal.aborted) throw new AbortedError();
        if (chunk.type === 'tool_call') yield { type: 'tool_call', name: names.original(chunk.name), args: parseArguments(chunk.arguments) };
        else yield chunk;
      }
    } catch (error) {
      if (request.signal.aborted) throw new AbortedError();
      if (error instanceof KernelError) throw error;
      throw networkFailure(error, context);
    }
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    return headers;
  }
}

/** OpenAI-style error bodies are `{ "error": { "message": ... } }`; otherwise the raw text. */
async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body: unknown = JSON.parse(text);
    const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
    if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
    if (typeof error === 'string') return error;
  } catch {
    // not JSON
  }
  return text.trim();
}
