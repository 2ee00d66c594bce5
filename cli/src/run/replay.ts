/**
 * `raro replay <journal> [--json]`: re-folds a journal and prints the run as it happened. No kernel is
 * started and no provider is called: the journal is the whole truth.
 */
import type { RunState } from '../../../kernel/src';
import { describeEvent, formatUsage } from '../../../runtime/src/describe';
import { readRun, type ReadRun } from '../../../runtime/src/journalFile';
import { EXIT, type CliIo } from '../usage';
import { treeLines } from './render/treeRenderer';

/** Exit code of a run's folded state: 0 completed, 1 failed or cancelled, 2 anything unfinished. */
export function exitCodeOf(state: Readonly<RunState>): number {
  if (state.status === 'completed') return EXIT.ok;
  if (state.status === 'failed' || state.status === 'cancelled') return EXIT.failed;
  return EXIT.paused;
}

function printHuman(run: ReadRun, io: CliIo): void {
  const start = run.events[0].time;
  for (const event of run.events) {
    const line = describeEvent(event);
    if (line !== undefined) io.stdout.write(`[${((event.time - start) / 1000).toFixed(2).padStart(7)}s] ${line}\n`);
  }
  io.stdout.write(`\n${treeLines(run.state).join('\n')}\n`);
  io.stdout.write(`${run.state.status}: run ${run.state.runId}, ${run.events.length} events, ${formatUsage(run.state.usage)}\n`);
  if (run.state.outputs) io.stdout.write(`outputs: ${JSON.stringify(run.state.outputs, null, 2)}\n`);
  if (run.tornTail) io.stdout.write('note: the journal ends with a line torn by a crash; it was ignored\n');
}

export async function replayJournal(journal: string, json: boolean, io: CliIo): Promise<number> {
  const run = await readRun(journal);
  if (json) for (const event of run.events) io.stdout.write(`${JSON.stringify(event)}\n`);
  else printHuman(run, io);
  return exitCodeOf(run.state);
}
