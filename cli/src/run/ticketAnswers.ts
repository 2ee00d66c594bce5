/**
 * `raro resume <journal> --answer TICKET=choice[:value]`: answers open tickets of a paused run from the
 * command line, values included (a drought's provided input as JSON or text, a budget's new limit). Every
 * answer is checked against the journal before the run resumes: an unknown ticket, a choice the ticket does
 * not offer or a missing value is a usage error, never dropped.
 */
import type { RunState, TicketAnswer, TicketState } from '../../../kernel/src';
import { UsageError } from '../usage';

export interface CliAnswer { ticketId: string; choice: string; value?: string }

/** `TICKET=choice[:value]`; ticket ids contain `:` themselves, so the id ends at the first `=`. */
export function parseAnswerFlag(text: string): CliAnswer {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--answer ${text}: expected TICKET=choice[:value]`);
  const rest = text.slice(eq + 1);
  const colon = rest.indexOf(':');
  const choice = colon < 0 ? rest : rest.slice(0, colon);
  if (!choice) throw new UsageError(`--answer ${text}: the choice is missing`);
  return { ticketId: text.slice(0, eq), choice, ...(colon < 0 ? {} : { value: rest.slice(colon + 1) }) };
}

function readValue(text: string): TicketAnswer['value'] {
  try {
    return JSON.parse(text) as TicketAnswer['value'];
  } catch {
    return text;
  }
}

function toAnswer(given: CliAnswer, ticket: TicketState): TicketAnswer {
  if (!ticket.options.includes(given.choice)) {
    throw new UsageError(`--answer ${given.ticketId}: "${given.choice}" is not one of ${ticket.options.join(', ')}`);
  }
  if (given.choice === 'provide_input') {
    if (given.value === undefined) throw new UsageError(`--answer ${given.ticketId}=provide_input needs a value: ${given.ticketId}=provide_input:<JSON or text>`);
    return { choice: given.choice, value: readValue(given.value) };
  }
  if (given.choice === 'raise' && given.value !== undefined) {
    const limit = Number(given.value);
    if (!Number.isFinite(limit) || limit <= 0) throw new UsageError(`--answer ${given.ticketId}=raise:${given.value}: the new limit must be a positive number`);
    return { choice: given.choice, limit };
  }
  // A denied tool call may say why: the agent is told (`T=deny:use the staging folder`).
  if (ticket.kind === 'tool' && given.choice === 'deny' && given.value !== undefined) {
    return given.value.trim() === '' ? { choice: given.choice } : { choice: given.choice, note: given.value.trim() };
  }
  if (given.value !== undefined) throw new UsageError(`--answer ${given.ticketId}=${given.choice} takes no value`);
  return { choice: given.choice };
}

/** Checks every `--answer` against the run's open tickets; returns the kernel answers in order. */
export function resolveAnswers(given: readonly CliAnswer[], state: Readonly<RunState>): { ticketId: string; answer: TicketAnswer }[] {
  return given.map((g) => {
    const ticket = state.tickets.get(g.ticketId);
    if (!ticket) throw new UsageError(`--answer: run ${state.runId} has no ticket ${g.ticketId}`);
    if (!ticket.open) throw new UsageError(`--answer: ticket ${g.ticketId} was already answered (${ticket.answer?.choice ?? '?'})`);
    return { ticketId: g.ticketId, answer: toAnswer(g, ticket) };
  });
}
