/**
 * Durability through the CLI: SIGKILL `raro run` (and then `raro resume`) at seeded random events of each
 * example, resume until the run ends, and prove from the puppet call log (`--puppet-stats`, one line per
 * provider call, written before the call) that no completed node was asked again and that every node was
 * answered exactly as in an uninterrupted run, with the same final outputs. Kills are triggered by events
 * read from --json stdout, never by timers.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJournal, type RunEvent } from '../../../kernel/src';
import { countCallsByNode, readPuppetCalls } from '../../../runtime/src/puppetStats';
import { assertBuilt, journalsIn, removeWorkspace, runCli, tempWorkspace, type CliResult } from '../cli-run/cliProcess';
import { seededRandom } from '../../support/seededRandom';
import { pickSorted } from './pickSorted';

const EXAMPLES = ['code-refactor', 'map-reduce-summarizer', 'research-team'] as const;
const SEEDS = [1, 7, 42, 1337];
const MAX_RESUMES = 4;

interface Reference { outputs: unknown; calls: Map<string, number>; lastSeq: number }

function runArgs(example: string): string[] {
  return ['run', `examples/${example}.raro`, '--puppet', `examples/${example}.puppet.json`, '--approve', 'all', '--json', '--puppet-stats', 'calls.log'];
}

function resumeArgs(journal: string): string[] {
  return ['resume', journal, '--approve', 'all', '--json', '--puppet-stats', 'calls.log'];
}

/** Runs the CLI and SIGKILLs it as soon as stdout shows an event with seq >= killAtSeq (if given). */
function runKilledAt(args: string[], cwd: string, killAtSeq: number | undefined): Promise<CliResult> {
  return runCli(args, {
    cwd,
    onLine(line, child) {
      if (killAtSeq === undefined || child.killed) return;
      const event = JSON.parse(line) as { seq: number };
      if (event.seq >= killAtSeq) child.kill('SIGKILL');
    },
  });
}

function durableEvents(journal: string): RunEvent[] {
  return parseJournal(fs.readFileSync(journal, 'utf8')).events;
}

function completedIn(events: readonly RunEvent[], afterSeq: number): string[] {
  return events.filter((e) => e.type === 'node.completed' && e.seq > afterSeq).map((e) => (e as { nodeId: string }).nodeId);
}

async function reference(example: string): Promise<Reference> {
  const cwd = tempWorkspace(`crash-ref-${example}`);
  try {
    const result = await runKilledAt(runArgs(example), cwd, undefined);
    assert.equal(result.code, 0, result.stderr);
    const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
    const events = durableEvents(journal);
    const last = events[events.length - 1];
    assert.equal(last.type, 'run.completed');
    return { outputs: (last as { outputs: unknown }).outputs, calls: countCallsByNode(readPuppetCalls(path.join(cwd, 'calls.log'))), lastSeq: last.seq };
  } finally {
    removeWorkspace(cwd);
  }
}

/** One process of the crash sequence: its pid and the journal's durable last seq before and after it. */
interface Step { pid: number; fromSeq: number; toSeq: number }

async function crashAndResume(example: string, cwd: string, killPoints: number[]): Promise<Step[]> {
  const steps: Step[] = [];
  const first = await runKilledAt(runArgs(example), cwd, killPoints[0]);
  // Kill points lie below the run's last event and the kill is sent on reading that event: the process still
  // has events to write and its journal to close, so it is alive when the signal lands (checked, not assumed).
  assert.equal(first.signal, 'SIGKILL', `the first process was not killed (exit ${String(first.code)})`);
  const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
  assert.ok(journal, `no journal after the first process (exit ${String(first.code)}, ${first.stderr})`);
  let lastSeq = durableEvents(journal).at(-1)!.seq;
  steps.push({ pid: first.pid, fromSeq: 0, toSeq: lastSeq });
  let finished = first.code === 0;
  for (let i = 1; !finished && i <= MAX_RESUMES; i++) {
    const resumed = await runKilledAt(resumeArgs(journal), cwd, killPoints[i]);
    const toSeq = durableEvents(journal).at(-1)!.seq;
    steps.push({ pid: resumed.pid, fromSeq: lastSeq, toSeq });
    lastSeq = toSeq;
    if (resumed.signal !== 'SIGKILL') {
      assert.equal(resumed.code, 0, `resume ${i} exited ${String(resumed.code)}: ${resumed.stderr}`);
      finished = true;
    }
  }
  assert.ok(finished, `the run did not finish after ${MAX_RESUMES} resumes`);
  return steps;
}

function assertEffectsAppliedOnce(cwd: string): void {
  const runs = path.join(cwd, '.raro', 'runs');
  for (const file of fs.readdirSync(runs).filter((f) => f.endsWith('.effects.ndjson'))) {
    const keys = fs.readFileSync(path.join(runs, file), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { key: string }).key);
    assert.equal(new Set(keys).size, keys.length, `a write effect was applied twice: ${keys.join(', ')}`);
  }
}

for (const example of EXAMPLES) {
  describe(`crash: ${example} killed at seeded random events, then resumed`, function () {
    this.timeout(120_000);
    let ref: Reference;
    before(async () => {
      assertBuilt();
      ref = await reference(example);
    });

    for (const seed of SEEDS) {
      it(`seed ${seed}: two SIGKILLs, resume; no completed node re-asked, same calls and outputs as uninterrupted`, async () => {
        const killPoints = pickSorted(seededRandom(seed), 2, 2, ref.lastSeq - 1);
        const cwd = tempWorkspace(`crash-${example}-${seed}`);
        try {
          const steps = await crashAndResume(example, cwd, killPoints);
          const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
          const events = durableEvents(journal);
          const last = events[events.length - 1];
          assert.equal(last.type, 'run.completed', `kill points ${killPoints.join(', ')}`);
          assert.deepEqual((last as { outputs: unknown }).outputs, ref.outputs);
          const completions = completedIn(events, 0);
          assert.equal(new Set(completions).size, completions.length, 'a node completed twice');
          const calls = readPuppetCalls(path.join(cwd, 'calls.log'));
          for (const [i, step] of steps.entries()) {
            const byThisProcess = countCallsByNode(calls, step.pid);
            const alreadyDone = new Set(completedIn(events.filter((e) => e.seq <= step.fromSeq), 0));
            for (const node of alreadyDone) {
              assert.equal(byThisProcess.get(node) ?? 0, 0, `process ${i} asked the provider again for completed node ${node}`);
            }
            for (const node of completedIn(events.filter((e) => e.seq <= step.toSeq), step.fromSeq)) {
              assert.equal(byThisProcess.get(node) ?? 0, ref.calls.get(node) ?? 0, `process ${i}: calls for ${node} differ from the uninterrupted run`);
            }
          }
          assertEffectsAppliedOnce(cwd);
        } finally {
          removeWorkspace(cwd);
        }
      });
    }
  });
}
