import { strict as assert } from 'node:assert';
import type { BlueprintIR } from '../../../language/src/ir';
import { foldEvents, parseJournal, type RunEvent, type RunHandle } from '../../../kernel/src';
import { agent, blueprint, cond, e, graph, harness, n, output, ref, startCollecting } from './helpers';

const list = { kind: 'list' as const, of: { kind: 'string' as const } };

function researchBlueprint(): BlueprintIR {
  return blueprint([
    agent('researcher', { output: { kind: 'object', fields: [{ name: 'findings', shape: list, optional: false }] }, delegate: { maxChildren: 3, maxDepth: 1 } }),
    agent('summarize', { prompt: 'sum {{item}}' }),
    agent('critic', { prompt: '{{summarize.items}}', output: { kind: 'object', fields: [{ name: 'verdict', shape: { kind: 'string' }, optional: false }] } }),
    agent('publish', { prompt: 'publish {{critic.verdict}}' }),
    agent('fix'),
  ], [graph('main', [
    n.agent('researcher'), n.map('summarize', 'summarize', ref.node('researcher', 'findings')), n.agent('critic'), n.approval('ok'), n.agent('publish'), n.agent('fix'),
  ], [
    e('researcher', 'summarize'), e('summarize', 'critic'),
    e('critic', 'ok', cond(ref.node('critic', 'verdict'), '==', 'good')), e('critic', 'fix', 'else'), e('ok', 'publish'),
  ], { outputs: [output('report', ref.node('publish')), output('fixed', ref.node('fix'))] })]);
}

const delegation = '```json:delegation\n{"reason":"split","nodes":[{"id":"s1","prompt":"one"},{"id":"s2","prompt":"two","depends_on":["s1"]}]}\n```';
const script = (verdict = 'good') => ({ version: 1, responses: {
  researcher: [{ text: `{"findings":["f1","f2","f3"]}\n${delegation}` }],
  'researcher/s1': [{ text: 'S1' }],
  'researcher/s2': [{ text: 'S2', chunks: 2 }],
  summarize: [{ text: 'sum' }],
  critic: [{ text: `{"verdict":"${verdict}"}` }],
  publish: [{ text: 'REPORT' }],
  fix: [{ text: 'FIXED' }],
} });

const approveAll = () => ({ choice: 'approve' });

function startCollectingFork(h: ReturnType<typeof harness>, location: string, fromNode: string): { run: RunHandle; events: RunEvent[] } {
  const run = h.kernel.fork(location, fromNode);
  const events: RunEvent[] = [];
  run.subscribe((ev) => events.push(ev), { replay: true });
  return { run, events };
}

function outputsOf(run: RunHandle): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, node] of run.state().nodes) out[id] = node.output ?? null;
  return out;
}

