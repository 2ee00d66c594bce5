/**
 * `raro resume --answer TICKET=choice[:value]`: a drought answered from the command line with a value
 * completes the run; an unknown ticket, a choice the ticket does not offer, or a missing value is exit 64.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { journalsIn, runCli, useTempWorkspace } from './cliProcess';

const BLUEPRINT = `blueprint "Dry" { model m = puppet "dry.json"  default model m }
agent source { prompt "Give nothing" }
agent sink { prompt "Use {{source.text}}" }
graph main() -> (out: string = sink.text) { source -> sink }
`;

describe('cli-run: --answer on resume', function () {
  this.timeout(90_000);
  const workspace = useTempWorkspace('answer');

  async function pausedAtDrought(cwd: string): Promise<{ journal: string; ticket: string }> {
    fs.writeFileSync(path.join(cwd, 'dry.raro'), BLUEPRINT);
    fs.writeFileSync(path.join(cwd, 'dry.json'), JSON.stringify({ version: 1, responses: { source: [{ text: '' }], sink: [{ text: 'used it' }] } }));
    const run = await runCli(['run', 'dry.raro'], { cwd });
    assert.equal(run.code, 2, run.stderr);
    const ticket = /waiting for a decision: ticket (\S+) \(drought\)/.exec(run.stdout)?.[1];
    assert.ok(ticket, run.stdout);
    return { journal: journalsIn(path.join(cwd, '.raro', 'runs'))[0], ticket };
  }

  it('provides the drought input from the flag and the run completes', async () => {
    const cwd = workspace();
    const { journal, ticket } = await pausedAtDrought(cwd);
    const resumed = await runCli(['resume', journal, '--answer', `${ticket}=provide_input:"filled by hand"`, '--json'], { cwd });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /"type":"node\.output_provided"[^\n]*"filled by hand"/);
    assert.match(resumed.stdout, /"type":"run\.completed"/);
  });

  it('refuses an unknown ticket, a choice not offered and a missing value with exit 64', async () => {
    const cwd = workspace();
    const { journal, ticket } = await pausedAtDrought(cwd);
    const unknown = await runCli(['resume', journal, '--answer', 'nope=skip'], { cwd });
    assert.equal(unknown.code, 64);
    assert.match(unknown.stderr, /has no ticket nope/);
    const wrong = await runCli(['resume', journal, '--answer', `${ticket}=approve`], { cwd });
    assert.equal(wrong.code, 64);
    assert.match(wrong.stderr, /"approve" is not one of rerun_upstream, provide_input, skip, stop/);
    const missing = await runCli(['resume', journal, '--answer', `${ticket}=provide_input`], { cwd });
    assert.equal(missing.code, 64);
    assert.match(missing.stderr, /needs a value/);
  });
});
