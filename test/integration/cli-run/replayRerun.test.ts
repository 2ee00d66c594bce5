/**
 * `raro replay` prints the same final state from the journal alone (no provider: the puppet script is gone
 * when it runs), and `raro rerun --from` reuses everything upstream (puppet call counts prove it).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPuppetStats } from '../../../runtime/src/puppetStats';
import { journalsIn, jsonEvents, runCli, useTempWorkspace } from './cliProcess';

const ARGS = ['run', 'examples/map-reduce-summarizer.raro', '--puppet', 'examples/map-reduce-summarizer.puppet.json', '--approve', 'all'];

describe('cli-run: replay and rerun', function () {
  this.timeout(60_000);
  const workspace = useTempWorkspace('replay');
  let cwd = '';
  beforeEach(() => { cwd = workspace(); });

  it('replay --json prints exactly the journaled events and the same final outputs, without any provider', async () => {
    const run = await runCli([...ARGS, '--json'], { cwd });
    assert.equal(run.code, 0, run.stderr);
    const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
    fs.rmSync(path.join(cwd, 'examples', 'map-reduce-summarizer.puppet.json'));
    const replay = await runCli(['replay', journal, '--json'], { cwd });
    assert.equal(replay.code, 0, replay.stderr);
    assert.deepEqual(jsonEvents(replay.stdout), jsonEvents(run.stdout));
    const human = await runCli(['replay', journal], { cwd });
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^completed: run /m);
    assert.match(human.stdout, /"overview": "Three inventions/);
  });

  it('rerun --from reducer reuses the lister and the summaries: only the reducer asks the provider again', async () => {
    const first = await runCli([...ARGS, '--puppet-stats', 'first.stats'], { cwd });
    assert.equal(first.code, 0, first.stderr);
    const firstCalls = readPuppetStats(path.join(cwd, 'first.stats'));
    assert.equal(firstCalls.get('lister'), 3);
    assert.equal(firstCalls.get('reducer'), 1);
    const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
    const rerun = await runCli(['rerun', journal, '--from', 'reducer', '--puppet', 'examples/map-reduce-summarizer.puppet.json', '--puppet-stats', 'rerun.stats', '--json'], { cwd });
    assert.equal(rerun.code, 0, rerun.stderr);
    const rerunCalls = readPuppetStats(path.join(cwd, 'rerun.stats'));
    assert.deepEqual([...rerunCalls.entries()], [['reducer', 1]]);
    const events = jsonEvents(rerun.stdout);
    const started = events[0];
    assert.equal(started.type, 'run.started');
    assert.deepEqual((started as { forkOf?: unknown }).forkOf, { runId: path.basename(journal, '.jsonl'), fromNode: 'reducer' });
    assert.deepEqual(events[events.length - 1].outputs, jsonEvents(fs.readFileSync(journal, 'utf8')).at(-1)!.outputs);
    assert.equal(journalsIn(path.join(cwd, '.raro', 'runs')).length, 2);
  });

  it('rerun --from one map instance re-runs that instance and the reducer, not its siblings', async () => {
    const first = await runCli([...ARGS, '--puppet-stats', 'first.stats'], { cwd });
    assert.equal(first.code, 0, first.stderr);
    const instances = [...readPuppetStats(path.join(cwd, 'first.stats')).keys()].filter((id) => id.startsWith('summarize['));
    assert.ok(instances.length >= 3, `the map fans out (${instances.join(', ')})`);
    const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
    const rerun = await runCli(['rerun', journal, '--from', 'summarize[1]', '--puppet', 'examples/map-reduce-summarizer.puppet.json', '--puppet-stats', 'rerun.stats'], { cwd });
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.deepEqual([...readPuppetStats(path.join(cwd, 'rerun.stats')).keys()].sort(), ['reducer', 'summarize[1]']);
  });
});
