/**
 * `raro run --record FILE`: a run's model turns become a puppet script, and running with that script
 * reproduces the run offline: the same nodes complete with the same outputs, splices included.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES, jsonEvents, runCli, useTempWorkspace } from './cliProcess';

function completions(stdout: string): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const event of jsonEvents(stdout)) if (event.type === 'node.completed') outputs[event.nodeId as string] = event.output;
  return outputs;
}

describe('cli-run: --record', function () {
  this.timeout(90_000);
  const workspace = useTempWorkspace('record');

  it('writes a puppet script that replays the run with the same nodes and outputs', async () => {
    const cwd = workspace();
    fs.cpSync(path.join(EXAMPLES, 'docs'), path.join(cwd, 'examples', 'docs'), { recursive: true });
    const blueprint = path.join(EXAMPLES, 'research-team.raro');
    const recorded = await runCli(['run', blueprint, '--puppet', path.join(EXAMPLES, 'research-team.puppet.json'), '--approve', 'all', '--json', '--record', 'rec.puppet.json'], { cwd });
    assert.equal(recorded.code, 0, recorded.stderr);
    assert.match(recorded.stderr, /recorded rec\.puppet\.json/);
    const replayed = await runCli(['run', blueprint, '--puppet', 'rec.puppet.json', '--approve', 'all', '--json'], { cwd });
    assert.equal(replayed.code, 0, replayed.stderr);
    const before = completions(recorded.stdout);
    assert.ok(Object.keys(before).includes('researcher/invention'), 'the recorded run spliced delegated nodes');
    assert.deepEqual(completions(replayed.stdout), before);
  });
});
