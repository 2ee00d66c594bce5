import { strict as assert } from 'node:assert';
import type { BlueprintIR } from '../../../language/src/ir';
import { agent, blueprint, e, graph, harness, n, startCollecting, statusOf } from './helpers';

const findings = { kind: 'object' as const, fields: [{ name: 'findings', shape: { kind: 'list' as const, of: { kind: 'string' as const } }, optional: false }] };

function droughtBlueprint(): BlueprintIR {
  return blueprint(
    [agent('a', { output: findings }), agent('b', { prompt: 'use {{a.findings}}' }), agent('c')],
    [graph('main', [n.agent('a'), n.agent('b'), n.agent('c')], [e('a', 'b'), e('b', 'c')])],
  );
}

async function reachDrought(aResponses: { text: string }[]) {
  const h = harness({ version: 1, responses: { a: aResponses, '*': [{ text: 'ok' }] } });
  const { run, events } = startCollecting(h.kernel, { blueprint: droughtBlueprint() });
  const waiting = await run.settled();
  assert.equal(waiting.status, 'waiting');
  assert.equal(statusOf(run, 'b'), 'drought');
  const drought = events.find((ev) => ev.type === 'node.drought');
  assert.ok(drought && drought.type === 'node.drought');
  assert.deepEqual(drought.problems.map((p) => [p.ref, p.upstream, p.problem]), [['a.findings', 'a', 'empty']]);
  assert.ok(events.some((ev) => ev.type === 'run.paused' && ev.reason === 'drought'));
  assert.equal(h.puppet.callCount('b'), 0, 'a parked node does not call its provider');
  const ticket = waiting.openTickets[0];
  assert.equal(ticket.kind, 'drought');
  assert.deepEqual(ticket.options, ['rerun_upstream', 'provide_input', 'skip', 'stop']);
  return { h, run, events, ticketId: ticket.ticketId };
}

describe('kernel context drought', () => {
  it('detects a missing field and a wrong shape as drought too', async () => {
    const h = harness({ version: 1, responses: { a: [{ text: '{"findings": "not a list"}' }], '*': [{ text: 'ok' }] } });
    const ir = droughtBlueprint();
    ir.agents[0] = agent('a', { output: { kind: 'any' } });
    ir.agents[1] = agent('b', { prompt: '{{a.other}}' });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    await run.settled();
    const drought = events.find((ev) => ev.type === 'node.drought');
    assert.ok(drought && drought.type === 'node.drought');
    assert.equal(drought.problems[0].problem, 'missing');
  });

  it('re-runs the upstream node on rerun_upstream, then continues', async () => {
    const { h, run, events, ticketId } = await reachDrought([{ text: '{"findings": []}' }, { text: '{"findings": ["fresh"]}' }]);
    run.answer(ticketId, { choice: 'rerun_upstream' });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'completed');
    assert.equal(h.puppet.callCount('a'), 2);
    const bStart = events.find((ev) => ev.type === 'node.started' && ev.nodeId === 'b') as { prompt?: string };
    assert.equal(bStart.prompt, 'use ["fresh"]');
    assert.ok(events.some((ev) => ev.type === 'node.reset' && ev.nodeId === 'a'));
    assert.ok(events.some((ev) => ev.type === 'run.resumed' && ev.reason === 'ticket'));
  });

  it('uses a hand-provided value on provide_input', async () => {
    const { h, run, events, ticketId } = await reachDrought([{ text: '{"findings": []}' }]);
    run.answer(ticketId, { choice: 'provide_input', node: 'a', value: { findings: ['by hand'] } });
    assert.equal((await run.settled()).status, 'completed');
    assert.equal(h.puppet.callCount('a'), 1);
    const bStart = events.find((ev) => ev.type === 'node.started' && ev.nodeId === 'b') as { prompt?: string };
    assert.equal(bStart.prompt, 'use ["by hand"]');
  });

  it('skips the parched node and its downstream on skip', async () => {
    const { h, run, events, ticketId } = await reachDrought([{ text: '{"findings": []}' }]);
    run.answer(ticketId, { choice: 'skip' });
    assert.equal((await run.settled()).status, 'completed');
    assert.equal(statusOf(run, 'b'), 'skipped');
    assert.equal(statusOf(run, 'c'), 'skipped');
    assert.equal(h.puppet.callCount('c'), 0);
    assert.ok(events.some((ev) => ev.type === 'node.skipped' && ev.nodeId === 'b' && ev.reason === 'drought'));
  });

  it('ends the run on stop', async () => {
    const { run, ticketId } = await reachDrought([{ text: '{"findings": []}' }]);
    run.answer(ticketId, { choice: 'stop' });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'cancelled');
    assert.match(outcome.error?.message ?? '', /drought of b/);
  });

  it('refuses provide_input without a value', async () => {
    const { run, ticketId } = await reachDrought([{ text: '{"findings": []}' }]);
    assert.throws(() => run.answer(ticketId, { choice: 'provide_input', node: 'a' }), /needs answer.value/);
    assert.equal(statusOf(run, 'b'), 'drought');
  });
});

