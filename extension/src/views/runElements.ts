/**
 * The elements of the Runs view. Menu commands receive the element as their argument, so every element
 * carries the `{ runId, journal }` a run command needs (and a node row its `nodeId`).
 */
import type { HistoryStatus } from '../../../runtime/src/history';
import type { NodeSummary } from '../../../runtime/src/runNodes';
import type { ActiveRun } from '../runs/runsModel';
import type { RunFigures } from './runLabels';

/** A run row. Commands receive it as their argument: `{ runId, journal }` is all they need to read. */
export interface RunElement {
  readonly kind: 'run';
  readonly runId: string;
  readonly journal: string;
  readonly status: HistoryStatus | 'unreadable';
  /** Figures of a readable run (from its journal, or from the live state of a run of this window). */
  readonly figures?: RunFigures;
  /** Why the journal cannot be read. */
  readonly reason?: string;
  readonly live?: ActiveRun;
  readonly sortKey: number;
}

/** A node row under a run: `nodeId` is what Re-run from Node starts from. */
export interface NodeElement {
  readonly kind: 'node';
  readonly runId: string;
  readonly journal: string;
  readonly nodeId: string;
  readonly runStatus: HistoryStatus;
  readonly node: NodeSummary;
}

/** A line of text under a run (why its nodes cannot be shown). */
export interface NoteElement {
  readonly kind: 'note';
  readonly runId: string;
  readonly journal: string;
  readonly text: string;
}

export type RunsViewElement = RunElement | NodeElement | NoteElement;

/** The `{ runId, journal }` of a view element passed to a command, if the argument is one. */
export function runRefOf(arg: unknown): { runId: string; journal: string } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { runId, journal } = arg as { runId?: unknown; journal?: unknown };
  return typeof runId === 'string' && typeof journal === 'string' ? { runId, journal } : undefined;
}

