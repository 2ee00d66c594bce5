/**
 * Rewinding the workspace with "Re-run from Node": the files the source run wrote at or downstream of the
 * re-run node (the fork's own closure, from the kernel's fork filter: no second closure here) are put back
 * as they were before, from the Cortex's effect ledger; a file changed since is reported, never
 * overwritten. One plan for VS Code and `raro rerun --rewind`. Only `workspace:` files are rewound: the
 * fork gets its own `session:` volume, and `artifacts:` are outputs kept on purpose.
 */
import * as path from 'node:path';
import { forkEvents } from '../../kernel/src/run/fork';
import { EffectLedger, Rfs, applyRewind, planRewind, type RewindStep } from '../../cortex/src';
import type { ReadRun } from './journalFile';

export interface RewindPlan {
  /** Files that would change: restored to their earlier text, or removed (the run created them). */
  changes: RewindStep[];
  /** Files changed since the run wrote them: left alone, reported. */
  conflicts: RewindStep[];
  /** The Rfs the plan was made with (so it is applied through the same volumes and link checks). */
  rfs: Rfs;
}

/** The nodes a fork from `fromNode` runs again: those whose start the fork's journal drops. */
export function rerunClosure(source: ReadRun, fromNode: string): Set<string> {
  const { rest } = forkEvents(source.events, fromNode);
  const kept = new Set(rest.flatMap((e) => (e.type === 'node.started' ? [e.nodeId] : [])));
  return new Set(source.events.flatMap((e) => (e.type === 'node.started' && !kept.has(e.nodeId) ? [e.nodeId] : [])));
}

/**
 * The rewind for re-running `fromNode` of the run journaled at `journal` (its ledger is beside it) in the
 * workspace `root`.
 */
export async function planRerunRewind(source: ReadRun, journal: string, fromNode: string, root: string): Promise<RewindPlan> {
  const closure = rerunClosure(source, fromNode);
  const ledger = new EffectLedger(path.dirname(journal));
  const records = (await ledger.writes(source.state.runId)).filter((r) => closure.has(r.nodeId) && r.path.startsWith('workspace:/'));
  // Reading only the workspace volume: the other roots are never touched (the records are filtered above).
  const rfs = new Rfs({ workspace: root, session: path.join(path.dirname(journal), `${source.state.runId}.session`), artifacts: path.join(root, '.raro', 'artifacts') });
  const steps = await planRewind(rfs, records);
  return {
    changes: steps.filter((s) => s.action === 'restore' || s.action === 'remove'),
    conflicts: steps.filter((s) => s.action === 'conflict'),
    rfs,
  };
}

/** Applies the restores and removals of a plan (conflicts stay as they are). */
export async function applyRerunRewind(plan: RewindPlan): Promise<void> {
  await applyRewind(plan.rfs, plan.changes);
}

/** One line per file, for a run log, the CLI's stderr, or a warning. */
export function describeRewind(plan: RewindPlan): string[] {
  return [
    ...plan.changes.map((s) => (s.action === 'remove' ? `reverted ${s.path} (removed: the run created it)` : `reverted ${s.path} to its text before the run`)),
    ...plan.conflicts.map((s) => `not reverted: ${s.reason ?? s.path}`),
  ];
}
