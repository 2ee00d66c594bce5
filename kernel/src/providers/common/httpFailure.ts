/**
 * One classification of provider failures for every HTTP provider: which statuses the kernel should retry
 * (rate limits and server trouble) and a message that tells the user what to do for the ones it should not.
 */
import { ProviderError } from '../../errors';

/** 408, 429 and 5xx are transient; everything else (400, 401, 403, 404, ...) fails the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export interface FailureContext {
  /** Human name of the provider (`Gemini`, `OpenAI-compatible endpoint`). */
  provider: string;
  /** Environment variable holding the key, named in 401/403 messages. */
  keyVariable: string;
  /** Model id, named in 404 messages. */
  model: string;
}

/**
 * A ProviderError for an HTTP failure, with advice for the statuses a user can fix; `retryAfterMs` is the
 * server's Retry-After, kept only on a retryable failure (the kernel waits for it, capped).
 */
export function httpFailure(status: number, detail: string, context: FailureContext, retryAfterMs?: number): ProviderError {
  const short = detail.length > 500 ? `${detail.slice(0, 500)}...` : detail;
  const retryable = isRetryableStatus(status);
  const details = retryable && retryAfterMs !== undefined ? { retryAfterMs } : {};
  return new ProviderError(`${headline(status, detail, context)}${short ? ` — ${short}` : ''}`, status, retryable, 'PROVIDER_ERROR', details);
}

/** The request got no answer in time (the provider's request timeout): retryable, the server may be busy. */
export function timeoutFailure(timeoutMs: number, context: FailureContext): ProviderError {
  return new ProviderError(`${context.provider} did not answer within ${timeoutMs} ms (its request timeout; raise it with --request-timeout or RARO_REQUEST_TIMEOUT_MS); retried with backoff`, undefined, true);
}

/**
 * The stream ended before the model said it had finished (a cut connection, a proxy that gave up):
 * retryable, since the answer is incomplete and the next attempt may get all of it.
 */
export function truncatedStream(context: FailureContext): ProviderError {
  return new ProviderError(`${context.provider} stream ended before the answer was complete (no finish reason); retried`, undefined, true);
}

/** A stream event that is not JSON: retryable, a garbled chunk is usually a transport problem. */
export function unreadableChunk(error: Error, context: FailureContext): ProviderError {
  return new ProviderError(`${context.provider} sent an unreadable stream event: ${error.message}`, undefined, true);
}

function headline(status: number, detail: string, context: FailureContext): string {
  // Gemini answers a malformed key with 400 API_KEY_INVALID, not 401.
  const keyProblem = status === 401 || status === 403 || (status === 400 && /api[_ ]key/i.test(detail));
  if (keyProblem) return `${context.provider} API key rejected (${status}): set ${context.keyVariable} to a valid key`;
  if (status === 404) return `${context.provider} model '${context.model}' or endpoint not found (404): check the model id and base URL`;
  if (status === 429) return `${context.provider} rate limit or quota exceeded (429); retried with backoff`;
  if (status >= 500) return `${context.provider} server error (${status}); retried with backoff`;
  return `${context.provider} rejected the request (${status})`;
}

/** A network failure (connection refused, reset, DNS): retryable, the server may come back. */
export function networkFailure(error: unknown, context: FailureContext): ProviderError {
  const cause = error instanceof Error ? describeCause(error) : String(error);
  return new ProviderError(`${context.provider} connection failed: ${cause}`, undefined, true);
}

function describeCause(error: Error): string {
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) return `${error.message} (${cause.message})`;
  return error.message;
}
