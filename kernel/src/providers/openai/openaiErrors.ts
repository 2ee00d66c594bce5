/**
 * Maps what the `openai` SDK throws to kernel errors: HTTP failures by status (with the server's
 * Retry-After), a timeout, a refused or cut connection, an error event inside the stream, a chunk that is
 * not JSON. The SDK's own retries are off (`maxRetries: 0`): the kernel decides, with backoff and its
 * circuit breaker.
 */
import type { APIError } from 'openai';
import { AbortedError, KernelError, ProviderError } from '../../errors';
import { httpFailure, isRetryableStatus, networkFailure, timeoutFailure, unreadableChunk, type FailureContext } from '../common/httpFailure';
import { retryAfterFromHeaders } from '../common/retryAfter';
import { loadOpenAi } from './openaiSdk';

export async function translateOpenAiError(error: unknown, signal: AbortSignal, context: FailureContext, timeoutMs: number): Promise<Error> {
  if (signal.aborted) return new AbortedError();
  if (error instanceof KernelError) return error;
  const sdk = await loadOpenAi();
  // Subclasses first: both are APIErrors without a status.
  if (error instanceof sdk.APIUserAbortError) return new AbortedError();
  if (error instanceof sdk.APIConnectionTimeoutError) return timeoutFailure(timeoutMs, context);
  if (error instanceof sdk.APIConnectionError) return networkFailure(error.cause ?? error, context);
  if (isApiError(error, sdk.APIError)) return apiFailure(error, context);
  // JSON.parse inside the SDK's stream reader.
  if (error instanceof SyntaxError) return unreadableChunk(error, context);
  return networkFailure(error, context);
}

/** `instanceof` on the lazily loaded class widens its type parameters to `any`; this guard pins them back. */
function isApiError(error: unknown, apiErrorClass: typeof APIError): error is APIError {
  return error instanceof apiErrorClass;
}

function apiFailure(error: APIError, context: FailureContext): ProviderError {
  if (error.status !== undefined) return httpFailure(error.status, detailOf(error.error, error.message), context, retryAfterFromHeaders(error.headers));
  return streamError(error.error, context);
}

/** An `{"error": {...}}` event inside the stream: retryable unless it carries a status that says otherwise. */
function streamError(body: unknown, context: FailureContext): ProviderError {
  const code = fieldOf(body, 'code');
  const status = typeof code === 'number' ? code : undefined;
  const message = `${context.provider} failed mid-stream: ${detailOf(body, 'unknown error')}`;
  return new ProviderError(message, status, status === undefined ? true : isRetryableStatus(status));
}

/** OpenAI-style bodies carry `{ message }`; Ollama sends the error as a bare string. */
function detailOf(body: unknown, fallback: string): string {
  if (typeof body === 'string') return body;
  const message = fieldOf(body, 'message');
  return typeof message === 'string' ? message : fallback;
}

function fieldOf(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;
}
