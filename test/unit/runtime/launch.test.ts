/** Starting a run through the runtime: a host's default budgets fill only the metrics the blueprint leaves open. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileBlueprint } from '../../../runtime/src/compile';
import { describeEvent } from '../../../runtime/src/describe';
import { readRun } from '../../../runtime/src/journalFile';
import { resumeRun, startRun } from '../../../runtime/src/launch';
import type { RunEvent } from '../../../kernel/src';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('runtime: launch', function () {
  this.timeout(20_000);

  it('applies default budgets only where the blueprint sets none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raro-launch-'));
    writeFileSync(join(dir, 'b.raro'), `blueprint "B" { model local = puppet "b.puppet.json"  default model local  limits { tokens 500 } }
agent a { prompt "hi" }
graph main() -> (out: string = a.text) { a }
`);
    writeFileSync(join(dir, 'b.puppet.json'), JSON.stringify({ version: 1, responses: { a: [{ text: 'hello' }] } }));
    const handle = startRun({ journalDir: join(dir, 'runs'), root: dir, approve: 'all', logger: quiet }, await compileBlueprint(join(dir, 'b.raro')), {
      inputs: {}, defaultLimits: { tokens: 5, nodes: 3 },
    });
    const outcome = await handle.done();
    handle.close();
    assert.equal(outcome.status, 'completed');
    assert.equal(handle.state().limits.tokens, 500, 'the blueprint\'s own budget wins');
    assert.equal(handle.state().limits.nodes, 3, 'the default fills the open metric');
  });

  it('passes the tool-ticket timeout to resumed runs too: the open ticket is denied by it, and the run log says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raro-launch-'));
    writeFileSync(join(dir, 'w.raro'), `blueprint "W" { model local = puppet "w.puppet.json"  default model local }
agent a { tools [rfs.write] }
graph main() { a }
`);
    const script = { version: 1, responses: { a: [{ toolCalls: [{ name: 'rfs.write', args: { path: 'x.txt', content: 'x' } }] }, { text: 'done' }] } };
    writeFileSync(join(dir, 'w.puppet.json'), JSON.stringify(script));
    const setup = { journalDir: join(dir, 'runs'), root: dir, approve: 'ask' as const, logger: quiet };
    const first = startRun(setup, await compileBlueprint(join(dir, 'w.raro')), { inputs: {} });
    assert.equal((await first.settled()).status, 'waiting', 'no timeout: the ticket waits');
    first.close();
    const previous = await readRun(first.journalLocation);
    const resumed = resumeRun({ ...setup, ticketTimeoutMs: 50, timeoutDecision: 'deny' }, previous, first.journalLocation);
    const lines: string[] = [];
    resumed.subscribe((event: RunEvent) => { const line = describeEvent(event); if (line && event.type === 'ticket.answered') lines.push(line); });
    assert.equal((await resumed.done()).status, 'completed');
    resumed.close();
    assert.equal(lines.length, 1);
    assert.match(lines[0], /answered deny by timeout: no answer within 50 ms: denied by the run's timeout decision/);
  });

  it('bills with the host price table (VS Code raro.prices) over the free puppet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raro-launch-'));
    writeFileSync(join(dir, 'b.raro'), `blueprint "B" { model local = puppet "b.puppet.json"  default model local }
agent a { prompt "hi" }
graph main() -> (out: string = a.text) { a }
`);
    writeFileSync(join(dir, 'b.puppet.json'), JSON.stringify({ version: 1, responses: { a: [{ text: 'hello', usage: { inputTokens: 1_000_000, outputTokens: 500_000 } }] } }));
    const blueprint = await compileBlueprint(join(dir, 'b.raro'));
    const setup = { journalDir: join(dir, 'runs'), root: dir, approve: 'all' as const, logger: quiet };
    const priced = startRun({ ...setup, prices: { 'b.puppet.json': { inputPerMTok: 2, outputPerMTok: 4 } } }, blueprint, { inputs: {} });
    assert.equal((await priced.done()).status, 'completed');
    priced.close();
    assert.equal(priced.state().usage.costUsd, 4, '1M input at $2 + 0.5M output at $4');
    const free = startRun(setup, blueprint, { inputs: {} });
    await free.done();
    free.close();
    assert.equal(free.state().usage.costUsd, 0, 'without the host table the puppet is free');
  });
});
