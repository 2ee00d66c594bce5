/**
 * Rewinding the workspace with a run: given the write records of the nodes being re-run (from the effect
 * ledger), put every file back as it was before the first of them, unless the file changed since the last
 * of them (the user edited it, or something else did): that file is reported as a conflict and left alone.
 */
import { hashOrNull } from './proposal';
import type { WriteRecord } from './ledger';
import type { Rfs } from '../rfs/rfs';

export interface RewindStep {
  path: string;
  /** restore: write `beforeText` back; remove: the file did not exist before; conflict: changed since, left alone. */
  action: 'restore' | 'remove' | 'conflict' | 'unchanged';
  beforeText: string | null;
  reason?: string;
}

/** One step per path, from the earliest record's before-text and the latest record's after-hash. */
export async function planRewind(rfs: Rfs, records: readonly WriteRecord[]): Promise<RewindStep[]> {
  const byPath = new Map<string, { first: WriteRecord; last: WriteRecord }>();
  for (const record of records) {
    const seen = byPath.get(record.path);
    byPath.set(record.path, { first: seen?.first ?? record, last: record });
  }
  const steps: RewindStep[] = [];
  for (const [path, { first, last }] of byPath) {
    const current = hashOrNull(await rfs.readIfExists(rfs.normalize(path)));
    if (current !== last.afterHash) {
      steps.push({ path, action: 'conflict', beforeText: first.beforeText, reason: `${path} changed since the run wrote it; left as it is` });
    } else if (current === first.beforeHash) {
      steps.push({ path, action: 'unchanged', beforeText: first.beforeText });
    } else {
      steps.push({ path, action: first.beforeText === null ? 'remove' : 'restore', beforeText: first.beforeText });
    }
  }
  return steps;
}

/** Applies the restore and remove steps of a plan; conflicts are only reported. */
export async function applyRewind(rfs: Rfs, steps: readonly RewindStep[]): Promise<void> {
  for (const step of steps) {
    const target = rfs.normalize(step.path);
    if (step.action === 'restore') await rfs.write(target, step.beforeText ?? '');
    else if (step.action === 'remove') await rfs.delete(target);
  }
}
