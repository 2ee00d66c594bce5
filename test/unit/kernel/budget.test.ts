import { strict as assert } from 'node:assert';
import { agent, blueprint, chain, e, graph, harness, n, startCollecting, statusOf } from './helpers';

const usage = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens });

describe('kernel budgets', () => {
  async function overTokenBudget() {
    const h = harness({ version: 1, responses: { '*': [{ text: 'x', usage: usage(60, 0) }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: chain(['a', 'b', 'c']), limits: { tokens: 100 } });
    const waiting = await run.settled();
    assert.equal(waiting.status, 'waiting');
    const exceeded = events.find((ev) => ev.type === 'budget.exceeded');
    assert.ok(exceeded && exceeded.type === 'budget.exceeded');
    assert.deepEqual([exceeded.scope, exceeded.metric, exceeded.limit, exceeded.value], ['run', 'tokens', 100, 120]);
    assert.ok(events.some((ev) => ev.type === 'run.paused' && ev.reason === 'budget'));
    assert.equal(statusOf(run, 'c'), 'ready', 'paused, not failed');
    assert.equal(h.puppet.callCount('c'), 0);
    return { h, run, events, ticketId: exceeded.ticketId };
  }

  it('pauses when the token budget is crossed; raise continues the run', async () => {
    const { run, events, ticketId } = await overTokenBudget();
    run.answer(ticketId, { choice: 'raise', limit: 1000 });
    assert.equal((await run.settled()).status, 'completed');
    assert.ok(events.some((ev) => ev.type === 'budget.raised' && ev.limit === 1000));
    assert.equal(run.state().limits.tokens, 1000);
  });

  it('stop ends the run as cancelled', async () => {
    const { run, ticketId } = await overTokenBudget();
    run.answer(ticketId, { choice: 'stop' });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'cancelled');
    assert.equal(statusOf(run, 'c'), 'ready');
  });

  it('prices tokens per model (overridable) and enforces a cost budget', async () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'x', usage: usage(1_000_000, 0) }] } }, { prices: { puppet: { inputPerMTok: 2, outputPerMTok: 0 } } });
    const { run, events } = startCollecting(h.kernel, { blueprint: chain(['a', 'b']), limits: { costUsd: 1 } });
    await run.settled();
    const exceeded = events.find((ev) => ev.type === 'budget.exceeded');
    assert.equal(exceeded?.type === 'budget.exceeded' ? exceeded.metric : undefined, 'costUsd');
    assert.equal(run.state().usage.costUsd, 2);
  });

  it('gives a delegation subtree a share of the remaining budget and pauses when it is crossed', async () => {
    const ir = blueprint([agent('boss', { delegate: { maxChildren: 3, maxDepth: 1 } }), agent('after')], [graph('main', [n.agent('boss'), n.agent('after')], [e('boss', 'after')])]);
    const h = harness({ version: 1, responses: {
      boss: [{ text: '```json:delegation\n{"reason":"r","nodes":[{"id":"w","prompt":"p"}]}\n```', usage: usage(100, 0) }],
      'boss/w': [{ text: 'big', usage: usage(500, 0) }],
      '*': [{ text: 'x', usage: usage(1, 0) }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir, limits: { tokens: 10_000 } });
    const waiting = await run.settled();
    const splice = events.find((ev) => ev.type === 'graph.spliced');
    assert.equal(splice?.type === 'graph.spliced' ? splice.budget?.tokens : undefined, Math.floor((10_000 - 0) * 0.5));
    assert.equal(waiting.status, 'completed', 'within its share');
    const tight = harness({ version: 1, responses: {
      boss: [{ text: '```json:delegation\n{"reason":"r","nodes":[{"id":"w","prompt":"p"}]}\n```', usage: usage(100, 0) }],
      'boss/w': [{ text: 'big', usage: usage(700, 0) }],
      '*': [{ text: 'x', usage: usage(1, 0) }],
    } });
    const second = startCollecting(tight.kernel, { blueprint: ir, limits: { tokens: 1000 } });
    const paused = await second.run.settled();
    assert.equal(paused.status, 'waiting');
    const exceeded = second.events.find((ev) => ev.type === 'budget.exceeded');
    assert.equal(exceeded?.type === 'budget.exceeded' ? exceeded.scope : undefined, 'boss');
  });

  it('pauses on the wall-time budget', async () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'x', delayMs: 2000 }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: chain(['a', 'b']), limits: { timeMs: 1000 } });
    assert.equal((await run.settled()).status, 'waiting');
    assert.ok(events.some((ev) => ev.type === 'budget.exceeded' && ev.metric === 'timeMs'));
  });
});
