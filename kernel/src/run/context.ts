/**
 * What the parts of a running run (scheduler, node executors, ticket handlers) share. Implemented by
 * RunController; kept as an interface so each part depends only on what it uses.
 */
import type { BlueprintCompiler, JsonValue } from '../../../language/src/ir';
import type { Clock } from '../clock';
import type { ErrorInfo, RunEvent, RunEventInput, TicketAnswer, TicketKind } from '../events';
import type { ProviderResolver } from '../providers/provider';
import type { RunState } from '../state/runState';
import type { ToolHost } from '../tools/toolHost';
import type { PriceTable } from './prices';

export interface TicketRequest {
  kind: TicketKind;
  nodeId?: string;
  message: string;
  options: string[];
  detail?: JsonValue;
}

/** The circuit breakers as the executors use them (implemented by circuitBreaker.ts). */
export interface CircuitGate {
  isClosed(provider: string): boolean;
  admit(ctx: RunContext, provider: string, nodeId: string, signal: AbortSignal): Promise<void>;
  success(ctx: RunContext, provider: string): void;
  failure(ctx: RunContext, provider: string, retryable: boolean): void;
}

export interface RunContext {
  readonly state: RunState;
  readonly clock: Clock;
  readonly random: () => number;
  readonly prices: PriceTable;
  readonly providers: ProviderResolver;
  readonly tools: ToolHost | undefined;
  readonly compiler: BlueprintCompiler | undefined;
  readonly circuits: CircuitGate;
  /** Aborts when the run is cancelled or fails: reaches every provider and tool call. */
  readonly signal: AbortSignal;
  /**
   * Stamps, checks, journals, folds and publishes an event; undefined once the run has ended. The object
   * passed in is stamped in place and becomes the event: pass a fresh object, never one you keep using.
   */
  emit(event: RunEventInput): RunEvent | undefined;
  /** A fresh ticket id (unique across forks: it contains the run id). */
  nextTicketId(): string;
  /** Emits `cortex.ticket` and asks the host's answerer. */
  openTicket(request: TicketRequest, ticketId?: string): string;
  /** Resolves with the answer of a ticket (a node in flight waiting on a tool ticket). */
  waitForTicket(ticketId: string, signal: AbortSignal): Promise<TicketAnswer>;
  /** Ends the run as failed and aborts everything in flight. */
  failRun(error: ErrorInfo, nodeId?: string): void;
  /** Asks the scheduler to look for work (after anything that may unblock nodes). */
  schedule(): void;
}
