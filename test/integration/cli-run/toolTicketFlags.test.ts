/**
 * Tool tickets from the command line: `--ticket-timeout` / `--timeout-decision` (bad values are exit 64; a
 * ticket nobody answers is decided by the timeout and the run goes on), and `raro resume --answer` with
 * `deny:<reason>` (the agent is told the reason) and `allow_rule` (later asks of that rule are allowed).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DECISION_TABLE, rowBlueprint } from '../../fixtures/cortex/decisionTable';
import { journalsIn, jsonEvents, runCli, useTempWorkspace } from './cliProcess';

const WRITES = { version: 1, responses: { a: [
  { toolCalls: [{ name: 'rfs.write', args: { path: 'src/a.ts', content: 'one\n' } }] },
  { toolCalls: [{ name: 'rfs.write', args: { path: 'src/b.ts', content: 'two\n' } }] },
  { toolCalls: [{ name: 'rfs.write', args: { path: 'src/c.ts', content: 'three\n' } }] },
  { text: 'done' },
] } };

function prepare(cwd: string): void {
  fs.writeFileSync(path.join(cwd, 'w.raro'), rowBlueprint({ ...DECISION_TABLE[0], policy: [] }, 'w.puppet.json'));
  fs.writeFileSync(path.join(cwd, 'w.puppet.json'), JSON.stringify(WRITES));
  fs.mkdirSync(path.join(cwd, 'src'));
}

describe('cli-run: tool tickets (timeout flags, deny reasons, allow all like this)', function () {
  this.timeout(60_000);
  const workspace = useTempWorkspace('tickets');

  it('refuses bad timeout flags with exit 64', async () => {
    const cwd = workspace();
    prepare(cwd);
    for (const [args, message] of [
      [['--ticket-timeout', '0'], /--ticket-timeout: expected a positive number of seconds, got '0'/],
      [['--ticket-timeout', 'soon'], /expected a positive number of seconds, got 'soon'/],
      [['--ticket-timeout', '5', '--timeout-decision', 'maybe'], /'--timeout-decision' expects one of deny, allow, got 'maybe'/],
      [['--timeout-decision', 'allow'], /--timeout-decision needs --ticket-timeout/],
    ] as const) {
      const result = await runCli(['run', 'w.raro', ...args], { cwd });
      assert.equal(result.code, 64, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
  });

  it('a ticket nobody answers is decided by --timeout-decision after --ticket-timeout, and the run completes', async () => {
    const cwd = workspace();
    prepare(cwd);
    const result = await runCli(['run', 'w.raro', '--ticket-timeout', '0.2', '--timeout-decision', 'allow', '--json'], { cwd });
    assert.equal(result.code, 0, result.stderr);
    const events = jsonEvents(result.stdout);
    assert.ok(events.some((e) => e.type === 'node.waiting'), 'the run showed waiting');
    assert.deepEqual(events.filter((e) => e.type === 'ticket.answered').map((e) => e.by), ['timeout', 'timeout', 'timeout']);
    assert.deepEqual(events.filter((e) => e.type === 'cortex.decision').map((e) => `${String(e.action)} by ${String(e.by)}`), ['allow by timeout', 'allow by timeout', 'allow by timeout']);
    assert.equal(fs.readFileSync(path.join(cwd, 'src', 'b.ts'), 'utf8'), 'two\n');
  });

  it('resume --answer T=deny:<reason> tells the agent; --answer T=allow_rule allows the next write of the rule without asking', async () => {
    const cwd = workspace();
    prepare(cwd);
    const first = await runCli(['run', 'w.raro', '--json'], { cwd });
    assert.equal(first.code, 2, first.stderr);
    const ticket = jsonEvents(first.stdout).find((e) => e.type === 'cortex.ticket');
    assert.deepEqual(ticket?.options, ['allow', 'allow_rule', 'deny']);
    const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
    const denied = await runCli(['resume', journal, '--answer', `${String(ticket?.ticketId)}=deny:write under src/generated instead`, '--json'], { cwd });
    assert.equal(denied.code, 2, denied.stderr);
    const events = jsonEvents(denied.stdout);
    const result = events.find((e) => e.type === 'node.tool_result');
    assert.equal(result?.error, 'tool call "rfs.write" denied: write under src/generated instead');
    assert.ok(!fs.existsSync(path.join(cwd, 'src', 'a.ts')));
    const second = events.find((e) => e.type === 'cortex.ticket');
    const granted = await runCli(['resume', journal, '--answer', `${String(second?.ticketId)}=allow_rule`, '--json'], { cwd });
    assert.equal(granted.code, 0, granted.stderr);
    const after = jsonEvents(granted.stdout);
    assert.deepEqual(after.filter((e) => e.type === 'cortex.decision').map((e) => `${String(e.action)} by ${String(e.by)}`), ['allow by human', 'allow by grant']);
    assert.equal(after.filter((e) => e.type === 'cortex.ticket').length, 0, 'the third write did not ask');
    assert.equal(fs.readFileSync(path.join(cwd, 'src', 'b.ts'), 'utf8'), 'two\n');
    assert.equal(fs.readFileSync(path.join(cwd, 'src', 'c.ts'), 'utf8'), 'three\n');
  });
});
