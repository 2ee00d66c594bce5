/**
 * Gemini through the official `@google/genai` SDK: one streamed `generateContent` call per model turn.
 * The SDK's own retries stay off (the kernel retries with backoff and keeps the circuit breaker); failures
 * become ProviderErrors with `retryable` set from the HTTP status, and the request's AbortSignal is passed
 * to the SDK and checked between chunks.
 */
import type { GenerateContentResponse, GoogleGenAI } from '@google/genai';
import { AbortedError, KernelError, ProviderError } from '../../errors';
import type { JsonValue } from '../../../../language/src/ir';
import { httpFailure, networkFailure, timeoutFailure, truncatedStream, unreadableChunk, type FailureContext } from '../common/httpFailure';
import { toJsonValue } from '../common/jsonValue';
import { durationToMs } from '../common/retryAfter';
import { estimatedUsage } from '../common/usageEstimate';
import type { Provider, ProviderChunk, ProviderRequest } from '../provider';
import { toGeminiConfig, toGeminiContents } from './geminiRequest';
import { ThoughtSignatures } from './thoughtSignatures';
import { loadGenAi } from './genaiSdk';
import { DEFAULT_GEMINI_MODEL } from './geminiModel';


export interface GeminiProviderOptions {
  apiKey: string;
  /** Endpoint override (a local fake server in tests, a proxy); default: Google's public endpoint. */
  baseUrl?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Request timeout in ms. The SDK arms it for the whole streamed response (not only until it starts), so
   * the default is generous; a node's own `timeout` is the tighter bound.
   */
  timeoutMs?: number;
}

export const DEFAULT_GEMINI_TIMEOUT_MS = 600_000;

/** Finish reasons that mean Gemini refused or cut the answer for its content: asking again gives the same. */
const BLOCKED_FINISH = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']);

/** What one turn's responses told so far. */
interface TurnState {
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens?: number } | undefined;
  finishReason: string | undefined;
  text: string;
  toolCalls: { name: string; args: JsonValue }[];
}

export class GeminiProvider implements Provider {
  readonly id = 'gemini';
  private client: GoogleGenAI | undefined;
  private readonly signatures = new ThoughtSignatures();

