import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RunHistory, type HistoryEntry, type RunSummary } from '../../../runtime/src/history';
import { readRun } from '../../../runtime/src/journalFile';
import { journalLines, pauseInsteadOfEnd, priceNodes, tempDir, writeLines, writeRun } from './journals';

function run(entry: HistoryEntry | undefined): RunSummary {
  assert.ok(entry, 'an entry');
  assert.equal(entry.kind, 'run', entry.kind === 'unreadable' ? entry.reason : '');
  return entry;
}

/** Totals as the kernel's fold computes them: the oracle for every count. */
async function folded(journal: string): Promise<{ tokens: number; costUsd: number; done: number; total: number }> {
  const { state } = await readRun(journal);
  const done = state.counts.completed + state.counts.failed + state.counts.skipped;
  return { tokens: state.usage.inputTokens + state.usage.outputTokens, costUsd: state.usage.costUsd, done, total: state.nodes.size };
}

/** 3 nodes streaming 400 chunks each: a journal of ~100 KB, far larger than a listing reads. */
const BIG = { script: { version: 1, responses: { '*': [{ text: 'x'.repeat(400), chunks: 400, delayMs: 1000, usage: { inputTokens: 10, outputTokens: 400 } }] } } };

describe('runtime run history', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('raro-history-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('summarizes a completed run from its header and tail, with the totals the fold computes', async () => {
    const { journal, runId } = await writeRun(dir, 'r1');
    priceNodes(journal, 0.125);
    const [entry, ...rest] = await new RunHistory().list(dir);
    assert.equal(rest.length, 0);
    const summary = run(entry);
    const oracle = await folded(journal);
    assert.equal(summary.runId, runId);
    assert.equal(summary.journal, journal);
    assert.equal(summary.graph, 'main');
    assert.equal(summary.blueprintName, 'test');
    assert.equal(summary.blueprintOrigin, 'test.raro');
    assert.equal(summary.status, 'completed');
    assert.equal(summary.counted, true, 'a small journal is covered by its tail');
    assert.equal(summary.tokens, oracle.tokens);
    assert.equal(summary.tokens, 45);
    assert.equal(summary.costUsd, oracle.costUsd);
    assert.equal(summary.costUsd, 0.375);
    assert.deepEqual([summary.nodesDone, summary.nodesTotal], [oracle.done, oracle.total]);
    assert.equal(summary.durationMs, 3000, 'three nodes of one virtual second each');
    assert.equal(summary.tornTail, false);
  });

  it('keeps the usage flags of the journal: estimated tokens and unpriced calls, as the fold does', async () => {
    const { journal } = await writeRun(dir, 'flags');
    let marked = 0;
    writeLines(journal, journalLines(journal).map((line) => {
      const event = JSON.parse(line) as { type: string; usage?: { estimated?: boolean; costUnknown?: boolean } };
      if (event.type === 'node.completed' && event.usage && marked++ === 0) Object.assign(event.usage, { estimated: true, costUnknown: true });
      return JSON.stringify(event);
    }));
    const summary = run(await new RunHistory().summarize(journal));
    const { state } = await readRun(journal);
    assert.deepEqual([summary.costEstimated, summary.costUnknown], [true, true]);
    assert.deepEqual([state.usage.estimated, state.usage.costUnknown], [true, true], 'the fold agrees');
    const plain = run(await new RunHistory().summarize((await writeRun(dir, 'plain')).journal));
    assert.deepEqual([plain.costEstimated, plain.costUnknown], [undefined, undefined]);
  });

  it('reads only the tail of a large journal, and counts it in full on request', async () => {
    const { journal } = await writeRun(dir, 'big', BIG);
    assert.ok(fs.statSync(journal).size > 64 * 1024);
    priceNodes(journal, 0.5);
    const history = new RunHistory({ tailBytes: 300 });
    const summary = run(await history.summarize(journal));
    assert.equal(summary.status, 'completed');
    assert.equal(summary.counted, false);
    assert.equal(summary.tokens, undefined);
    assert.equal(summary.costUsd, undefined);
    const counted = run(await history.count(journal));
    const oracle = await folded(journal);
    assert.equal(counted.counted, true);
    assert.deepEqual([counted.tokens, counted.costUsd, counted.nodesDone, counted.nodesTotal], [oracle.tokens, oracle.costUsd, oracle.done, oracle.total]);
    assert.equal(run(await history.summarize(journal)), counted, 'the count is cached while the file is unchanged');
  });

  it('lists an empty file, a torn first line and a foreign file as unreadable with a reason', async () => {
    fs.writeFileSync(path.join(dir, 'empty.jsonl'), '');
    fs.writeFileSync(path.join(dir, 'torn.jsonl'), '{"type":"run.started","seq":1');
    fs.writeFileSync(path.join(dir, 'foreign.jsonl'), 'hello\nworld\n');
    fs.writeFileSync(path.join(dir, 'other.jsonl'), '{"type":"node.ready"}\n');
    const entries = await new RunHistory().list(dir);
    const reasons = new Map(entries.map((e) => [path.basename(e.journal), e.kind === 'unreadable' ? e.reason : 'readable']));
    assert.match(reasons.get('empty.jsonl') ?? '', /empty/);
    assert.match(reasons.get('torn.jsonl') ?? '', /first line is incomplete/);
    assert.match(reasons.get('foreign.jsonl') ?? '', /not JSON/);
    assert.match(reasons.get('other.jsonl') ?? '', /not a run\.started/);
    assert.equal(entries.find((e) => e.journal.endsWith('empty.jsonl'))?.runId, 'empty');
  });

  it('lists a run whose last line was torn by a crash as interrupted', async () => {
    const { journal } = await writeRun(dir, 'torn', BIG);
    const lines = journalLines(journal);
    const last = lines.pop() ?? '';
    writeLines(journal, lines, last.slice(0, 12));
    for (const history of [new RunHistory(), new RunHistory({ tailBytes: 200 })]) {
      const summary = run(await history.summarize(journal));
      assert.equal(summary.status, 'interrupted');
      assert.equal(summary.tornTail, true);
      const counted = run(await history.count(journal));
      assert.equal(counted.status, 'interrupted');
      assert.equal(counted.tornTail, true);
      assert.equal(counted.tokens, (await folded(journal)).tokens);
    }
  });

  it('tells a paused run from an interrupted one, and a run this process is running', async () => {
    const paused = await writeRun(dir, 'paused', { ...BIG, startAt: 1_700_000_100_000 });
    pauseInsteadOfEnd(paused.journal);
    const cut = await writeRun(dir, 'cut', { startAt: 1_700_000_200_000 });
    writeLines(cut.journal, journalLines(cut.journal).slice(0, -3));
    const live = await writeRun(dir, 'live', { startAt: 1_700_000_300_000 });
    const entries = await new RunHistory().list(dir, { active: new Set(['live']) });
    assert.deepEqual(entries.map((e) => [e.runId, e.kind === 'run' ? e.status : e.reason]), [
      ['live', 'running'], ['cut', 'interrupted'], ['paused', 'paused'],
    ], 'newest first');
    assert.equal(run(entries[0]).durationMs, undefined, 'a running run has no duration yet');
    assert.equal(live.runId, 'live');
  });

  it('ignores effect ledgers and lock files, and a missing folder has no runs', async () => {
    await writeRun(dir, 'only');
    fs.writeFileSync(path.join(dir, 'only.effects.ndjson'), '{"x":1}\n');
    fs.writeFileSync(path.join(dir, 'only.jsonl.lock'), '123');
    fs.writeFileSync(path.join(dir, 'only.lock'), '123');
    assert.deepEqual((await new RunHistory().list(dir)).map((e) => e.runId), ['only']);
    assert.deepEqual(await new RunHistory().list(path.join(dir, 'nope')), []);
  });

  it('follows a growing journal: a changed file is read again, counting goes on from where it stopped', async () => {
    const { journal } = await writeRun(dir, 'grow', BIG);
    priceNodes(journal, 0.25);
    const all = journalLines(journal);
    const cut = all.findIndex((line) => line.includes('"type":"node.completed"')) + 1;
    writeLines(journal, all.slice(0, cut), all[cut].slice(0, 20));
    const history = new RunHistory({ tailBytes: 256 });
    const first = run(await history.count(journal));
    assert.equal(first.status, 'interrupted');
    assert.equal(first.tornTail, true);
    writeLines(journal, all);
    const again = run(await history.summarize(journal));
    assert.equal(again.status, 'completed');
    const counted = run(await history.count(journal));
    const oracle = await folded(journal);
    assert.deepEqual([counted.tokens, counted.costUsd, counted.nodesDone, counted.tornTail], [oracle.tokens, oracle.costUsd, oracle.done, false]);
  });

  it('forgets a deleted journal', async () => {
    const { journal } = await writeRun(dir, 'gone');
    const history = new RunHistory();
    assert.equal((await history.list(dir)).length, 1);
    fs.rmSync(journal);
    assert.equal(await history.summarize(journal), undefined);
    assert.deepEqual(await history.list(dir), []);
  });

  it('reads further back when the last line is longer than the tail', async () => {
    const { journal } = await writeRun(dir, 'long-end', BIG);
    const lines = journalLines(journal);
    const end = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
    lines[lines.length - 1] = JSON.stringify({ ...end, outputs: { report: 'y'.repeat(50_000) } });
    writeLines(journal, lines);
    const summary = run(await new RunHistory({ tailBytes: 1024 }).summarize(journal));
    assert.equal(summary.status, 'completed');
    assert.equal(summary.counted, false);
  });

  it('finds the run-level mark behind later lines, and not inside an output', async () => {
    const { journal } = await writeRun(dir, 'paused-late', BIG);
    const lines = journalLines(journal);
    const last = JSON.parse(lines[lines.length - 1]) as { seq: number; time: number; runId: string };
    // A pause, then a node that ends with an output that looks like a run event.
    lines[lines.length - 1] = JSON.stringify({ type: 'run.paused', reason: 'user', seq: last.seq, time: last.time, runId: last.runId });
    lines.push(JSON.stringify({ type: 'node.completed', nodeId: 'c', output: { type: 'run.completed', outputs: {} }, usage: { inputTokens: 1, outputTokens: 1, costUsd: 0 }, by: 'agent', seq: last.seq + 1, time: last.time + 5, runId: last.runId }));
    writeLines(journal, lines);
    const history = new RunHistory({ tailBytes: 2048 });
    const summary = run(await history.summarize(journal));
    assert.equal(summary.counted, false);
    assert.equal(summary.status, 'paused');
    assert.equal(summary.endedAt, last.time + 5, 'a paused run ends, for now, at its last event');
    assert.equal(run(await history.count(journal)).status, 'paused');
    assert.equal((await readRun(journal)).state.status, 'paused', 'the fold agrees');
  });

  it('lists a journal of another IR version as unreadable, saying which version', async () => {
    const { journal } = await writeRun(dir, 'old');
    const lines = journalLines(journal);
    lines[0] = lines[0].replace('"irVersion":2', '"irVersion":1');
    writeLines(journal, lines);
    const entry = await new RunHistory().summarize(journal);
    assert.equal(entry?.kind, 'unreadable');
    assert.match(entry.kind === 'unreadable' ? entry.reason : '', /IR version 1 \(this RARO reads IR version 2\)/);
  });

  it('keeps summaries in an index between sessions, used only while a journal is unchanged', async () => {
    const { journal } = await writeRun(dir, 'kept', BIG);
    const other = await writeRun(dir, 'changed', BIG);
    const indexFile = path.join(dir, 'storage', 'index.json');
    fs.utimesSync(journal, 1_700_000_000, 1_700_000_000);
    const errors: string[] = [];
    const first = new RunHistory({ indexFile, onIndexError: (m) => errors.push(m) });
    await first.list(dir);
    const counted = run(await first.count(journal));
    await first.flushIndex();
    // The next session: same bytes count and mtime, different content, so only the index can tell the truth.
    const stat = fs.statSync(journal);
    fs.writeFileSync(journal, 'x'.repeat(stat.size));
    fs.utimesSync(journal, 1_700_000_000, 1_700_000_000);
    fs.appendFileSync(other.journal, '{"torn');
    const second = new RunHistory({ indexFile, onIndexError: (m) => errors.push(m) });
    const entries = await second.list(dir);
    assert.deepEqual(run(entries.find((e) => e.runId === 'kept')), counted, 'from the index, totals included');
    assert.equal(run(entries.find((e) => e.runId === 'changed')).tornTail, true, 'a grown journal is read again');
    assert.deepEqual(errors, []);
  });

  it('rebuilds a damaged index and says so', async () => {
    await writeRun(dir, 'one');
    const indexFile = path.join(dir, 'index.json');
    fs.writeFileSync(indexFile, '{"version":1,"entr');
    const errors: string[] = [];
    const history = new RunHistory({ indexFile, onIndexError: (m) => errors.push(m) });
    assert.deepEqual((await history.list(dir)).map((e) => e.runId), ['one']);
    await history.flushIndex();
    assert.match(errors.join('\n'), /ignored .*rebuilt/);
    assert.equal((JSON.parse(fs.readFileSync(indexFile, 'utf8')) as { entries: unknown[] }).entries.length, 1);
  });
});
