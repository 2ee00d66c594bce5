/**
 * The approvals mode (`ask | all | none`, the CLI's `--approve` and the extension's `raro.approvals.mode`)
 * as a kernel TicketAnswerer. `all` takes each kind's "go on" choice (approve, allow, skip a starved node,
 * raise a budget), `none` its refusal; `ask` hands the ticket to the host's HumanAsker, one at a time, and
 * without an asker leaves it open so the run waits.
 */
import { TICKET_NO, TICKET_YES, type TicketAnswerer } from '../../kernel/src';
import type { HumanAsker, RunLogger } from './ports';

export type ApproveMode = 'ask' | 'all' | 'none';
export const APPROVE_MODES: readonly ApproveMode[] = ['ask', 'all', 'none'];

export function createAnswerer(mode: ApproveMode, ask: HumanAsker | undefined, logger: RunLogger): TicketAnswerer {
  // Tickets of parallel nodes arrive together; the human sees one question at a time.
  let queue: Promise<unknown> = Promise.resolve();
  return (ticket, state) => {
    if (mode === 'all') return { choice: TICKET_YES[ticket.kind] };
    if (mode === 'none') return { choice: TICKET_NO[ticket.kind] };
    if (!ask) return undefined;
    // A ticket may be answered while it waits its turn (a grant of "allow all like this", a timeout, another
    // window): the human is not asked about it any more.
    const asked = queue.then(() => (state.tickets.get(ticket.ticketId)?.open === false ? undefined : ask(ticket, state)));
    queue = asked.catch((err: unknown) => logger.error(`asking about ticket ${ticket.ticketId} failed: ${err instanceof Error ? err.message : String(err)}`));
    return asked;
  };
}
