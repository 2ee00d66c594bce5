/**
 * Kernel errors: one small hierarchy with stable codes, so the CLI, the webview and tests can branch on
 * `code` instead of parsing messages.
 */
/**
 * The closed list of error codes: every code in a `KernelError`, in an event's `error.code` (`run.failed`,
 * `node.failed`, `node.retrying`), in `graph.splice_rejected.code` and in a run outcome. The event schemas
 * accept these and nothing else, so a new code is added here, documented, or it cannot be journaled.
 */
export const KERNEL_ERROR_CODES = [
  'INVALID_RUN',          // bad start options (unknown graph, missing input, ...)
  'INVALID_EVENT',        // an event failed its schema
  'JOURNAL_CORRUPT',      // a journal line (other than a torn last line) is not a valid event
  'JOURNAL_LOCKED',       // another live process is writing the journal (its lock file names it)
  'UNKNOWN_TICKET',       // answer to a ticket that does not exist or is already answered
  'INVALID_ANSWER',       // answer whose choice is not one of the ticket's options, or a bad limit / value
  'RUN_FINISHED',         // control call on a run that already ended
  'PROVIDER_ERROR',       // a provider call failed
  'CIRCUIT_OPEN',         // the provider's circuit breaker is open
  'TIMEOUT',              // a node exceeded its timeout
  'OUTPUT_INVALID',       // output did not match the declared shape after the repair turn (older journals; now a drought)
  'PUPPET_SCRIPT',        // invalid or exhausted puppet script
  'TOOL_ERROR',           // tool host failure
  'ABORTED',              // cancelled through an AbortSignal
  'UNKNOWN_NODE',         // re-run / provide input naming a node that does not exist
] as const;

/** Run ends that are not a thrown KernelError. */
export const RUN_END_CODES = [
  'INTERNAL',             // anything thrown that is not a KernelError: a bug, reported as such
  'STUCK',                // no node can run and nothing waits for a decision
  'CANCELLED',            // the run was cancelled (outcome of a cancelled run)
] as const;

/** Why a splice (delegation, map, loop, subgraph) was refused (`graph.splice_rejected.code`). */
export const SPLICE_REJECT_CODES = [
  'PRIVILEGE', 'DEPTH', 'CHILDREN', 'NODES', 'BUDGET', 'ID_COLLISION', 'UNKNOWN_ID', 'CYCLE', 'PRUNE',
  'UNKNOWN_AGENT', 'UNKNOWN_MODEL', 'SCHEMA', 'BLUEPRINT', 'STATE', 'UNKNOWN_GRAPH',
] as const;

export const ERROR_CODES = [...KERNEL_ERROR_CODES, ...RUN_END_CODES, ...SPLICE_REJECT_CODES] as const;

export type KernelErrorCode = (typeof KERNEL_ERROR_CODES)[number];
export type RunEndCode = (typeof RUN_END_CODES)[number];
export type SpliceRejectCode = (typeof SPLICE_REJECT_CODES)[number];
export type ErrorCode = (typeof ERROR_CODES)[number];

const ERROR_CODE_SET: ReadonlySet<string> = new Set<string>(ERROR_CODES);

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && ERROR_CODE_SET.has(code);
}

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
export function toErrorInfo(error: unknown): { code: ErrorCode; message: string; retryable?: boolean; status?: number; retryAfterMs?: number } {
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
