import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileJournalStore, Kernel, KernelError, PuppetProvider, VirtualClock, parseJournal, singleProvider } from '../../../kernel/src';
import { agent, blueprint, e, graph, n } from './helpers';

const ir = blueprint([agent('a'), agent('b')], [graph('main', [n.agent('a'), n.approval('ok'), n.agent('b')], [e('a', 'ok'), e('ok', 'b')])]);

function kernelIn(dir: string): Kernel {
  const clock = new VirtualClock();
  return new Kernel({ journal: new FileJournalStore(dir), providers: singleProvider(new PuppetProvider({ version: 1, responses: { '*': [{ text: 'x' }] } }, clock)), clock, newRunId: () => 'locked-run' });
}

/** The pid of a process that has exited (nobody owns it now). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid;
}

function assertLocked(work: () => unknown, pid: number): void {
  assert.throws(work, (error: unknown) => {
    assert.ok(error instanceof KernelError);
    assert.equal(error.code, 'JOURNAL_LOCKED');
    assert.match(error.message, new RegExp(`pid ${pid}\\b`));
    return true;
  });
}

describe('kernel journal lock (one writer per journal)', () => {
  let dir = '';
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raro-lock-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a second writer while a run holds its journal, naming the owner; free again after close', async () => {
    const kernel = kernelIn(dir);
    const run = kernel.start({ blueprint: ir });
    assert.equal((await run.settled()).status, 'waiting');
    assertLocked(() => kernelIn(dir).resume(run.journalLocation), process.pid);
    const before = fs.readFileSync(run.journalLocation, 'utf8');
    run.close();
    assert.equal(fs.existsSync(`${run.journalLocation}.lock`), false, 'released on close');
    const resumed = kernelIn(dir).resume(run.journalLocation);
    assertLocked(() => kernelIn(dir).resume(run.journalLocation), process.pid);
    resumed.answer((await resumed.settled()).openTickets[0].ticketId, { choice: 'approve' });
    assert.equal((await resumed.settled()).status, 'completed');
    resumed.close();
    const text = fs.readFileSync(run.journalLocation, 'utf8');
    assert.ok(text.startsWith(before), 'the refused writer changed nothing');
    assert.equal(parseJournal(text).events.at(-1)?.type, 'run.completed');
    assert.deepEqual(fs.readdirSync(dir), ['locked-run.jsonl'], 'no lock or draft left behind');
  });

  it('takes over a stale lock (its process is gone, or it is unreadable) but not one from another host', async () => {
    const run = kernelIn(dir).start({ blueprint: ir });
    await run.settled();
    run.close();
    const lock = `${run.journalLocation}.lock`;
    for (const stale of [JSON.stringify({ pid: deadPid(), hostname: os.hostname(), startedAt: 'then', token: 't' }), '{"pid": 12', '']) {
      fs.writeFileSync(lock, stale);
      const resumed = kernelIn(dir).resume(run.journalLocation);
      assert.match(fs.readFileSync(lock, 'utf8'), new RegExp(`"pid":${process.pid}`), 'the lock is ours now');
      await resumed.settled();
      resumed.close();
      assert.equal(fs.existsSync(lock), false);
    }
    fs.writeFileSync(lock, JSON.stringify({ pid: deadPid(), hostname: `not-${os.hostname()}`, startedAt: 'then', token: 't' }));
    assert.throws(() => kernelIn(dir).resume(run.journalLocation), /JOURNAL_LOCKED|being written by another process \(pid \d+ on host not-/);
    assert.ok(fs.existsSync(lock), 'a lock from another host is left alone');
  });
});
