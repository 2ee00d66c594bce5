/**
 * The run's tool-ticket timeout: an open tool ticket not answered within `ms` of its opening is answered
 * with the default decision (`ticket.answered` by `timeout`), so the run waits, then goes on. The clock
 * starts at the journaled `cortex.ticket` time, so a resumed run waits only for what is left.
 */
import type { Clock } from '../clock';
import { AbortedError } from '../errors';
import type { TicketAnswer } from '../events';
import type { TicketState } from '../state/runState';

export interface ToolTicketTimeout {
  /** How long a tool ticket may stay open. */
  ms: number;
  /** The answer when nobody answered in time. */
  decision: 'allow' | 'deny';
}

/** The answer a timed-out ticket gets; the note is what the agent (and the run log) is told. */
export function timeoutAnswer(timeout: ToolTicketTimeout): TicketAnswer {
  const within = timeout.ms < 1000 ? `${Math.round(timeout.ms)} ms` : `${Number((timeout.ms / 1000).toFixed(1))} s`;
  return { choice: timeout.decision, note: `no answer within ${within}: ${timeout.decision === 'allow' ? 'allowed' : 'denied'} by the run's timeout decision` };
}

/** One timer per open tool ticket; `pending` tells the idle check that the run will move by itself. */
export class TicketTimers {
  private readonly timers = new Map<string, AbortController>();

  constructor(
    private readonly clock: Clock,
    private readonly timeout: ToolTicketTimeout | undefined,
    private readonly fire: (ticketId: string, answer: TicketAnswer) => void,
    private readonly onError: (message: string) => void,
  ) {}

  get pending(): number {
    return this.timers.size;
  }

  /** Starts the timer of an open tool ticket (no-op without a timeout, for other kinds, or twice). */
  arm(ticket: TicketState): void {
    const timeout = this.timeout;
    if (!timeout || ticket.kind !== 'tool' || !ticket.open || this.timers.has(ticket.ticketId)) return;
    const stop = new AbortController();
    this.timers.set(ticket.ticketId, stop);
    const remaining = Math.max(0, (ticket.openedAt ?? this.clock.now()) + timeout.ms - this.clock.now());
    this.clock.sleep(remaining, stop.signal)
      .then(() => {
        this.timers.delete(ticket.ticketId);
        this.fire(ticket.ticketId, timeoutAnswer(timeout));
      })
      .catch((error: unknown) => {
        // Disarmed (answered in time, or the run ended): the expected way a timer ends early. Anything else
        // (answering failed) is reported, never left as an unhandled rejection.
        if (!(error instanceof AbortedError)) this.onError(`ticket ${ticket.ticketId}: timeout failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  }

  disarm(ticketId: string): void {
    const stop = this.timers.get(ticketId);
    if (!stop) return;
    this.timers.delete(ticketId);
    stop.abort();
  }

  stop(): void {
    for (const id of [...this.timers.keys()]) this.disarm(id);
  }
}
