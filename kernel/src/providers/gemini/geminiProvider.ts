/**
 * Gemini through the official `@google/genai` SDK: one streamed `generateContent` call per model turn.
 * The SDK's own retries stay off (the kernel retries with backoff and keeps the circuit breaker); failures
 * become ProviderErrors with `retryable` set from the HTTP status, and the request's AbortSignal is passed
 * to the SDK and checked between chunks.
 */
import type { GenerateContentResponse, GoogleGenAI } from '@google/genai';
import { AbortedError, KernelError, ProviderError } from '../../errors';
import { httpFailure, networkFailure, type FailureContext } from '../common/httpFailure';
import { toJsonValue } from '../common/jsonValue';
import type { Provider, ProviderChunk, ProviderRequest } from '../provider';
import { toGeminiConfig, toGeminiContents } from './geminiRequest';
import { ThoughtSignatures } from './thoughtSignatures';
import { loadGenAi } from './genaiSdk';

export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';

export interface GeminiProviderOptions {
  apiKey: string;
  /** Endpoint override (a local fake server in tests, a proxy); default: Google's public endpoint. */
  baseUrl?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

interface TurnUsage { inputTokens: number; outputTokens: number }

export class GeminiProvider implements Provider {
  readonly id = 'gemini';
  private client: GoogleGenAI | undefined;
  private readonly signatures = new ThoughtSignatures();

  constructor(private readonly options: GeminiProviderOptions) {}

  private async sdkClient(): Promise<GoogleGenAI> {
    if (!this.client) {
      const genai = await loadGenAi();
      const httpOptions: { baseUrl?: string; headers?: Record<string, string> } = {};
      if (this.options.baseUrl !== undefined) httpOptions.baseUrl = this.options.baseUrl;
      if (this.options.headers !== undefined) httpOptions.headers = this.options.headers;
      // `vertexai: false` so that GOOGLE_GENAI_USE_VERTEXAI in the environment cannot reroute the calls.
      this.client ??= new genai.GoogleGenAI({ apiKey: this.options.apiKey, vertexai: false, httpOptions });
    }
    return this.client;
  }

  async *stream(request: ProviderRequest): AsyncIterable<ProviderChunk> {
    if (request.signal.aborted) throw new AbortedError();
    const model = request.model?.model || DEFAULT_GEMINI_MODEL;
    const context: FailureContext = { provider: 'Gemini', keyVariable: 'GEMINI_API_KEY', model };
    const usage: TurnUsage = { inputTokens: 0, outputTokens: 0 };
    try {
      const client = await this.sdkClient();
      const responses = await client.models.generateContentStream({
        model, contents: toGeminiContents(request, this.signatures), config: toGeminiConfig(request),
      });
      for await (const response of responses) {
        if (request.signal.aborted) throw new AbortedError();
        yield* this.chunksOf(request, response, usage);
      }
    } catch (error) {
      throw await translateError(error, request.signal, context);
    }
    if (request.signal.aborted) throw new AbortedError();
    yield { type: 'usage', inputTokens: usage.inputTokens, outputTokens: usage.outputTokens };
  }

  /** Text and function calls of one streamed response; usage is cumulative, so the last one wins. */
  private *chunksOf(request: ProviderRequest, response: GenerateContentResponse, usage: TurnUsage): Generator<ProviderChunk> {
    const blocked = response.promptFeedback?.blockReason;
    if (blocked !== undefined) throw new ProviderError(`Gemini blocked the prompt (${blocked})`, undefined, false);
    for (const part of response.candidates?.[0]?.content?.parts ?? []) {
      if (part.thought === true) continue;
      if (part.text !== undefined && part.text !== '') yield { type: 'text', text: part.text };
      const call = part.functionCall;
      if (call?.name !== undefined) {
        const args = toJsonValue(call.args ?? {});
        if (part.thoughtSignature !== undefined) this.signatures.remember(request, call.name, args, part.thoughtSignature);
        yield { type: 'tool_call', name: call.name, args };
      }
    }
    const metadata = response.usageMetadata;
    if (metadata !== undefined) {
      usage.inputTokens = metadata.promptTokenCount ?? usage.inputTokens;
      // Thinking tokens are billed as output.
      usage.outputTokens = (metadata.candidatesTokenCount ?? 0) + (metadata.thoughtsTokenCount ?? 0);
    }
  }
}

/** AbortedError when the signal fired, a classified ProviderError for HTTP and network failures. */
async function translateError(error: unknown, signal: AbortSignal, context: FailureContext): Promise<Error> {
  if (signal.aborted) return new AbortedError();
  if (error instanceof KernelError) return error;
  const { ApiError } = await loadGenAi();
  if (error instanceof ApiError) return httpFailure(error.status, apiErrorDetail(error.message), context);
  return networkFailure(error, context);
}

/** The SDK puts the JSON error body in the message; keep Google's own sentence when there is one. */
function apiErrorDetail(message: string): string {
  try {
    const body: unknown = JSON.parse(message);
    const detail = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
    if (typeof detail === 'object' && detail !== null && 'message' in detail && typeof detail.message === 'string') return detail.message;
  } catch {
    // not JSON: the message is the detail
  }
  return message;
}