describe('kernel durability', () => {
  it('resumes from a journal cut at every event boundary: no completed node re-runs, same outputs', async () => {
    const h = harness(script(), { answerer: approveAll });
    const { run, events } = startCollecting(h.kernel, { blueprint: researchBlueprint(), concurrency: 2 });
    const reference = await run.settled();
    assert.equal(reference.status, 'completed', JSON.stringify(reference.error));
    assert.deepEqual(reference.outputs, { report: 'REPORT', fixed: null });
    assert.ok(events.some((ev) => ev.type === 'nodes.queued'), 'the cuts include a journal ending in queued nodes');
    run.close();
    const referenceNodes = outputsOf(run);
    const lines = h.store.read(run.journalLocation).split('\n').filter(Boolean);
    assert.equal(lines.length, events.length);
    for (let cut = 1; cut < lines.length; cut++) {
      const prefix = lines.slice(0, cut).join('\n') + '\n';
      const completedBefore = [...foldEvents(parseJournal(prefix).events).nodes.values()].filter((x) => x.status === 'completed').map((x) => x.spec.id);
      const again = harness(script(), { answerer: approveAll, journal: h.store });
      again.store.put(run.journalLocation, prefix);
      const resumed = again.kernel.resume(run.journalLocation);
      const outcome = await resumed.settled();
      assert.equal(outcome.status, 'completed', `cut ${cut}: ${JSON.stringify(outcome.error)}`);
      assert.deepEqual(outcome.outputs, reference.outputs, `cut ${cut}`);
      for (const id of completedBefore) assert.equal(again.puppet.callCount(id), 0, `cut ${cut}: ${id} ran again`);
      assert.deepEqual(outputsOf(resumed), referenceNodes, `cut ${cut}: node outputs`);
      resumed.close();
      const journal = parseJournal(again.store.read(run.journalLocation));
      assert.equal(journal.tornTail, false);
      assert.equal(foldEvents(journal.events).status, 'completed', 'the resumed journal folds to the same end');
    }
  });

  it('the live state equals the fold of the journal (state is a pure fold over events)', async () => {
    const h = harness(script(), { answerer: approveAll });
    const { run } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    await run.settled();
    run.close();
    const folded = foldEvents(parseJournal(h.store.read(run.journalLocation)).events);
    const view = (s: typeof folded) => JSON.stringify({
      status: s.status, usage: s.usage, outputs: s.outputs, counts: s.counts, tickets: [...s.tickets.values()],
      nodes: [...s.nodes.values()].map((x) => [x.spec, x.status, x.output ?? null, x.usage, x.subtreeUsage, x.in.map((y) => [y.from, y.live])]),
    });
    assert.equal(view(folded), view(run.state()));
  });

  it('drops a torn last line and continues the journal after it', async () => {
    const h = harness(script(), { answerer: approveAll });
    const { run } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    await run.settled();
    run.close();
    const text = h.store.read(run.journalLocation);
    const torn = text.slice(0, Math.floor(text.length / 2));
    assert.equal(parseJournal(torn).tornTail, true);
    h.store.put(run.journalLocation, torn);
    const again = harness(script(), { answerer: approveAll, journal: h.store });
    const resumed = again.kernel.resume(run.journalLocation);
    assert.equal((await resumed.settled()).status, 'completed');
    resumed.close();
    const parsed = parseJournal(again.store.read(run.journalLocation));
    assert.equal(parsed.tornTail, false);
  });

  it('rejects a journal with a corrupt line in the middle', () => {
    assert.throws(() => parseJournal('{"not":"an event"}\n{}\n'), /not a valid event/);
  });

  it('resuming a finished run does nothing', async () => {
    const h = harness(script(), { answerer: approveAll });
    const { run } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    await run.settled();
    run.close();
    const again = harness(script(), { answerer: approveAll, journal: h.store });
    const resumed = again.kernel.resume(run.journalLocation);
    assert.equal((await resumed.settled()).status, 'completed');
    assert.equal(again.puppet.totalCalls, 0);
  });

  it('resumes a run paused on a ticket with the ticket still open', async () => {
    const h = harness(script());
    const { run } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    const waiting = await run.settled();
    assert.equal(waiting.status, 'waiting');
    run.close();
    const again = harness(script(), { journal: h.store });
    const resumed = again.kernel.resume(run.journalLocation);
    const stillWaiting = await resumed.settled();
    assert.equal(stillWaiting.status, 'waiting');
    assert.equal(stillWaiting.openTickets[0].ticketId, waiting.openTickets[0].ticketId);
    resumed.answer(stillWaiting.openTickets[0].ticketId, { choice: 'approve' });
    assert.equal((await resumed.settled()).status, 'completed');
    assert.equal(again.puppet.callCount('publish'), 1);
    assert.equal(again.puppet.callCount('critic'), 0);
  });

  it('forks a run from a node: upstream outputs reused, the node and its downstream run again', async () => {
    const h = harness(script('good'), { answerer: approveAll });
    const { run } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    assert.equal((await run.settled()).status, 'completed');
    run.close();
    const again = harness(script('bad'), { answerer: approveAll, journal: h.store });
    const forked = again.kernel.fork(run.journalLocation, 'critic');
    const outcome = await forked.settled();
    assert.equal(outcome.status, 'completed');
    assert.notEqual(forked.runId, run.runId);
    assert.deepEqual(forked.state().forkOf, { runId: run.runId, fromNode: 'critic' });
    assert.deepEqual(outcome.outputs, { report: null, fixed: 'FIXED' });
    for (const id of ['researcher', 'researcher/s1', 'researcher/s2', 'summarize[0]', 'summarize[1]', 'summarize[2]']) assert.equal(again.puppet.callCount(id), 0, id);
    assert.equal(again.puppet.callCount('critic'), 1);
    assert.equal(again.puppet.callCount('fix'), 1);
    assert.throws(() => again.kernel.fork(run.journalLocation, 'ghost'), /no node "ghost"/);
  });

  it('a fork keeps only the queued nodes that are not re-run: none starts before its upstream', async () => {
    const ids = ['w0', 'w1', 'w2'];
    const fan = blueprint([agent('root'), agent('w'), agent('join')], [graph('main',
      [n.agent('root'), ...ids.map((id) => n.agent(id, 'w')), n.agent('join')],
      [...ids.map((id) => e('root', id)), ...ids.map((id) => e(id, 'join'))])]);
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: fan, concurrency: 1 });
    assert.equal((await run.settled()).status, 'completed');
    run.close();
    assert.ok(events.some((ev) => ev.type === 'nodes.queued' && ev.nodeIds.join() === 'w1,w2'), 'w1 and w2 queued together');
    for (const [fromNode, rerun] of [['root', ['root', 'w0', 'w1', 'w2', 'join']], ['w1', ['w1', 'join']]] as const) {
      const again = harness({ version: 1, responses: { '*': [{ text: 'y' }] } }, { journal: h.store });
      const forked = startCollectingFork(again, run.journalLocation, fromNode);
      assert.equal((await forked.run.settled()).status, 'completed', fromNode);
      assert.deepEqual(['root', ...ids, 'join'].filter((id) => again.puppet.callCount(id) > 0), rerun, `fork from ${fromNode}`);
      const firstRerun = forked.events.find((ev) => ev.type === 'node.started' && (rerun as readonly string[]).includes(ev.nodeId));
      assert.equal(firstRerun?.type === 'node.started' && firstRerun.nodeId, fromNode, `fork from ${fromNode}: ${fromNode} runs first`);
      forked.run.close();
    }
  });

  it('forks from a map node: its instances are spliced again', async () => {
    const h = harness(script(), { answerer: approveAll });
    const { run } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    await run.settled();
    run.close();
    const again = harness(script(), { answerer: approveAll, journal: h.store });
    const forked = again.kernel.fork(run.journalLocation, 'summarize');
    assert.equal((await forked.settled()).status, 'completed');
    assert.equal(again.puppet.callCount('summarize[1]'), 1);
    assert.equal(again.puppet.callCount('researcher'), 0);
  });
});

describe('kernel durability of splices', () => {
  it('a node re-run after a crash between its splice and its completion does not delegate twice', async () => {
    const h = harness(script(), { answerer: approveAll });
    const { run } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    await run.settled();
    run.close();
    const lines = h.store.read(run.journalLocation).split('\n').filter(Boolean);
    const spliceLine = lines.findIndex((l) => l.includes('"graph.spliced"') && l.includes('"parent":"researcher"'));
    h.store.put(run.journalLocation, lines.slice(0, spliceLine + 1).join('\n') + '\n');
    const again = harness(script(), { answerer: approveAll, journal: h.store });
    const resumed = again.kernel.resume(run.journalLocation);
    const rejections: string[] = [];
    resumed.subscribe((ev) => {
      if (ev.type === 'graph.splice_rejected') rejections.push(ev.code);
    });
    assert.equal((await resumed.settled()).status, 'completed');
    assert.deepEqual(rejections, []);
    assert.equal(again.puppet.callCount('researcher'), 1);
    assert.equal(resumed.state().nodes.get('researcher')?.note, undefined);
  });
});
