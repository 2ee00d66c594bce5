/**
 * A subgraph output taken from a free-text agent's text (`-> (out: string = w.text)`), which `raro check`
 * accepts, reaches the caller through the CLI: not null, and the next node does not park in a drought.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonEvents, runCli, useTempWorkspace } from './cliProcess';

const BLUEPRINT = `blueprint "sub" {
  model m = puppet "sub.json"
  default model m
}
agent writer { prompt """draft about {{input.topic}}""" }
agent reader { prompt """read {{s.out}}""" }
graph inner(topic: string) -> (out: string = w.text) { node w = writer }
graph main(topic: string = "tides") -> (final: string = s.out) {
  call s = inner(topic: input.topic)
  s -> reader
}
`;

describe('cli-run: subgraph outputs from free text', function () {
  this.timeout(60_000);
  const workspace = useTempWorkspace('subtext');

  it('check accepts it, and run passes the text to the caller', async () => {
    const cwd = workspace();
    fs.writeFileSync(path.join(cwd, 'sub.raro'), BLUEPRINT);
    fs.writeFileSync(path.join(cwd, 'sub.json'), JSON.stringify({ version: 1, responses: { 's/w': [{ text: 'the draft' }], reader: [{ text: 'read it' }] } }));
    const check = await runCli(['check', 'sub.raro'], { cwd });
    assert.equal(check.code, 0, check.stdout + check.stderr);
    const run = await runCli(['run', 'sub.raro', '--graph', 'main', '--puppet', 'sub.json', '--json'], { cwd });
    assert.equal(run.code, 0, run.stderr);
    const events = jsonEvents(run.stdout);
    assert.ok(!events.some((ev) => ev.type === 'node.drought'));
    assert.equal(events.find((ev) => ev.type === 'node.started' && ev.nodeId === 'reader')?.prompt, 'read the draft');
    assert.deepEqual(events.at(-1)?.outputs, { final: 'the draft' });
  });
});
