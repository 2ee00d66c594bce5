/**
 * Reads a run journal file into its events and folded state (no kernel, no provider): replay, resume and
 * fork start here, and so do the extension's Runs view and reload recovery.
 */
import { promises as fs } from 'node:fs';
import { KernelError, foldEvents, parseJournal, type RunEvent, type RunState } from '../../kernel/src';
import { RuntimeError } from './errors';

export interface ReadRun {
  events: RunEvent[];
  state: RunState;
  /** The last line was torn by a crash and ignored. */
  tornTail: boolean;
}

export async function readRun(journal: string): Promise<ReadRun> {
  let text: string;
  try {
    const stat = await fs.stat(journal);
    if (!stat.isFile()) throw new RuntimeError('JOURNAL_NOT_FOUND', `journal not found: ${journal} (not a file)`);
    text = await fs.readFile(journal, 'utf8');
  } catch (err) {
    if (err instanceof RuntimeError) throw err;
    throw new RuntimeError('JOURNAL_NOT_FOUND', `journal not found: ${journal}`);
  }
  let parsed;
  try {
    parsed = parseJournal(text);
  } catch (err) {
    if (err instanceof KernelError) throw new RuntimeError('JOURNAL_INVALID', `${journal}: ${err.message}`);
    throw err;
  }
  if (parsed.events.length === 0) throw new RuntimeError('JOURNAL_INVALID', `${journal}: the journal is empty`);
  return { events: parsed.events, state: foldEvents(parsed.events), tornTail: parsed.tornTail };
}

/** A run that ended cannot be resumed. */
export function isFinished(state: Readonly<RunState>): boolean {
  return state.status === 'completed' || state.status === 'failed' || state.status === 'cancelled';
}
