/**
 * The CLI's closing lines: what happened and, when the run waits, the command that continues it.
 */
import type { RunOutcome, RunState } from '../../../../kernel/src';
import { formatUsage } from '../../../../runtime/src/describe';

/** Per-node lines in the summary, costliest first; a large fan-out shows its top and a count. */
const MAX_NODE_LINES = 10;

/** One line per node that used a model: its tokens and cost, estimated or unknown parts marked. */
function nodeUsageLines(state: Readonly<RunState>): string[] {
  const used = [...state.nodes.values()].filter((n) => n.usage.inputTokens + n.usage.outputTokens > 0);
  // A single node repeats the run's own line.
  if (used.length < 2) return [];
  used.sort((a, b) => b.usage.costUsd - a.usage.costUsd || b.usage.inputTokens + b.usage.outputTokens - (a.usage.inputTokens + a.usage.outputTokens));
  const lines = used.slice(0, MAX_NODE_LINES).map((n) => `  ${n.spec.id}: ${formatUsage(n.usage)}`);
  if (used.length > MAX_NODE_LINES) lines.push(`  … and ${used.length - MAX_NODE_LINES} more nodes (every node's usage: the node.completed events of raro run --json)`);
  return lines;
}

/** Closing lines: what happened and, when the run waits, how to continue it. */
export function describeOutcome(outcome: RunOutcome, state: Readonly<RunState>, journal: string): string[] {
  const lines = [`${outcome.status}: run ${outcome.runId}, ${formatUsage(state.usage)}`, ...nodeUsageLines(state)];
  if (outcome.outputs) lines.push(`outputs: ${JSON.stringify(outcome.outputs, null, 2)}`);
  if (outcome.error) lines.push(`error: ${outcome.error.code} ${outcome.error.message}`);
  for (const ticket of outcome.openTickets) {
    lines.push(`waiting for a decision: ticket ${ticket.ticketId} (${ticket.kind}) ${ticket.message} [${ticket.options.join('/')}]`);
  }
  if (outcome.status === 'waiting') lines.push(`continue with: raro resume ${journal} --approve all`);
  lines.push(`journal: ${journal}`);
  return lines;
}
