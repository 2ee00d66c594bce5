/**
 * Checks an event the kernel built before it is journaled. A full zod parse costs several microseconds per
 * event, most of a node's orchestration budget, so the few hot event types whose fields the kernel computes
 * itself get a cheap structural guard instead; every event that carries data from outside the kernel's own
 * arithmetic (tool arguments and results, answers, splices, errors, run outputs...) still gets the full
 * schema. Journals read from disk are always fully validated (journal/journal.ts).
 *
 * `RARO_CHECK_EVENTS=1` in the environment turns the full schema on for every emitted event (debugging).
 */
import { runEventSchema, type RunEvent, type Usage } from '../events';
import { KernelError } from '../errors';
import { describeFirstIssue } from '../schemaIssue';

const CHECK_EVERY_EVENT = process.env.RARO_CHECK_EVENTS === '1';

/** Returns the event to journal: the event itself when the guard passed, the schema's copy otherwise. */
export function checkEmittedEvent(event: RunEvent): RunEvent {
  if (!CHECK_EVERY_EVENT) {
    const verdict = guardHotEvent(event);
    if (verdict === true) return event;
    if (typeof verdict === 'string') throw new KernelError('INVALID_EVENT', `${event.type}: ${verdict}`);
  }
  const parsed = runEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new KernelError('INVALID_EVENT', `${event.type}: ${describeFirstIssue(parsed.error, event)}`);
  }
  return parsed.data;
}

/**
 * true: a hot event that passed its guard; a string: what is wrong with it; undefined: not a hot event (use
 * the schema). Hot events are the per-node ones: ready, queued, waiting, started, token, skipped, and an agent's
 * completion (its output is provider text or JSON.parse of it, its usage is counted by the kernel).
 */
function guardHotEvent(event: RunEvent): true | string | undefined {
  switch (event.type) {
    case 'node.ready':
    case 'node.waiting':
    case 'node.skipped':
      return isId(event.nodeId) || 'nodeId must be a non-empty string';
    case 'nodes.queued':
      return (event.nodeIds.length > 0 && event.nodeIds.every(isId)) || 'nodeIds must be a non-empty list of non-empty strings';
    case 'node.started':
      if (!isId(event.nodeId)) return 'nodeId must be a non-empty string';
      return (Number.isInteger(event.attempt) && event.attempt > 0) || 'attempt must be a positive integer';
    case 'node.token':
      if (!isId(event.nodeId)) return 'nodeId must be a non-empty string';
      return typeof event.text === 'string' || 'text must be a string';
    case 'node.completed':
      if (event.by !== 'agent') return undefined;
      if (!isId(event.nodeId)) return 'nodeId must be a non-empty string';
      if (event.text !== undefined && typeof event.text !== 'string') return 'text must be a string';
      if (event.output === undefined) return 'output is missing';
      return usageProblem(event.usage) ?? true;
    default:
      return undefined;
  }
}

function isId(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

/** Provider-reported token counts end up here: they must be counts, and the cost a non-negative number. */
function usageProblem(usage: Usage): string | undefined {
  if (!isCount(usage.inputTokens) || !isCount(usage.outputTokens)) return 'usage tokens must be non-negative integers';
  if (!(typeof usage.costUsd === 'number' && usage.costUsd >= 0 && Number.isFinite(usage.costUsd))) return 'usage cost must be a non-negative number';
  return undefined;
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}
