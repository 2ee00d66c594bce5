/**
 * Exit codes of `raro run`: 2 when the run waits for a decision, 1 when it fails, 64 for usage errors.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPuppetStats } from '../../../runtime/src/puppetStats';
import { journalsIn, jsonEvents, runCli, useTempWorkspace } from './cliProcess';

describe('cli-run: exit codes', function () {
  this.timeout(60_000);
  const workspace = useTempWorkspace('exit');
  let cwd = '';
  beforeEach(() => { cwd = workspace(); });

  it('exits 2 when an approval node waits and no TTY can answer (--approve ask), then resume --approve all finishes with 0', async () => {
    const paused = await runCli(['run', 'examples/code-refactor.raro', '--json'], { cwd });
    assert.equal(paused.code, 2, paused.stderr);
    const tickets = jsonEvents(paused.stdout).filter((e) => e.type === 'cortex.ticket');
    assert.equal(tickets.length, 1);
    assert.equal(tickets[0].kind, 'approval');
    const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
    const resumed = await runCli(['resume', journal, '--approve', 'all', '--json'], { cwd });
    assert.equal(resumed.code, 0, resumed.stderr);
    const events = jsonEvents(resumed.stdout);
    assert.equal(events[events.length - 1].type, 'run.completed');
    assert.ok(!events.some((e) => e.type === 'node.completed' && e.nodeId === 'planner'), 'planner ran again after resume');
  });

  it('exits 1 when a node fails (a non-retryable scripted error)', async () => {
    const script = { version: 1, responses: { '*': [{ error: { status: 400, message: 'bad request', retryable: false } }] } };
    fs.writeFileSync(path.join(cwd, 'failing.puppet.json'), JSON.stringify(script));
    const result = await runCli(['run', 'examples/map-reduce-summarizer.raro', '--puppet', 'failing.puppet.json'], { cwd });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /failed/);
  });

  it('--approve none rejects the approval: nothing downstream of it asks the provider, and the run is not left waiting', async () => {
    const result = await runCli(['run', 'examples/code-refactor.raro', '--approve', 'none', '--json', '--puppet-stats', 'calls.log'], { cwd });
    const events = jsonEvents(result.stdout);
    assert.ok(events.some((e) => e.type === 'ticket.answered' && (e.answer as { choice: string }).choice === 'reject'));
    assert.ok(events.some((e) => e.type === 'node.skipped' && e.nodeId === 'refactorer'), 'refactorer was not skipped');
    const calls = readPuppetStats(path.join(cwd, 'calls.log'));
    assert.equal(calls.get('refactorer') ?? 0, 0);
    assert.equal(calls.get('reviewer') ?? 0, 0);
    assert.ok(result.code === 0 || result.code === 1, `exit ${String(result.code)}: ${result.stderr}`);
  });

  const usageCases: [string, string[], RegExp][] = [
    ['an unknown flag', ['run', 'examples/research-team.raro', '--bogus'], /unknown option '--bogus'/],
    ['a missing blueprint file', ['run', 'examples/nope.raro'], /blueprint file not found: examples\/nope\.raro/],
    ['bad --input syntax', ['run', 'examples/research-team.raro', '--input', 'novalue'], /--input expects key=value, got 'novalue'/],
    ['a bad --approve value', ['run', 'examples/research-team.raro', '--approve', 'maybe'], /expects one of ask, all, none/],
    ['a non-numeric --concurrency', ['run', 'examples/research-team.raro', '--concurrency', 'x'], /positive integer/],
    ['an unknown graph', ['run', 'examples/research-team.raro', '--graph', 'nope', '--puppet', 'examples/research-team.puppet.json'], /nope/],
    ['rerun without --from', ['rerun', 'examples/research-team.raro'], /--from/],
    ['a missing journal', ['replay', '.raro/runs/none.jsonl'], /journal not found/],
    ['--input on resume', ['resume', 'examples/research-team.puppet.json', '--input', 'topic=x'], /--input cannot change a run on resume: the journal holds its graph and inputs/],
  ];
  for (const [what, args, message] of usageCases) {
    it(`exits 64 with a clear message for ${what}`, async () => {
      const result = await runCli(args, { cwd });
      assert.equal(result.code, 64, `stdout: ${result.stdout}\nstderr: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    });
  }

  for (const command of ['run', 'resume', 'replay', 'rerun', 'check', 'lsp']) {
    it(`raro ${command} --help prints its usage and every option it accepts, exit 0, running nothing`, async () => {
      const result = await runCli([command, '--help'], { cwd });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`^usage: raro ${command} `));
      const flagsInUsage = result.stdout.split('\n')[0].match(/--[a-z-]+/g) ?? [];
      const optionsSection = result.stdout.slice(result.stdout.indexOf('Options:'));
      for (const flag of new Set(flagsInUsage)) assert.match(optionsSection, new RegExp(`^  ${flag}\\b`, 'm'), `${flag} is not explained`);
      assert.ok(!fs.existsSync(path.join(cwd, '.raro', 'runs')), 'help started a run');
    });
  }

  it('raro --help lists every command and points to per-command help', async () => {
    const result = await runCli(['--help'], { cwd });
    assert.equal(result.code, 0);
    for (const command of ['run', 'resume', 'replay', 'rerun', 'check', 'lsp']) assert.match(result.stdout, new RegExp(`^  ${command} `, 'm'));
    assert.match(result.stdout, /raro <command> --help/);
  });
});
