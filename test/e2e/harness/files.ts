// Waiting on what the extension writes to the workspace (files, journals): the journeys' view of the disk.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from './errors';

/** Polls `check` (a read of the disk: there is no event to wait on across processes) until it holds. */
export async function untilOnDisk(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new HarnessError('E2E_WORKBENCH_TIMEOUT', `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The run journals of a workspace (`.raro/runs/*.jsonl`), as paths. */
export function journalFiles(workspace: string): string[] {
  const dir = join(workspace, '.raro', 'runs');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f)) : [];
}

/** The texts of those journals. */
export function journalTexts(workspace: string): string[] {
  return journalFiles(workspace).map((f) => readFileSync(f, 'utf8'));
}
