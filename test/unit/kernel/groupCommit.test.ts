import { strict as assert } from 'node:assert';
import { JournalWriter, Kernel, MemoryJournalStore, PuppetProvider, VirtualClock, parseJournal, singleProvider, type JournalSink, type RunEvent } from '../../../kernel/src';
import { agent, blueprint, e, graph, n } from './helpers';

/** A memory store whose sinks record every write (one entry per write call). */
class RecordingStore extends MemoryJournalStore {
  readonly writes: string[] = [];
  failWrites = false;

  override create(runId: string): JournalSink {
    const sink = super.create(runId);
    return {
      location: sink.location,
      write: (lines) => {
        if (this.failWrites) throw new Error('disk full');
        this.writes.push(lines);
        sink.write(lines);
      },
      sync: () => sink.sync(),
      close: () => sink.close(),
    };
  }
}

const stamp = (seq: number) => ({ seq, time: 0, runId: 'r' });
const completed = (nodeId: string, seq: number): RunEvent => ({
  type: 'node.completed', nodeId, output: 'x', text: 'x', by: 'agent', usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, ...stamp(seq),
});

/** The events of one write (a fragment of a journal, so not a whole journal for parseJournal). */
function linesOf(written: string): RunEvent[] {
  assert.ok(written.endsWith('\n'), 'whole lines only');
  return written.trimEnd().split('\n').map((line) => JSON.parse(line) as RunEvent);
}

describe('kernel journal: group commit', () => {
  it('nodes ending in the same burst share one write, made before the next task', async () => {
    const store = new RecordingStore();
    const writer = new JournalWriter(store, store.create('r'));
    writer.append(completed('a', 1));
    writer.append(completed('b', 2));
    writer.append(completed('c', 3));
    assert.equal(store.writes.length, 0, 'deferred to the end of the burst');
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(store.writes.length, 1);
    assert.deepEqual(linesOf(store.writes[0]).map((ev) => ev.seq), [1, 2, 3]);
  });

  it('writes every other boundary at once, with what was buffered before it', () => {
    const store = new RecordingStore();
    const writer = new JournalWriter(store, store.create('r'));
    writer.append(completed('a', 1));
    writer.append({ type: 'run.paused', reason: 'user', ...stamp(2) });
    assert.equal(store.writes.length, 1);
    assert.deepEqual(linesOf(store.writes[0]).map((ev) => ev.type), ['node.completed', 'run.paused']);
  });

  it('a deferred write that fails is thrown at the next append, not lost', async () => {
    const store = new RecordingStore();
    const writer = new JournalWriter(store, store.create('r'));
    store.failWrites = true;
    writer.append(completed('a', 1));
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.throws(() => writer.append(completed('b', 2)), /disk full/);
  });

  it('a fan-out run writes far fewer times than it ends nodes, and the journal is whole when it settles', async () => {
    const width = 40;
    const ids = Array.from({ length: width }, (_, i) => `w${i}`);
    const ir = blueprint([agent('root'), agent('w'), agent('join')], [graph('main',
      [n.agent('root'), ...ids.map((id) => n.agent(id, 'w')), n.agent('join')],
      [...ids.map((id) => e('root', id)), ...ids.map((id) => e(id, 'join'))])]);
    const store = new RecordingStore();
    const clock = new VirtualClock();
    const kernel = new Kernel({ journal: store, providers: singleProvider(new PuppetProvider({ version: 1, responses: { '*': [{ text: 'x' }] } }, clock)), clock });
    const run = kernel.start({ blueprint: ir, concurrency: 8 });
    const seen: RunEvent[] = [];
    run.subscribe((ev) => seen.push(ev));
    assert.equal((await run.settled()).status, 'completed');
    const onDisk = parseJournal(store.read(run.journalLocation)).events;
    assert.equal(onDisk.length, seen.length + 1, 'every event published is on disk (plus run.started)');
    const nodeEnds = onDisk.filter((ev) => ev.type === 'node.completed').length;
    assert.equal(nodeEnds, width + 2);
    assert.ok(store.writes.length < nodeEnds / 2, `${store.writes.length} writes for ${nodeEnds} node ends`);
  });
});
