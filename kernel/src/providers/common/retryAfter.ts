/**
 * Retry-After: the server's own answer to "when may I try again". Providers read it from the response
 * (`retry-after-ms`, `retry-after` in seconds or as an HTTP date; Gemini's RetryInfo `retryDelay`), and the
 * kernel waits at least that long before the retry, but never longer than a cap: a server asking for an hour
 * must not hold a run silently (the node fails after its attempts instead, and the user sees why).
 */

/** Longest wait the kernel accepts from a server before one retry. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Milliseconds to wait from the headers of a failed response, or undefined when the server said nothing usable. */
export function retryAfterFromHeaders(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  const ms = Number(headers.get('retry-after-ms') ?? '');
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A protobuf Duration as Google's JSON writes it (`"30s"`, `"1.5s"`), in ms. */
export function durationToMs(duration: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/** The delay before a retry: the kernel's backoff, raised to the server's Retry-After (capped). */
export function retryDelayMs(backoffMs: number, retryAfterMs: number | undefined, capMs = MAX_RETRY_AFTER_MS): number {
  if (retryAfterMs === undefined) return backoffMs;
  return Math.max(backoffMs, Math.min(retryAfterMs, capMs));
}
