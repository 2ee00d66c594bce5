/**
 * Rewind with "Re-run from Node": the files written by the re-run node and its downstream (the fork's own
 * closure) are put back; upstream writes stay; a file changed since is reported and left alone. The same
 * plan drives `raro rerun --rewind` (exercised here in-process, through the CLI's own rerun code).
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { rerunJournal } from '../../../cli/src/run/session';
import { compileBlueprint } from '../../../runtime/src/compile';
import { readRun } from '../../../runtime/src/journalFile';
import { startRun } from '../../../runtime/src/launch';
import { applyRerunRewind, describeRewind, planRerunRewind, rerunClosure } from '../../../runtime/src/rewind';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const write = (path: string, content: string): unknown => ({ toolCalls: [{ name: 'rfs.write', args: { path, content } }] });

/** a writes a.txt; b (after a) creates b.txt and rewrites c.txt; c (after b) writes nothing. */
async function firstRun(): Promise<{ root: string; journal: string }> {
  const root = mkdtempSync(join(tmpdir(), 'raro-rewind-'));
  writeFileSync(join(root, 'c.txt'), 'c before\n');
  writeFileSync(join(root, 'b.raro'), `blueprint "B" { model local = puppet "b.puppet.json"  default model local }
agent a { prompt "a" tools [rfs.write] }
agent b { prompt "b" tools [rfs.write] }
agent c { prompt "c" }
graph main() -> (out: string = c.text) { a -> b -> c }
`);
  writeFileSync(join(root, 'b.puppet.json'), JSON.stringify({ version: 1, onExhausted: 'repeat-last', responses: {
    a: [write('workspace:/a.txt', 'a by run\n'), { text: 'a done' }],
    b: [write('workspace:/b.txt', 'b by run\n'), write('workspace:/c.txt', 'c by run\n'), { text: 'b done' }],
    c: [{ text: 'c done' }],
  } }));
  const handle = startRun({ journalDir: join(root, 'runs'), root, approve: 'all', logger: quiet }, await compileBlueprint(join(root, 'b.raro')), { inputs: {} });
  assert.equal((await handle.done()).status, 'completed');
  handle.close();
  return { root, journal: handle.journalLocation };
}

describe('runtime: rewind on re-run', function () {
  this.timeout(20_000);

  it('the closure is the fork\'s: the node and its downstream, not its upstream', async () => {
    const { journal } = await firstRun();
    assert.deepEqual([...rerunClosure(await readRun(journal), 'b')].sort(), ['b', 'c']);
    assert.deepEqual([...rerunClosure(await readRun(journal), 'a')].sort(), ['a', 'b', 'c']);
  });

  it('reverts what the re-run nodes wrote, keeps upstream writes, reports a file changed since', async () => {
    const { root, journal } = await firstRun();
    const plan = await planRerunRewind(await readRun(journal), journal, 'b', root);
    assert.deepEqual(plan.changes.map((s) => [s.path, s.action]).sort(), [['workspace:/b.txt', 'remove'], ['workspace:/c.txt', 'restore']]);
    assert.deepEqual(plan.conflicts, []);
    await applyRerunRewind(plan);
    assert.equal(existsSync(join(root, 'b.txt')), false, 'the file b created is removed');
    assert.equal(readFileSync(join(root, 'c.txt'), 'utf8'), 'c before\n', 'the file b changed is back');
    assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'a by run\n', 'upstream a\'s write stays');
  });

  it('a file the user changed since is a conflict: reported, not overwritten', async () => {
    const { root, journal } = await firstRun();
    writeFileSync(join(root, 'c.txt'), 'c edited by the user\n');
    const plan = await planRerunRewind(await readRun(journal), journal, 'b', root);
    assert.deepEqual(plan.conflicts.map((s) => s.path), ['workspace:/c.txt']);
    await applyRerunRewind(plan);
    assert.equal(readFileSync(join(root, 'c.txt'), 'utf8'), 'c edited by the user\n');
    assert.equal(existsSync(join(root, 'b.txt')), false);
    assert.deepEqual(describeRewind(plan), ['reverted workspace:/b.txt (removed: the run created it)', 'not reverted: workspace:/c.txt changed since the run wrote it; left as it is']);
  });

  it('raro rerun --rewind reverts before re-running; without it the CLI only says what it would revert', async () => {
    const { root, journal } = await firstRun();
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (chunk: Buffer) => { said += chunk.toString(); });
    const io = { stdout: new PassThrough(), stderr, cwd: root };
    const options = { target: journal, inputs: {}, approve: 'none' as const, json: true, answers: [], from: 'b', puppet: join(root, 'b.puppet.json') };
    // approve none: the re-run's own writes are refused, so what is on disk afterwards is the rewind's doing.
    assert.equal(await rerunJournal(options, io, new AbortController().signal), 0);
    assert.match(said, /2 file\(s\) written by the re-run nodes are kept as they are .*--rewind reverts them first/);
    assert.equal(readFileSync(join(root, 'c.txt'), 'utf8'), 'c by run\n');
    said = '';
    assert.equal(await rerunJournal({ ...options, rewind: true }, io, new AbortController().signal), 0);
    assert.match(said, /raro rerun: reverted workspace:\/c\.txt to its text before the run/);
    assert.equal(readFileSync(join(root, 'c.txt'), 'utf8'), 'c before\n');
    assert.equal(existsSync(join(root, 'b.txt')), false);
  });
});
