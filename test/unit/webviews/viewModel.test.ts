import { strict as assert } from 'node:assert';
import { foldEvents } from '../../../kernel/src/state/fold';
import { doneCount, type RunEvent } from '../../../kernel/src';
import { panelSnapshotSchema, type PanelSnapshot } from '../../../protocol/src/snapshot';
import { staticSnapshot, toSnapshot } from '../../../protocol/src/toSnapshot';
import { ViewModel, isTerminalStatus } from '../../../protocol/src/viewModel';
import { agent, blueprint, cond, e, graph, harness, n, ref, startCollecting } from '../kernel/helpers';

const fence = (obj: unknown): string => `Working on it.\n\`\`\`json:delegation\n${JSON.stringify(obj)}\n\`\`\``;

async function delegationRun(): Promise<RunEvent[]> {
  const h = harness({ version: 1, responses: {
    researcher: [{ text: fence({ reason: 'split', strategy: 'child', nodes: [{ id: 'sub1', prompt: 'part 1' }, { id: 'sub2', prompt: 'part 2', depends_on: ['sub1'] }] }), usage: { inputTokens: 1, outputTokens: 1 } }],
    'researcher/sub1': [{ text: 'one', usage: { inputTokens: 10, outputTokens: 5 } }],
    'researcher/sub2': [{ text: 'two', usage: { inputTokens: 7, outputTokens: 3 } }],
    '*': [{ text: 'ok', usage: { inputTokens: 1, outputTokens: 1 } }],
  } });
  const bp = blueprint(
    [agent('researcher', { delegate: { maxChildren: 4, maxDepth: 2 } }), agent('writer'), agent('critic')],
    [graph('main', [n.agent('researcher'), n.agent('writer'), n.agent('critic'), n.approval('publish')], [e('researcher', 'writer'), e('researcher', 'critic'), e('writer', 'publish')])],
  );
  const { run, events } = startCollecting(h.kernel, { blueprint: bp });
  const outcome = await run.settled();
  assert.equal(outcome.status, 'waiting', 'the approval ticket stays open');
  run.answer(outcome.openTickets[0].ticketId, { choice: outcome.openTickets[0].options[0] });
  await run.settled();
  return events;
}

/** What must agree between "snapshot then events" and "fold everything": structure, terminal states, money. */
function projection(s: PanelSnapshot): unknown {
  return {
    status: s.status, seq: s.seq, usage: s.usage,
    nodes: s.nodes.map((x) => ({ id: x.id, parent: x.parent, children: x.children, terminal: isTerminalStatus(x.status) ? x.status : 'open', usage: x.usage, subtree: x.subtreeUsage, subtreeNodes: x.subtreeNodes })).sort((a, b) => a.id.localeCompare(b.id)),
    edges: s.edges.map((x) => `${x.from}>${x.to}:${x.state}`).sort(),
    tickets: s.tickets.map((t) => `${t.ticketId}:${t.open}`).sort(),
  };
}

describe('panel view model', () => {
  it('a snapshot of any prefix plus the remaining events equals the snapshot of the whole run', async () => {
    const events = await delegationRun();
    assert.ok(events.some((ev) => ev.type === 'graph.spliced'));
    const expected = toSnapshot(foldEvents(events));
    panelSnapshotSchema.parse(expected);
    assert.equal(expected.status, 'completed');
    for (let k = 1; k <= events.length; k++) {
      const view = new ViewModel(toSnapshot(foldEvents(events.slice(0, k))));
      for (const ev of events.slice(k)) view.apply(ev);
      assert.deepEqual(projection(view.snapshot()), projection(expected), `prefix of ${k} events`);
    }
  });

  it('keeps what RunState does not: prompts, streamed output and the seq of the last event', async () => {
    const events = await delegationRun();
    const view = new ViewModel(toSnapshot(foldEvents(events.slice(0, 1))));
    for (const ev of events.slice(1)) view.apply(ev);
    assert.equal(view.node('researcher/sub1')?.prompt, 'part 1');
    assert.equal(view.node('researcher/sub2')?.output, 'two');
    assert.equal(view.seq, events[events.length - 1].seq);
    assert.deepEqual(view.node('researcher')?.delegations.map((d) => d.nodes), [['researcher/sub1', 'researcher/sub2']]);
  });

  it('counts done nodes as the status bar does: a skipped route branch is done (the header said 11/12 at the end)', async () => {
    const bp = blueprint([agent('a'), agent('yes'), agent('no')], [graph('main', [n.agent('a'), n.agent('yes'), n.agent('no')],
      [e('a', 'yes', cond(ref.node('a', 'ok'), '==', true)), e('a', 'no', 'else')])]);
    const h = harness({ version: 1, responses: { '*': [{ text: 'fine' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: bp });
    assert.equal((await run.settled()).status, 'completed');
    const state = foldEvents(events);
    assert.equal(state.nodes.get('yes')?.status, 'skipped', 'a.ok is not true: the route to yes was not taken');
    const view = new ViewModel(toSnapshot(foldEvents(events.slice(0, 1))));
    for (const ev of events.slice(1)) view.apply(ev);
    assert.equal(doneCount(state.counts), 3);
    assert.equal(view.doneCount(), doneCount(state.counts), 'panel header and status bar count the same nodes');
  });

  it('marks unfinished nodes cancelled when the run is cancelled', () => {
    const bp = blueprint([agent('a'), agent('b')], [graph('main', [n.agent('a'), n.agent('b')], [e('a', 'b')])]);
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
    const run = h.kernel.start({ blueprint: bp });
    const view = new ViewModel(toSnapshot(run.state()));
    view.apply({ type: 'run.cancelled', reason: 'user', seq: view.seq + 1, time: 1, runId: view.run.runId });
    assert.deepEqual([...view.nodes.values()].map((x) => x.status), ['cancelled', 'cancelled']);
    run.cancel();
  });

  it('draws a blueprint without a run: loop bodies under their loop, route conditions as edge labels', () => {
    const body = { nodes: [n.agent('draft'), n.agent('review')], edges: [e('draft', 'review')] };
    const bp = blueprint([agent('draft'), agent('review'), agent('a'), agent('b')], [graph('main',
      [n.agent('a'), n.loop('refine', 3, body, cond(ref.node('review', 'score'), '>=', 8)), n.agent('b')],
      [e('a', 'refine', cond(ref.node('a', 'ok'), '==', true)), e('a', 'b', 'else')])]);
    const s = panelSnapshotSchema.parse(staticSnapshot(bp));
    assert.equal(s.mode, 'static');
    assert.deepEqual(s.nodes.find((x) => x.id === 'refine')?.children, ['refine/draft', 'refine/review']);
    assert.ok(s.nodes.find((x) => x.id === 'refine')?.label.includes('until review.score >= 8'));
    assert.deepEqual(s.edges.filter((x) => x.route).map((x) => x.label), ['a.ok == true', 'else']);
    assert.ok(s.edges.some((x) => x.from === 'refine/draft' && x.to === 'refine/review'));
  });
});
