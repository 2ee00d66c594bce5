/**
 * Inputs (`--input k=v` as JSON when it parses, else a string; `--inputs file.json`; graph defaults),
 * `--concurrency`, and Ctrl-C: SIGINT pauses the run (exit 2) and `raro resume` finishes it.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { journalsIn, jsonEvents, runCli, useTempWorkspace } from './cliProcess';

describe('cli-run: inputs, concurrency and Ctrl-C', function () {
  this.timeout(60_000);
  const workspace = useTempWorkspace('inputs');
  let cwd = '';
  beforeEach(() => { cwd = workspace(); });

  it('merges --inputs file, then --input (JSON when it parses, else string), over the graph defaults', async () => {
    fs.writeFileSync(path.join(cwd, 'inputs.json'), JSON.stringify({ goal: 'from the file', files: 'src/**' }));
    const result = await runCli([
      'run', 'examples/code-refactor.raro', '--approve', 'all', '--json', '--concurrency', '3',
      '--inputs', 'inputs.json', '--input', 'goal=Rename x to y',
    ], { cwd });
    assert.equal(result.code, 0, result.stderr);
    const started = jsonEvents(result.stdout)[0];
    assert.deepEqual(started.inputs, { goal: 'Rename x to y', files: 'src/**' });
    assert.equal(started.concurrency, 3);
  });

  it('parses --input values as JSON when they parse and applies defaults for the rest', async () => {
    const result = await runCli(['run', 'examples/research-team.raro', '--puppet', 'examples/research-team.puppet.json', '--approve', 'all', '--json', '--input', 'topic="the telegraph"'], { cwd });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(jsonEvents(result.stdout)[0].inputs, { topic: 'the telegraph' });
    const defaults = await runCli(['run', 'examples/research-team.raro', '--puppet', 'examples/research-team.puppet.json', '--approve', 'all', '--json'], { cwd });
    assert.deepEqual(jsonEvents(defaults.stdout)[0].inputs, { topic: 'the history of the transistor' });
  });

  it('rejects an input of the wrong type with exit 64', async () => {
    const result = await runCli(['run', 'examples/code-refactor.raro', '--input', 'goal=42'], { cwd });
    assert.equal(result.code, 64, result.stderr);
    assert.match(result.stderr, /goal/);
  });

  it('SIGINT pauses the run: exit 2, journal resumable, resume completes it without re-running finished nodes', async () => {
    const args = ['run', 'examples/research-team.raro', '--puppet', 'examples/research-team.puppet.json', '--approve', 'all', '--json'];
    let interrupted = false;
    const paused = await runCli(args, {
      cwd,
      onLine(line, child) {
        const event = JSON.parse(line) as { type: string; nodeId?: string };
        if (!interrupted && event.type === 'node.completed' && event.nodeId === 'researcher') {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    });
    assert.equal(paused.code, 2, paused.stderr);
    const before = jsonEvents(paused.stdout);
    assert.ok(before.some((e) => e.type === 'run.paused'));
    assert.ok(!before.some((e) => e.type === 'run.completed'));
    const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
    const resumed = await runCli(['resume', journal, '--puppet', 'examples/research-team.puppet.json', '--approve', 'all', '--json'], { cwd });
    assert.equal(resumed.code, 0, `${resumed.stderr}\n${resumed.stdout.slice(-1500)}`);
    const after = jsonEvents(resumed.stdout);
    assert.equal(after.at(-1)!.type, 'run.completed');
    assert.ok(!after.some((e) => e.type === 'node.started' && e.nodeId === 'researcher'), 'researcher ran again');
  });
});
