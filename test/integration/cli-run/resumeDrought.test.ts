/**
 * Resuming a drought-paused run without a terminal changes nothing until the drought is answered: no new
 * `nodes.queued`, the parked node stays parked (it was shown as ready before, one more queued event per resume).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldEvents, parseJournal } from '../../../kernel/src';
import { journalsIn, runCli, useTempWorkspace } from './cliProcess';

const BLUEPRINT = `blueprint "dry" {
  model m = puppet "dry.json"
  default model m
}
agent lister { prompt """list"""  output { xs: string[] } }
agent user { prompt """use {{lister.xs}}""" }
agent other { prompt """other""" }
graph main() {
  lister -> user
  lister -> other
}
`;

describe('cli-run: resuming a drought-paused run', function () {
  this.timeout(60_000);
  const workspace = useTempWorkspace('drought');

  it('each no-TTY resume leaves the journal and the parked node as they were', async () => {
    const cwd = workspace();
    fs.writeFileSync(path.join(cwd, 'dry.raro'), BLUEPRINT);
    fs.writeFileSync(path.join(cwd, 'dry.json'), JSON.stringify({ version: 1, responses: { lister: [{ text: '{"xs": []}' }], '*': [{ text: 'ok' }] } }));
    const first = await runCli(['run', 'dry.raro', '--puppet', 'dry.json', '--concurrency', '1'], { cwd });
    assert.equal(first.code, 2, first.stderr);
    const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
    const before = fs.readFileSync(journal, 'utf8');
    assert.equal(foldEvents(parseJournal(before).events).nodes.get('user')?.status, 'drought');
    for (let i = 0; i < 2; i++) {
      const resumed = await runCli(['resume', journal, '--puppet', 'dry.json'], { cwd });
      assert.equal(resumed.code, 2, resumed.stderr);
      const text = fs.readFileSync(journal, 'utf8');
      assert.equal(text, before, `resume ${i + 1} appended nothing`);
      assert.equal(foldEvents(parseJournal(text).events).nodes.get('user')?.status, 'drought');
    }
  });
});