describe('kernel tickets answered synchronously by a subscriber', () => {
  it('a drought ticket answered inside the event listener does not leave the run paused', async () => {
    const h = harness({ version: 1, responses: { a: [{ text: '{"findings": []}' }], '*': [{ text: 'ok' }] } });
    const run = h.kernel.start({ blueprint: droughtBlueprint() });
    run.subscribe((ev) => {
      if (ev.type === 'cortex.ticket' && ev.kind === 'drought') run.answer(ev.ticketId, { choice: 'skip' });
    });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'completed');
    assert.equal(statusOf(run, 'b'), 'skipped');
  });

});

describe('kernel drought: an upstream answer missing a required declared field (after its repair turn)', () => {
    const shape = { kind: 'object' as const, fields: [{ name: 'title', shape: { kind: 'string' as const }, optional: false }, { name: 'year', shape: { kind: 'number' as const }, optional: false }] };
    function invalidUpstream(consumers: Record<string, string>): BlueprintIR {
      const ids = Object.keys(consumers);
      return blueprint([agent('a', { output: shape }), ...ids.map((id) => agent(id, { prompt: consumers[id] }))],
        [graph('main', [n.agent('a'), ...ids.map((id) => n.agent(id))], ids.map((id) => e('a', id)))]);
    }

    it('parks only the nodes that need the missing field or the whole output; the others run', async () => {
      const h = harness({ version: 1, responses: { a: [{ text: '{"year": 1999}' }], '*': [{ text: 'ok' }] } });
      const ir = invalidUpstream({ needsTitle: 'about {{a.title}}', needsYear: 'in {{a.year}}', needsAll: 'all of {{a}}', raw: 'raw {{a.text}}' });
      const { run, events } = startCollecting(h.kernel, { blueprint: ir });
      const waiting = await run.settled();
      assert.equal(waiting.status, 'waiting', JSON.stringify(waiting.error));
      assert.ok(!events.some((ev) => ev.type === 'run.failed'));
      assert.equal(statusOf(run, 'a'), 'completed');
      assert.deepEqual(run.state().nodes.get('a')?.shapeProblems, ['$.title: missing']);
      const droughts = events.filter((ev) => ev.type === 'node.drought').map((ev) => ev.type === 'node.drought' && [ev.nodeId, ev.problems.map((p) => `${p.ref}:${p.problem}`).join()]);
      assert.deepEqual(droughts, [['needsTitle', 'a.title:missing']], 'one drought at a time: the run pauses on the first');
      assert.deepEqual(waiting.openTickets[0].options, ['rerun_upstream', 'provide_input', 'skip', 'stop']);
      run.answer(waiting.openTickets[0].ticketId, { choice: 'provide_input', value: { title: 'Dune', year: 1999 } });
      assert.equal((await run.settled()).status, 'completed');
      const started = (id: string) => (events.find((ev) => ev.type === 'node.started' && ev.nodeId === id) as { prompt?: string }).prompt;
      assert.equal(started('needsTitle'), 'about Dune');
      assert.equal(started('needsAll'), 'all of {"title":"Dune","year":1999}');
      assert.equal(started('needsYear'), 'in 1999', 'a field that is there is valid input');
      assert.equal(started('raw'), 'raw {"title":"Dune","year":1999}', 'the provided value replaced the output');
      assert.equal(events.filter((ev) => ev.type === 'node.drought').length, 1);
    });

    it('re-running the upstream node from the drought repairs it when its new answer is valid', async () => {
      const h = harness({ version: 1, responses: { a: [{ text: '{"year": 1999}' }, { text: '{"year": 1999}' }, { text: '{"title":"T","year":1}' }], '*': [{ text: 'ok' }] } });
      const { run } = startCollecting(h.kernel, { blueprint: invalidUpstream({ b: 'all of {{a}}' }) });
      const waiting = await run.settled();
      assert.equal(waiting.status, 'waiting');
      assert.equal(waiting.openTickets[0].kind, 'drought');
      run.answer(waiting.openTickets[0].ticketId, { choice: 'rerun_upstream' });
      assert.equal((await run.settled()).status, 'completed');
      assert.equal(run.state().nodes.get('a')?.shapeProblems, undefined);
      assert.equal(h.puppet.callCount('a'), 3);
    });
  });
