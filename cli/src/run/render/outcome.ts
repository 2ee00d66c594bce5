/**
 * The CLI's closing lines: what happened and, when the run waits, the command that continues it.
 */
import type { RunOutcome, RunState } from '../../../../kernel/src';
import { formatUsage } from '../../../../runtime/src/describe';

/** Closing lines: what happened and, when the run waits, how to continue it. */
export function describeOutcome(outcome: RunOutcome, state: Readonly<RunState>, journal: string): string[] {
  const lines = [`${outcome.status}: run ${outcome.runId}, ${formatUsage(state.usage)}`];
  if (outcome.outputs) lines.push(`outputs: ${JSON.stringify(outcome.outputs, null, 2)}`);
  if (outcome.error) lines.push(`error: ${outcome.error.code} ${outcome.error.message}`);
  for (const ticket of outcome.openTickets) {
    lines.push(`waiting for a decision: ticket ${ticket.ticketId} (${ticket.kind}) ${ticket.message} [${ticket.options.join('/')}]`);
  }
  if (outcome.status === 'waiting') lines.push(`continue with: raro resume ${journal} --approve all`);
  lines.push(`journal: ${journal}`);
  return lines;
}
