/**
 * Public types of the kernel: what a host passes in (KernelHost), how a run is started, and the handle
 * through which every consumer observes and steers it.
 */
import type { BlueprintCompiler, BlueprintIR, JsonValue } from '../../../language/src/ir';
import type { Clock } from '../clock';
import type { RunEvent, RunLimits, TicketAnswer } from '../events';
import type { JournalStore } from '../journal/store';
import type { ProviderResolver } from '../providers/provider';
import type { RunState, TicketState } from '../state/runState';
import type { ToolHost } from '../tools/toolHost';
import type { PriceTable } from './prices';
import type { ToolTicketTimeout } from './ticketTimeout';

/**
 * Answers tickets automatically (CLI `--approve all`, tests). Return `undefined` to leave the ticket open
 * for a human (`RunHandle.answer`).
 */
export type TicketAnswerer = (ticket: TicketState, state: Readonly<RunState>) => TicketAnswer | undefined | Promise<TicketAnswer | undefined>;

/** Where the kernel reports failures that are not part of any run's story (a listener that threw). */
export interface KernelLogger {
  error(message: string): void;
}

/** The default logger: stderr, so nothing fails silently even when the host gives none. */
export const consoleLogger: KernelLogger = { error: (message) => console.error(`raro kernel: ${message}`) };

/** Everything the kernel needs from its host, passed in explicitly: no globals. */
export interface KernelHost {
  journal: JournalStore;
  providers: ProviderResolver;
  /** Default: the system clock. */
  clock?: Clock;
  /** Uniform [0, 1) source for backoff jitter. Default: Math.random. */
  random?: () => number;
  tools?: ToolHost;
  /** Needed only for delegations that carry a `blueprint`. */
  compiler?: BlueprintCompiler;
  answerer?: TicketAnswerer;
  /**
   * Per-model price overrides (USD per million tokens, keyed by model id); they win over a blueprint's
   * price options and the built-in list (language/src/contract/prices.ts).
   */
  prices?: PriceTable;
  /** Run ids. Default: time-based + random suffix. */
  newRunId?: () => string;
  /** Default: stderr. */
  logger?: KernelLogger;
  /** Circuit breaker: consecutive failures that open it (default 5) and how long it stays open (30 s). */
  circuit?: { failureThreshold?: number; cooldownMs?: number };
  /**
   * Open tool tickets are answered with `decision` after `ms` (from the journaled ticket time, so across
   * resumes); default: they wait for an answer as long as it takes.
   */
  toolTicketTimeout?: ToolTicketTimeout;
}

export interface StartRunOptions {
  /** Compiled blueprint (language/src/ir.ts). The whole IR is stored in `run.started`, so journals are self-contained. */
  blueprint: BlueprintIR;
  /** Graph to run; default: the blueprint's first graph. */
  graph?: string;
  inputs?: Record<string, JsonValue>;
  runId?: string;
  /** Max nodes running at once; default: blueprint `limits.concurrency`, else 4. */
  concurrency?: number;
  /** Overrides of the blueprint limits. */
  limits?: RunLimits;
  /** Emit `node.token` per streamed chunk (default true). */
  streamTokens?: boolean;
  /** Max provider turns per agent node (tool loops); default 8. */
  maxAgentTurns?: number;
  /** Fraction of the remaining run budget given to a delegation subtree; default 0.5. */
  delegationBudgetShare?: number;
}

export interface ResumeOptions {
  /** Overrides the journal's concurrency. */
  concurrency?: number;
}

export interface ForkOptions {
  runId?: string;
  concurrency?: number;
}

/** Where a run stands when `settled()` resolves. */
export interface RunOutcome {
  status: 'completed' | 'failed' | 'cancelled' | 'waiting';
  runId: string;
  outputs?: Record<string, JsonValue>;
  error?: { code: string; message: string };
  /** Tickets still open (status `waiting`: the run needs a decision to go on). */
  openTickets: TicketState[];
}

export type RunListener = (event: RunEvent) => void;

export interface RunHandle {
  readonly runId: string;
  /** Journal location (file path for the file store). */
  readonly journalLocation: string;
  /**
   * Every event of the run, in order, after it was journaled and folded. With `replay: true` the listener
   * first receives all past events synchronously. Returns an unsubscribe function.
   */
  subscribe(listener: RunListener, options?: { replay?: boolean }): () => void;
  /** Current state (read-only view; do not mutate). */
  state(): Readonly<RunState>;
  /** Answers an open ticket. Throws `KernelError` UNKNOWN_TICKET / INVALID_ANSWER. */
  answer(ticketId: string, answer: TicketAnswer): void;
  /** Stops starting new nodes (running ones finish). */
  pause(): void;
  /** Lifts a user pause (drought / budget pauses are lifted by answering their ticket). */
  resume(): void;
  /** Aborts everything in flight (AbortSignal reaches providers and tools) and ends the run as cancelled. */
  cancel(reason?: string): void;
  /** Resolves when the run ended, or when nothing can move without an outside decision (`waiting`). */
  settled(): Promise<RunOutcome>;
  /** Resolves only when the run ended (completed, failed, cancelled). */
  done(): Promise<RunOutcome>;
  /** Flushes and closes the journal; the run stays resumable from it. Call after `settled()` or `done()`. */
  close(): void;
}
