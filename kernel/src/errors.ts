/**
 * Kernel errors: one small hierarchy with stable codes, so the CLI, the webview and tests can branch on
 * `code` instead of parsing messages.
 */
export type KernelErrorCode =
  | 'INVALID_RUN'          // bad start options (unknown graph, missing input, ...)
  | 'INVALID_EVENT'        // an event failed its schema
  | 'JOURNAL_CORRUPT'      // a journal line (other than a torn last line) is not a valid event
  | 'UNKNOWN_TICKET'       // answer to a ticket that does not exist or is already answered
  | 'INVALID_ANSWER'       // answer whose choice is not one of the ticket's options
  | 'RUN_FINISHED'         // control call on a run that already ended
  | 'PROVIDER_ERROR'       // a provider call failed
  | 'CIRCUIT_OPEN'         // the provider's circuit breaker is open
  | 'TIMEOUT'              // a node exceeded its timeout
  | 'OUTPUT_INVALID'       // output did not match the declared shape, even after the repair turn
  | 'PUPPET_SCRIPT'        // invalid or exhausted puppet script
  | 'TOOL_ERROR'           // tool host failure
  | 'ABORTED'              // cancelled through an AbortSignal
  | 'UNKNOWN_NODE';        // re-run / provide input naming a node that does not exist

export class KernelError extends Error {
  override readonly name: string = 'KernelError';
  constructor(readonly code: KernelErrorCode, message: string, readonly retryable = false) {
    super(message);
  }
}

/** What a provider knows about a failure beyond its status. */
export interface ProviderErrorDetails {
  /** The server's own wait before a retry (Retry-After, Gemini RetryInfo), in ms; the kernel caps it. */
  retryAfterMs?: number;
}

/** A provider call failed; `status` is the HTTP-like status when the provider has one (429, 500...). */
export class ProviderError extends KernelError {
  override readonly name = 'ProviderError';
  readonly retryAfterMs: number | undefined;
  constructor(message: string, readonly status: number | undefined, retryable: boolean, code: KernelErrorCode = 'PROVIDER_ERROR', details: ProviderErrorDetails = {}) {
    super(code, message, retryable);
    this.retryAfterMs = details.retryAfterMs;
  }
}

export class AbortedError extends KernelError {
  override readonly name = 'AbortedError';
  constructor(message = 'aborted') {
    super('ABORTED', message);
  }
}

/** Normalizes anything thrown into the `ErrorInfo` shape carried by events. */
export function toErrorInfo(error: unknown): { code: string; message: string; retryable?: boolean; status?: number; retryAfterMs?: number } {
  if (error instanceof ProviderError) {
    return {
      code: error.code, message: error.message, retryable: error.retryable,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    };
  }
  if (error instanceof KernelError) return { code: error.code, message: error.message, retryable: error.retryable };
  if (error instanceof Error) return { code: 'INTERNAL', message: error.message };
  return { code: 'INTERNAL', message: String(error) };
}
