/**
 * Answers that must hold up after a pause: a raised budget does not trip again at once (however long the
 * answer took), limits of integer metrics stay integers, and resuming a drought-paused run changes nothing
 * until the drought is answered.
 */
import { strict as assert } from 'node:assert';
import { KernelError, type RunEvent } from '../../../kernel/src';
import { agent, blueprint, chain, e, graph, harness, n, startCollecting, statusOf } from './helpers';

const budgetEvents = (events: RunEvent[]) => events.filter((ev) => ev.type === 'budget.exceeded');

describe('kernel: raising a budget after a pause', () => {
  it('a wall-time budget raised after a slow answer does not trip once more', async () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'x', delayMs: 2000 }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: chain(['a', 'b']), limits: { timeMs: 1000 } });
    const paused = await run.settled();
    assert.equal(paused.status, 'waiting');
    h.clock.advance(60_000); // the human answers a minute later
    run.answer(paused.openTickets[0].ticketId, { choice: 'raise' });
    const raised = events.find((ev) => ev.type === 'budget.raised');
    assert.ok(raised?.type === 'budget.raised');
    assert.ok(raised.limit > 61_000 && Number.isInteger(raised.limit), `raised above the time used now (${raised.limit})`);
    assert.equal((await run.settled()).status, 'completed');
    assert.equal(budgetEvents(events).length, 1, 'the raised budget did not trip again');
  });

  it('the same holds when the answer comes from a resume (the ticket is re-asked)', async () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'x', delayMs: 2000 }] } });
    const { run } = startCollecting(h.kernel, { blueprint: chain(['a', 'b']), limits: { timeMs: 1000 } });
    assert.equal((await run.settled()).status, 'waiting');
    run.close();
    const later = harness({ version: 1, responses: { '*': [{ text: 'x', delayMs: 2000 }] } }, { journal: h.store, answerer: (t) => (t.kind === 'budget' ? { choice: 'raise' } : undefined) });
    later.clock.advance(3_600_000);
    const resumed = later.kernel.resume(run.journalLocation);
    const events: RunEvent[] = [];
    resumed.subscribe((ev) => events.push(ev));
    assert.equal((await resumed.settled()).status, 'completed');
    assert.equal(budgetEvents(events).length, 0, 'no second crossing after the raise');
  });

  it('a raised node limit stays a whole number; a fractional or used-up limit is refused', async () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: chain(['a', 'b', 'c']), limits: { nodes: 1 } });
    const paused = await run.settled();
    const ticket = paused.openTickets[0];
    assert.equal(ticket.kind, 'budget');
    for (const [limit, why] of [[2.5, /whole number/], [3, /already used up/]] as const) {
      assert.throws(() => run.answer(ticket.ticketId, { choice: 'raise', limit }), (err: unknown) => err instanceof KernelError && err.code === 'INVALID_ANSWER' && why.test(err.message));
    }
    run.answer(ticket.ticketId, { choice: 'raise' });
    const raised = events.find((ev) => ev.type === 'budget.raised');
    assert.ok(raised?.type === 'budget.raised');
    assert.equal(raised.limit, 5, 'ceil(3 x 1.5), not 4.5');
    assert.equal((await run.settled()).status, 'completed');
  });
});

describe('kernel: resuming a drought-paused run', () => {
  it('each resume leaves the parked node parked: no nodes.queued, no ready', async () => {
    const shape = { kind: 'object' as const, fields: [{ name: 'xs', shape: { kind: 'list' as const, of: { kind: 'string' as const } }, optional: false }] };
    const ir = blueprint([agent('a', { output: shape }), agent('b', { prompt: '{{a.xs}}' }), agent('c')],
      [graph('main', [n.agent('a'), n.agent('b'), n.agent('c')], [e('a', 'b'), e('a', 'c')])]);
    const h = harness({ version: 1, responses: { a: [{ text: '{"xs": []}' }], '*': [{ text: 'ok' }] } }, { answerer: () => undefined });
    const { run } = startCollecting(h.kernel, { blueprint: ir, concurrency: 1 });
    assert.equal((await run.settled()).status, 'waiting');
    run.close();
    const lengthBefore = h.store.read(run.journalLocation).length;
    for (let i = 0; i < 3; i++) {
      const again = harness({ version: 1, responses: { '*': [{ text: 'ok' }] } }, { journal: h.store });
      const resumed = again.kernel.resume(run.journalLocation);
      const events: RunEvent[] = [];
      resumed.subscribe((ev) => events.push(ev));
      const outcome = await resumed.settled();
      resumed.close();
      assert.equal(outcome.status, 'waiting');
      assert.equal(statusOf(resumed, 'b'), 'drought');
      assert.deepEqual(events.map((ev) => ev.type), [], `resume ${i + 1} appended nothing`);
    }
    assert.equal(h.store.read(run.journalLocation).length, lengthBefore);
  });
});
