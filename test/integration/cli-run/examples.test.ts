/**
 * Every example runs end to end, offline, through the built CLI as a child process, in a temporary copy of
 * the examples folder (runs write journals and artifacts there, never into the repository).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { journalsIn, jsonEvents, runCli, useTempWorkspace } from './cliProcess';

const EXAMPLES = ['research-team', 'code-refactor', 'map-reduce-summarizer'] as const;

function exampleArgs(name: string, extra: string[] = []): string[] {
  return ['run', `examples/${name}.raro`, '--puppet', `examples/${name}.puppet.json`, '--approve', 'all', ...extra];
}

describe('cli-run: examples end to end', function () {
  this.timeout(60_000);
  const workspace = useTempWorkspace('examples');
  let cwd = '';
  beforeEach(() => { cwd = workspace(); });

  for (const name of EXAMPLES) {
    it(`${name} exits 0 and its --json stdout is only valid events ending with run.completed`, async () => {
      const result = await runCli(exampleArgs(name, ['--json']), { cwd });
      assert.equal(result.code, 0, result.stderr);
      const events = jsonEvents(result.stdout);
      assert.equal(events[0]?.type, 'run.started');
      assert.equal(events[events.length - 1]?.type, 'run.completed');
      events.forEach((e, i) => assert.equal(e.seq, i + 1, `event ${i} out of sequence`));
      assert.equal(journalsIn(path.join(cwd, '.raro', 'runs')).length, 1);
    });
  }

  it('research-team splices delegated sub-researchers (graph.spliced in the journal) and they run', async () => {
    const result = await runCli(exampleArgs('research-team'), { cwd });
    assert.equal(result.code, 0, result.stderr);
    const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
    const events = jsonEvents(fs.readFileSync(journal, 'utf8'));
    const spliced = events.filter((e) => e.type === 'graph.spliced' && e.source === 'delegation');
    assert.equal(spliced.length, 1);
    const completed = new Set(events.filter((e) => e.type === 'node.completed').map((e) => e.nodeId));
    for (const child of ['researcher/invention', 'researcher/impact']) assert.ok(completed.has(child), `${child} did not complete`);
    const report = fs.readFileSync(path.join(cwd, '.raro', 'artifacts', 'report.md'), 'utf8');
    assert.match(report, /Bardeen and Walter Brattain/);
  });

  it('code-refactor writes its refactoring to the artifacts volume and leaves the fixture untouched', async () => {
    const fixture = path.join(cwd, 'examples', 'refactor-fixture', 'src', 'invoice.js');
    const before = fs.readFileSync(fixture, 'utf8');
    const result = await runCli(exampleArgs('code-refactor'), { cwd });
    assert.equal(result.code, 0, result.stderr);
    const helper = fs.readFileSync(path.join(cwd, '.raro', 'artifacts', 'refactor', 'src', 'format-date.js'), 'utf8');
    assert.match(helper, /export function formatDate/);
    assert.equal(fs.readFileSync(fixture, 'utf8'), before);
  });

  it('without a TTY and without --json it prints plain log lines and the outputs', async () => {
    const result = await runCli(exampleArgs('map-reduce-summarizer'), { cwd });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /\] summarize\[2\] completed/);
    assert.match(result.stdout, /^completed: run /m);
    assert.match(result.stdout, /"overview": "Three inventions/);
    assert.ok(!result.stdout.includes('\u001b['), 'no cursor control outside a TTY');
  });
});
