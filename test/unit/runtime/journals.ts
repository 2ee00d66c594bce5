/** Real journals on disk for the history and compare tests: runs of the kernel with a puppet provider. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileJournalStore, Kernel, PuppetProvider, VirtualClock, singleProvider } from '../../../kernel/src';
import type { BlueprintIR } from '../../../language/src/ir';
import { chain } from '../kernel/helpers';

export interface JournalRun {
  journal: string;
  runId: string;
}

/** Runs `blueprint` (default: a chain a -> b -> c) to its end with a puppet answering every node. */
export async function writeRun(dir: string, runId: string, options: { blueprint?: BlueprintIR; script?: unknown; startAt?: number } = {}): Promise<JournalRun> {
  const clock = new VirtualClock(options.startAt ?? 1_700_000_000_000);
  const script = options.script ?? { version: 1, responses: { '*': [{ text: `answer of ${runId}`, chunks: 3, delayMs: 1000, usage: { inputTokens: 10, outputTokens: 5 } }] } };
  const kernel = new Kernel({ journal: new FileJournalStore(dir), providers: singleProvider(new PuppetProvider(script, clock)), clock, newRunId: () => runId });
  const run = kernel.start({ blueprint: options.blueprint ?? chain(['a', 'b', 'c']) });
  await run.settled();
  run.close();
  return { journal: run.journalLocation, runId };
}

export function journalLines(journal: string): string[] {
  return fs.readFileSync(journal, 'utf8').split('\n').filter((line) => line !== '');
}

export function writeLines(journal: string, lines: readonly string[], tail = ''): void {
  fs.writeFileSync(journal, lines.map((line) => `${line}\n`).join('') + tail);
}

/** Gives every node's usage a cost (puppet runs are free), so cost totals are tested with real figures. */
export function priceNodes(journal: string, costUsd: number): void {
  writeLines(journal, journalLines(journal).map((line) => {
    const event = JSON.parse(line) as { type: string; usage?: { costUsd: number } };
    if (event.type === 'node.completed' && event.usage) event.usage.costUsd = costUsd;
    return JSON.stringify(event);
  }));
}

/** Replaces the run's terminal event by a user pause (a run paused and closed). */
export function pauseInsteadOfEnd(journal: string): void {
  const lines = journalLines(journal);
  const last = JSON.parse(lines[lines.length - 1]) as { seq: number; time: number; runId: string };
  lines[lines.length - 1] = JSON.stringify({ type: 'run.paused', reason: 'user', seq: last.seq, time: last.time, runId: last.runId });
  writeLines(journal, lines);
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), prefix));
}
