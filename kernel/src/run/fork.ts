/**
 * Time travel: a new run whose journal reuses a source run's events except everything at or downstream of
 * `fromNode` (and whatever those nodes spliced in). Folding that journal gives a state where upstream nodes
 * are completed with their recorded outputs and `fromNode` is ready to run again.
 */
import type { RunEvent, RunEventInput } from '../events';
import { KernelError } from '../errors';
import { foldEvents } from '../state/fold';
import type { RunState } from '../state/runState';

const RUN_LEVEL_DROPPED = new Set<RunEvent['type']>([
  'run.paused', 'run.resumed', 'run.completed', 'run.failed', 'run.cancelled', 'budget.exceeded', 'provider.circuit',
]);

/** Events (without envelopes) to write after the fork's own `run.started`. */
export function forkEvents(source: readonly RunEvent[], fromNode: string): { started: RunEvent & { type: 'run.started' }; rest: RunEventInput[] } {
  const finalState = foldEvents(source);
  if (!finalState.nodes.has(fromNode)) throw new KernelError('UNKNOWN_NODE', `no node "${fromNode}" in run ${finalState.runId}`);
  const dropped = downstreamOf(finalState, fromNode);
  const droppedTickets = new Set<string>();
  const rest: RunEventInput[] = [];
  for (const event of source.slice(1)) {
    const kept = keptPart(event, dropped, droppedTickets);
    if (kept === undefined) continue;
    const { seq: _seq, time: _time, runId: _runId, ...payload } = kept;
    rest.push(payload);
  }
  return { started: source[0] as RunEvent & { type: 'run.started' }, rest };
}

/** The part of an event the fork keeps: all of it, none, or (for `nodes.queued`) the nodes not dropped. */
function keptPart(event: RunEvent, dropped: Set<string>, droppedTickets: Set<string>): RunEvent | undefined {
  if (event.type !== 'nodes.queued') return keep(event, dropped, droppedTickets) ? event : undefined;
  const nodeIds = event.nodeIds.filter((id) => !dropped.has(id));
  if (nodeIds.length === 0) return undefined;
  return nodeIds.length === event.nodeIds.length ? event : { ...event, nodeIds };
}

function keep(event: RunEvent, dropped: Set<string>, droppedTickets: Set<string>): boolean {
  if (RUN_LEVEL_DROPPED.has(event.type)) return false;
  switch (event.type) {
    case 'graph.spliced':
      if (!dropped.has(event.parent)) return true;
      for (const n of event.nodes) dropped.add(n.id);
      return false;
    case 'graph.splice_rejected':
      return !dropped.has(event.parent);
    case 'cortex.ticket':
      if (event.kind === 'budget' || (event.nodeId !== undefined && dropped.has(event.nodeId))) {
        droppedTickets.add(event.ticketId);
        return false;
      }
      return true;
    case 'ticket.answered':
      return !droppedTickets.has(event.ticketId);
    case 'run.started':
      return false;
    default:
      return 'nodeId' in event && event.nodeId !== undefined ? !dropped.has(event.nodeId) : true;
  }
}

function downstreamOf(state: RunState, fromNode: string): Set<string> {
  const seen = new Set<string>([fromNode]);
  const stack = [fromNode];
  while (stack.length > 0) {
    for (const e of state.nodes.get(stack.pop() as string)?.out ?? []) {
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      stack.push(e.to);
    }
  }
  return seen;
}