  constructor(private readonly options: GeminiProviderOptions) {}

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_GEMINI_TIMEOUT_MS;
  }

  private async sdkClient(): Promise<GoogleGenAI> {
    if (!this.client) {
      const genai = await loadGenAi();
      const httpOptions: { baseUrl?: string; headers?: Record<string, string>; timeout: number } = { timeout: this.timeoutMs };
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
    const turn: TurnState = { usage: undefined, finishReason: undefined, text: '', toolCalls: [] };
    try {
      const client = await this.sdkClient();
      const responses = await client.models.generateContentStream({
        model, contents: toGeminiContents(request, this.signatures), config: toGeminiConfig(request),
      });
      for await (const response of responses) {
        if (request.signal.aborted) throw new AbortedError();
        yield* this.chunksOf(request, response, turn);
      }
    } catch (error) {
      throw await translateError(error, request.signal, context, this.timeoutMs);
    }
    if (request.signal.aborted) throw new AbortedError();
    if (turn.finishReason === undefined) throw truncatedStream(context);
    if (BLOCKED_FINISH.has(turn.finishReason)) throw new ProviderError(`Gemini stopped the answer (${turn.finishReason}): blocked by its safety filters`, undefined, false);
    yield turn.usage === undefined ? estimatedUsage(request, turn.text, turn.toolCalls) : { type: 'usage', ...turn.usage };
  }

  /**
   * Tokens of `text` for `model` by Gemini's own tokenizer (`models.countTokens`, free of charge), for the
   * estimate before a run. Failures become ProviderErrors like a turn's.
   */
  async countTokens(model: string, text: string, signal?: AbortSignal): Promise<number> {
    const context: FailureContext = { provider: 'Gemini', keyVariable: 'GEMINI_API_KEY', model };
    const abort = signal ?? new AbortController().signal;
    try {
      const client = await this.sdkClient();
      const response = await client.models.countTokens({ model, contents: [{ role: 'user', parts: [{ text }] }], config: { abortSignal: abort } });
      if (typeof response.totalTokens !== 'number') throw new ProviderError('Gemini countTokens answered without totalTokens', undefined, true);
      return response.totalTokens;
    } catch (error) {
      throw await translateError(error, abort, context, this.timeoutMs);
    }
  }

  /** Text and function calls of one streamed response; usage is cumulative, so the last one wins. */
  private *chunksOf(request: ProviderRequest, response: GenerateContentResponse, turn: TurnState): Generator<ProviderChunk> {
    const blocked = response.promptFeedback?.blockReason;
    if (blocked !== undefined) throw new ProviderError(`Gemini blocked the prompt (${blocked})`, undefined, false);
    const candidate = response.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.thought === true) continue;
      if (part.text !== undefined && part.text !== '') {
        turn.text += part.text;
        yield { type: 'text', text: part.text };
      }
      const call = part.functionCall;
      if (call?.name !== undefined) {
        const args = toJsonValue(call.args ?? {});
        if (part.thoughtSignature !== undefined) this.signatures.remember(request, call.name, args, part.thoughtSignature);
        turn.toolCalls.push({ name: call.name, args });
        yield { type: 'tool_call', name: call.name, args };
      }
    }
    if (candidate?.finishReason !== undefined) turn.finishReason = candidate.finishReason;
    const metadata = response.usageMetadata;
    if (metadata !== undefined) {
      // Thinking tokens are billed as output.
      turn.usage = {
        inputTokens: metadata.promptTokenCount ?? turn.usage?.inputTokens ?? 0,
        outputTokens: (metadata.candidatesTokenCount ?? 0) + (metadata.thoughtsTokenCount ?? 0),
      };
      if (metadata.cachedContentTokenCount) turn.usage.cachedInputTokens = metadata.cachedContentTokenCount;
    }
  }
}

/** AbortedError when the signal fired, a classified ProviderError for HTTP, timeout and network failures. */
async function translateError(error: unknown, signal: AbortSignal, context: FailureContext, timeoutMs: number): Promise<Error> {
  if (signal.aborted) return new AbortedError();
  if (error instanceof KernelError) return error;
  const { ApiError } = await loadGenAi();
  if (error instanceof ApiError) return httpFailure(error.status, apiErrorDetail(error.message), context, retryDelayOf(error.message));
  // The SDK's own timer aborted the fetch (the caller's signal did not).
  if (error instanceof Error && error.name === 'AbortError') return timeoutFailure(timeoutMs, context);
  // JSON.parse of a stream event inside the SDK.
  if (error instanceof SyntaxError) return unreadableChunk(error, context);
  return networkFailure(error, context);
}

/** The SDK puts the JSON error body in the message; keep Google's own sentence when there is one. */
function apiErrorDetail(message: string): string {
  const detail = errorBody(message);
  return typeof detail?.message === 'string' ? detail.message : message;
}

/** Google's 429 carries a `google.rpc.RetryInfo` detail with `retryDelay` ("30s"): its Retry-After. */
function retryDelayOf(message: string): number | undefined {
  const details = errorBody(message)?.details;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details as unknown[]) {
    if (typeof detail !== 'object' || detail === null || !('retryDelay' in detail)) continue;
    if (typeof detail.retryDelay === 'string') return durationToMs(detail.retryDelay);
  }
  return undefined;
}

function errorBody(message: string): { message?: unknown; details?: unknown } | undefined {
  // The message is `got status: 429 ... {json}` or the JSON body itself.
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  try {
    const body: unknown = JSON.parse(message.slice(start));
    const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
    return typeof error === 'object' && error !== null ? error : undefined;
  } catch {
    // Not JSON: there is no structured detail, the caller keeps the raw message.
    return undefined;
  }
}
