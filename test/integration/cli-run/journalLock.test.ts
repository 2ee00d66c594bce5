/**
 * One writer per journal, through the CLI process: two `raro resume` of one journal at once -> exactly one
 * runs, the other is refused with a message naming the owner's pid, and the journal stays intact; after the
 * winner is SIGKILLed its stale lock is taken over by the next resume, which finishes the run.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJournal } from '../../../kernel/src';
import { journalsIn, runCli, useTempWorkspace, type CliResult } from './cliProcess';

const BLUEPRINT = `blueprint "lock" {
  model m = puppet "short.json"
  default model m
}
agent first { prompt """go""" }
agent slow { prompt """then""" }
graph main() {
  first -> gate -> slow
  approve gate "Go on?"
}
`;

function script(slowDelayMs: number): string {
  return JSON.stringify({ version: 1, responses: { first: [{ text: 'one' }], slow: [{ text: 'two', delayMs: slowDelayMs }] } });
}

describe('cli-run: one writer per journal', function () {
  this.timeout(60_000);
  const workspace = useTempWorkspace('lock');

  it('two resumes of one journal at once: one is refused naming the owner, the journal stays intact', async () => {
    const cwd = workspace();
    fs.writeFileSync(path.join(cwd, 'lock.raro'), BLUEPRINT);
    fs.writeFileSync(path.join(cwd, 'long.json'), script(60_000));
    fs.writeFileSync(path.join(cwd, 'short.json'), script(0));
    const paused = await runCli(['run', 'lock.raro', '--puppet', 'short.json', '--json'], { cwd });
    assert.equal(paused.code, 2, paused.stderr);
    const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
    const before = fs.readFileSync(journal, 'utf8');

    // Both start together; the winner then waits 60 s inside `slow` and is killed once the loser has exited.
    const args = ['resume', journal, '--puppet', 'long.json', '--approve', 'all', '--json'];
    const children = new Map<number, () => void>();
    const started = [0, 1].map(() => runCli(args, { cwd, onLine: (_line, child) => { children.set(child.pid ?? -1, () => child.kill('SIGKILL')); } }));
    const loser = await Promise.race(started);
    assert.equal(loser.code, 1, `one resume is refused (exit ${String(loser.code)}): ${loser.stderr}`);
    for (const kill of children.values()) kill();
    const results = await Promise.all(started);
    const winner = results.find((r) => r !== loser) as CliResult;
    assert.equal(winner.signal, 'SIGKILL', 'the other one was running');
    assert.match(loser.stderr, new RegExp(`JOURNAL_LOCKED: journal .* is being written by another process \\(pid ${winner.pid},`));
    assert.equal(loser.stderr.trim().split('\n').length, 1, 'one line, no stack trace');

    const afterRace = fs.readFileSync(journal, 'utf8');
    assert.ok(afterRace.startsWith(before), 'nothing before the resume was rewritten');
    const events = parseJournal(afterRace).events;
    assert.equal(events.filter((ev) => ev.type === 'run.resumed').length <= 1, true, 'only one writer resumed the run');

    const finished = await runCli(['resume', journal, '--puppet', 'short.json', '--approve', 'all', '--json'], { cwd });
    assert.equal(finished.code, 0, `the stale lock of the killed resume is taken over: ${finished.stderr}`);
    const final = parseJournal(fs.readFileSync(journal, 'utf8')).events;
    assert.equal(final.at(-1)?.type, 'run.completed');
    assert.deepEqual(final.filter((ev) => ev.type === 'node.completed').map((ev) => ev.type === 'node.completed' && ev.nodeId), ['first', 'gate', 'slow']);
    assert.deepEqual(fs.readdirSync(path.dirname(journal)), [path.basename(journal)], 'no lock left behind');
  });
});
