import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileJournalStore, Kernel, PuppetProvider, VirtualClock, parseJournal, parsePuppetScript, singleProvider } from '../../../kernel/src';
import { chain, harness, startCollecting } from './helpers';

describe('kernel journal and subscriptions', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raro-journal-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one JSON-lines file per run and resumes it after a torn write', async () => {
    const clock = new VirtualClock();
    const script = { version: 1, responses: { '*': [{ text: 'x' }] } };
    const kernel = new Kernel({ journal: new FileJournalStore(dir, { fsync: true }), providers: singleProvider(new PuppetProvider(script, clock)), clock, newRunId: () => 'file-run' });
    const run = kernel.start({ blueprint: chain(['a', 'b', 'c']) });
    assert.equal((await run.settled()).status, 'completed');
    run.close();
    assert.equal(run.journalLocation, path.join(dir, 'file-run.jsonl'));
    const text = fs.readFileSync(run.journalLocation, 'utf8');
    const lines = text.trim().split('\n');
    const cut = lines.slice(0, 6).join('\n') + '\n' + lines[6].slice(0, 10);
    fs.writeFileSync(run.journalLocation, cut);
    const puppet = new PuppetProvider(script, clock);
    const again = new Kernel({ journal: new FileJournalStore(dir), providers: singleProvider(puppet), clock });
    const resumed = again.resume(run.journalLocation);
    assert.equal((await resumed.settled()).status, 'completed');
    resumed.close();
    const after = parseJournal(fs.readFileSync(run.journalLocation, 'utf8'));
    assert.equal(after.tornTail, false);
    assert.deepEqual(after.events.map((e) => e.seq), after.events.map((_, i) => i + 1));
    assert.equal(puppet.callCount('a'), 0);
  });

  it('refuses to overwrite an existing journal', () => {
    const store = new FileJournalStore(dir);
    store.create('same').close();
    assert.throws(() => store.create('same'), /EEXIST/);
  });

  it('delivers events in order to every subscriber, replays history, and isolates a throwing listener', async () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
    const run = h.kernel.start({ blueprint: chain(['a', 'b']) });
    const late: number[] = [];
    const replayed: number[] = [];
    run.subscribe(() => {
      throw new Error('consumer bug');
    });
    run.subscribe((e) => late.push(e.seq));
    run.subscribe((e) => replayed.push(e.seq), { replay: true });
    const off = run.subscribe(() => assert.fail('unsubscribed listener called'));
    off();
    assert.equal((await run.settled()).status, 'completed');
    assert.equal(replayed[0], 1);
    assert.deepEqual(replayed, replayed.map((_, i) => i + 1));
    assert.deepEqual(late, replayed.slice(1));
  });

  it('a replaying subscriber that joins mid-run, from inside a listener, sees every event exactly once', async () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
    const run = h.kernel.start({ blueprint: chain(['a', 'b', 'c']) });
    const all: number[] = [];
    const joined: number[] = [];
    let subscribed = false;
    run.subscribe((e) => {
      all.push(e.seq);
      if (e.type === 'node.completed' && e.nodeId === 'b' && !subscribed) {
        subscribed = true;
        run.subscribe((later) => joined.push(later.seq), { replay: true });
      }
    });
    assert.equal((await run.settled()).status, 'completed');
    assert.ok(subscribed, 'the late subscriber joined');
    assert.deepEqual(joined, joined.map((_, i) => i + 1), 'in order, from seq 1, with no gap or duplicate');
    assert.equal(joined[joined.length - 1], all[all.length - 1]);
  });

  it('replays a resumed run from its journal: the events before the crash and after', async () => {
    const clock = new VirtualClock();
    const script = { version: 1, responses: { '*': [{ text: 'x' }] } };
    const kernel = new Kernel({ journal: new FileJournalStore(dir), providers: singleProvider(new PuppetProvider(script, clock)), clock, newRunId: () => 'replayed' });
    const first = kernel.start({ blueprint: chain(['a', 'b']) });
    assert.equal((await first.settled()).status, 'completed');
    first.close();
    const lines = fs.readFileSync(first.journalLocation, 'utf8').trim().split('\n');
    fs.writeFileSync(first.journalLocation, lines.slice(0, 4).join('\n') + '\n');
    const resumed = kernel.resume(first.journalLocation);
    const seen: string[] = [];
    resumed.subscribe((e) => seen.push(e.type), { replay: true });
    assert.equal(seen.length, 4, 'the four journaled events, synchronously');
    assert.equal((await resumed.settled()).status, 'completed');
    resumed.close();
    const onDisk = parseJournal(fs.readFileSync(first.journalLocation, 'utf8')).events.map((e) => e.type);
    assert.deepEqual(seen, onDisk);
  });

  it('says in one short line why a file is not a journal', () => {
    const wrong: [string, RegExp][] = [
      ['{"key":"run-1:publisher:0","result":{"bytes":116}}', /^journal line 1 is not a valid event: type is missing$/],
      ['{"type":"effect","seq":1,"time":0,"runId":"r"}', /^journal line 1 is not a valid event: unknown type "effect"$/],
      ['{"type":"run.paused","reason":"coffee","seq":1,"time":0,"runId":"r"}', /^journal line 1 is not a valid event: reason: /],
    ];
    for (const [line, message] of wrong) {
      assert.throws(() => parseJournal(`${line}\n`), (error: Error) => {
        assert.match(error.message, message);
        assert.ok(error.message.length < 200, `too long: ${error.message}`);
        return true;
      });
    }
  });

  it('validates puppet scripts with a path to the problem', () => {
    assert.throws(() => parsePuppetScript({ version: 2, responses: {} }), /version/);
    assert.throws(() => parsePuppetScript({ version: 1, responses: { a: [{ txt: 'typo' }] } }), /responses\.a\.0/);
    assert.throws(() => parsePuppetScript('{not json'), /not JSON/);
  });

  it('puppet: node id before agent name before *, in order, last response repeats', async () => {
    const h = harness({ version: 1, responses: { b: [{ text: 'b1' }, { text: 'b2' }], '*': [{ text: 'star' }] } });
    const { run } = startCollecting(h.kernel, { blueprint: chain(['a', 'b']) });
    await run.settled();
    assert.deepEqual(h.puppet.calls.map((c) => [c.nodeId, c.key, c.index]), [['a', '*', 0], ['b', 'b', 0]]);
    const strict = harness({ version: 1, onExhausted: 'error', responses: { a: [{ text: 'once' }], b: [{ text: 'x' }] } });
    const second = startCollecting(strict.kernel, { blueprint: chain(['a', 'b']) });
    assert.equal((await second.run.settled()).status, 'completed');
    const loop = harness({ version: 1, onExhausted: 'error', responses: { a: [{ toolCalls: [{ name: 'x', args: {} }] }] } });
    const third = startCollecting(loop.kernel, { blueprint: chain(['a']) });
    const outcome = await third.run.settled();
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.error?.message ?? '', /exhausted/);
  });
});
