/**
 * "Allow all like this (run)": a tool ticket answered `allow_rule` grants its rule for the rest of the run.
 * Grants are read from the run state, which is folded from the journal, so a resumed or crashed run keeps
 * them without any host memory. Only asks are ever granted: a deny never reaches a ticket.
 */
import type { TicketAnswer } from '../events';
import type { RunState, TicketState } from '../state/runState';
import { TOOL_ALLOW_RULE } from '../tickets';

/** The rule a tool ticket asks about (its detail's `rule`). */
export function ticketRule(ticket: TicketState): string | undefined {
  const rule = (ticket.detail as { rule?: unknown } | undefined)?.rule;
  return typeof rule === 'string' ? rule : undefined;
}

/** The id of the ticket that granted `rule` for this run, if any. */
export function grantingTicket(state: Readonly<RunState>, rule: string): string | undefined {
  for (const ticket of state.tickets.values()) {
    if (ticket.kind === 'tool' && !ticket.open && ticket.answer?.choice === TOOL_ALLOW_RULE && ticketRule(ticket) === rule) return ticket.ticketId;
  }
  return undefined;
}

/** Open tool tickets whose rule is granted, each with the ticket that granted it. */
export function grantedOpenTickets(state: Readonly<RunState>): { ticketId: string; grantedBy: string }[] {
  const found: { ticketId: string; grantedBy: string }[] = [];
  for (const ticket of state.tickets.values()) {
    if (ticket.kind !== 'tool' || !ticket.open) continue;
    const rule = ticketRule(ticket);
    const grantedBy = rule === undefined ? undefined : grantingTicket(state, rule);
    if (grantedBy !== undefined) found.push({ ticketId: ticket.ticketId, grantedBy });
  }
  return found;
}

/** The reason a denied tool ticket gives the agent: the answer's note, or a text `value`. */
export function denialReason(answer: TicketAnswer | undefined): string | undefined {
  if (!answer) return undefined;
  const text = answer.note ?? (typeof answer.value === 'string' ? answer.value : undefined);
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}
