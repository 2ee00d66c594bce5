/**
 * Time travel: a new run whose journal reuses a source run's events except everything at or downstream of
 * `fromNode` (and whatever those nodes spliced in). Folding that journal gives a state where upstream nodes
 * are completed with their recorded outputs and `fromNode` is ready to run again.
 *
 * Containers: when `fromNode` is a member of a map instance, loop iteration or subgraph (at any nesting, or
 * through delegating parents), each enclosing controller is downstream of it (members point at their join)
 * but is not re-run: it is *reopened*. Its splices up to the one that brought in `fromNode`'s branch are
 * kept (so the siblings stay completed), later ones (further loop iterations) and its join are dropped; it
 * folds as `expanded`, waiting for the re-run members, and joins again. So a fork re-runs exactly the chosen
 * node and what depends on it.
 */
import type { RunEvent, RunEventInput } from '../events';
import { KernelError } from '../errors';
import { foldEvents } from '../state/fold';
import type { RunState } from '../state/runState';

/** Node events a reopened controller loses: its end (the join), which comes again after the re-run. */
const REOPENED_DROPPED = new Set<RunEvent['type']>(['node.completed', 'node.failed', 'node.skipped']);

interface ForkFilter {
  /** Nodes whose events are dropped (the fork runs them again). */
  dropped: Set<string>;
  droppedTickets: Set<string>;
  /** Reopened controllers -> seq of their last splice that is kept. */
  reopened: Map<string, number>;
}

const RUN_LEVEL_DROPPED = new Set<RunEvent['type']>([
  'run.paused', 'run.resumed', 'run.completed', 'run.failed', 'run.cancelled', 'budget.exceeded', 'provider.circuit',
]);

/** Events (without envelopes) to write after the fork's own `run.started`. */
export function forkEvents(source: readonly RunEvent[], fromNode: string): { started: RunEvent & { type: 'run.started' }; rest: RunEventInput[] } {
  const finalState = foldEvents(source);
  if (!finalState.nodes.has(fromNode)) throw new KernelError('UNKNOWN_NODE', `no node "${fromNode}" in run ${finalState.runId}`);
  const dropped = downstreamOf(finalState, fromNode);
  const filter: ForkFilter = { dropped, droppedTickets: new Set(), reopened: reopenedContainers(finalState, source, fromNode, dropped) };
  const rest: RunEventInput[] = [];
  for (const event of source.slice(1)) {
    const kept = keptPart(event, filter);
    if (kept === undefined) continue;
    const { seq: _seq, time: _time, runId: _runId, ...payload } = kept;
    rest.push(payload);
  }
  return { started: source[0] as RunEvent & { type: 'run.started' }, rest };
}

/** The part of an event the fork keeps: all of it, none, or (for `nodes.queued`) the nodes not dropped. */
function keptPart(event: RunEvent, filter: ForkFilter): RunEvent | undefined {
  if (event.type !== 'nodes.queued') return keep(event, filter) ? event : undefined;
  const nodeIds = event.nodeIds.filter((id) => !isDroppedNode(filter, id));
  if (nodeIds.length === 0) return undefined;
  return nodeIds.length === event.nodeIds.length ? event : { ...event, nodeIds };
}

function keep(event: RunEvent, filter: ForkFilter): boolean {
  const { dropped, droppedTickets, reopened } = filter;
  if (RUN_LEVEL_DROPPED.has(event.type)) return false;
  switch (event.type) {
    case 'graph.spliced':
      if (!dropped.has(event.parent) || event.seq <= (reopened.get(event.parent) ?? 0)) return true;
      for (const n of event.nodes) dropped.add(n.id);
      return false;
    case 'graph.splice_rejected':
      return !dropped.has(event.parent) || event.seq <= (reopened.get(event.parent) ?? 0);
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
      if (!('nodeId' in event) || event.nodeId === undefined) return true;
      if (reopened.has(event.nodeId)) return !REOPENED_DROPPED.has(event.type);
      return !dropped.has(event.nodeId);
  }
}

function isDroppedNode(filter: ForkFilter, id: string): boolean {
  return filter.dropped.has(id) && !filter.reopened.has(id);
}

/**
 * The controllers enclosing `fromNode` that are downstream of it (all of them: a member points at its
 * join), each with the seq of the splice that brought in the branch leading to `fromNode`. Delegating
 * parents on the way up are upstream of their children, never dropped, and need nothing.
 */
function reopenedContainers(state: RunState, source: readonly RunEvent[], fromNode: string, dropped: Set<string>): Map<string, number> {
  const reopened = new Map<string, number>();
  let child = fromNode;
  for (let parent = state.nodes.get(fromNode)?.spec.parent; parent !== undefined; parent = state.nodes.get(parent)?.spec.parent) {
    if (dropped.has(parent)) {
      const member = child;
      const splice = source.find((e) => e.type === 'graph.spliced' && e.parent === parent && e.nodes.some((n) => n.id === member));
      if (splice) reopened.set(parent, splice.seq);
    }
    child = parent;
  }
  return reopened;
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
