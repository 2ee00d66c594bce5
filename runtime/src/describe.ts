/**
 * One human line per event: the CLI's plain log and live tree, and the run logs in VS Code.
 */
import type { RunEvent, Usage } from '../../kernel/src';
import { usageText } from './costText';

/** Tokens and cost with the estimated / unknown flags (costText.ts). */
export function formatUsage(usage: Usage): string {
  return usageText(usage);
}

export function preview(value: unknown, max = 80): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** One line for an event worth logging, or undefined for noise (tokens, scheduling chatter). */
export function describeEvent(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'run.started': return `run ${event.runId} started: graph ${event.graph} of ${event.blueprint.name}`;
    case 'run.paused': return `run paused (${event.reason})`;
    case 'run.resumed': return `run resumed (${event.reason})`;
    case 'run.completed': return `run completed: ${preview(event.outputs, 160)}`;
    case 'run.failed': return `run failed: ${event.error.code} ${event.error.message}`;
    case 'run.cancelled': return `run cancelled: ${event.reason}`;
    case 'node.started': return `${event.nodeId} started${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`;
    case 'node.completed': return `${event.nodeId} completed: ${preview(event.output)}`;
    case 'node.failed': return `${event.nodeId} failed: ${event.error.code} ${event.error.message}`;
    case 'node.retrying': return `${event.nodeId} retrying in ${Math.round(event.delayMs)} ms: ${event.error.message}`;
    case 'node.skipped': return `${event.nodeId} skipped (${event.reason})`;
    case 'node.drought': return `${event.nodeId} parked in drought: ${event.problems.map((p) => `${p.ref} ${p.problem}`).join(', ')}`;
    case 'node.tool_call': return `${event.nodeId} calls ${event.name} ${preview(event.args, 60)}`;
    case 'node.tool_result': return `${event.nodeId} ${event.ok ? 'tool ok' : `tool error: ${event.error ?? ''}`}${event.replayed ? ' (from journal)' : ''}`;
    case 'cortex.ticket': return `ticket ${event.ticketId} (${event.kind}): ${event.message} [${event.options.join('/')}]`;
    case 'cortex.decision': return `${event.nodeId} ${event.tool} ${event.action} by ${event.by} (${event.rule})`;
    case 'ticket.answered': return `ticket ${event.ticketId} answered ${event.answer.choice} by ${event.by}${event.answer.note === undefined ? '' : `: ${event.answer.note}`}`;
    case 'graph.spliced': return `${event.parent} spliced ${event.nodes.length} node(s) in (${event.source}): ${event.nodes.map((n) => n.id).join(', ')}`;
    case 'graph.splice_rejected': return `${event.parent} splice rejected (${event.code}): ${event.reason}`;
    case 'budget.exceeded': return `budget exceeded: ${event.scope} ${event.metric} ${event.value} > ${event.limit}`;
    case 'budget.raised': return `budget raised: ${event.scope} ${event.metric} to ${event.limit}`;
    case 'provider.circuit': return `provider ${event.provider} circuit ${event.state}`;
    default: return undefined;
  }
}
