import { strict as assert } from 'node:assert';
import { agent, blueprint, chain, e, graph, harness, n, startCollecting, statusOf } from './helpers';
import { systemClock } from '../../../kernel/src';

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

  it('pauses on the wall-time budget as soon as it runs out, while the slow node is still working', async () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'x', delayMs: 2000 }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: chain(['a', 'b']), limits: { timeMs: 1000 } });
    assert.equal((await run.settled()).status, 'waiting');
    const crossing = events.find((ev) => ev.type === 'budget.exceeded');
    assert.ok(crossing?.type === 'budget.exceeded');
    assert.deepEqual([crossing.scope, crossing.metric, crossing.value], ['run', 'timeMs', 1001]);
    const aDone = events.find((ev) => ev.type === 'node.completed' && ev.nodeId === 'a');
    assert.ok(aDone && crossing.seq < aDone.seq, 'noticed before node a finished (at 2 s)');
    assert.equal(h.puppet.callCount('b'), 0, 'nothing new starts while paused');
  });

  it('a run that ends before its wall-time deadline leaves no timer behind', async () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: chain(['a']), limits: { timeMs: 60_000 } });
    assert.equal((await run.settled()).status, 'completed');
    assert.equal(h.clock.pendingTimers(), 0, 'the wall-time watch was stopped');
    h.clock.advance(120_000);
    assert.ok(!events.some((ev) => ev.type === 'budget.exceeded'));
  });

  it('the wall-time watch is a background timer: it never keeps a real process alive', async () => {
    const timeouts = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    const stop = new AbortController();
    const watchdog = systemClock.sleep(60_000, stop.signal, { background: true }).catch(() => 'aborted');
    assert.equal(timeouts(), before, 'a background sleep holds no ref');
    const work = systemClock.sleep(60_000, stop.signal).catch(() => 'aborted');
    assert.equal(timeouts(), before + 1, 'a foreground sleep does');
    stop.abort();
    assert.deepEqual(await Promise.all([watchdog, work]), ['aborted', 'aborted']);
  });
  describe('per delegation subtree: node count and wall time', () => {
    const boss = () => agent('boss', { delegate: { maxChildren: 5, maxDepth: 1 } });
    const bossThenAfter = () => blueprint([boss(), agent('after')], [graph('main', [n.agent('boss'), n.agent('after')], [e('boss', 'after')])]);
    const delegation = (ids: string[]) => `\`\`\`json:delegation\n${JSON.stringify({ reason: 'r', nodes: ids.map((id) => ({ id, prompt: 'p' })) })}\n\`\`\``;

    /** 2 blueprint nodes, run limit 10: the subtree gets floor((10 - 2) * 0.5) = 4 nodes and asks for 5. */
    async function overSubtreeNodes() {
      const h = harness({ version: 1, responses: { boss: [{ text: delegation(['w1', 'w2', 'w3', 'w4', 'w5']) }], '*': [{ text: 'x' }] } });
      const { run, events } = startCollecting(h.kernel, { blueprint: bossThenAfter(), limits: { nodes: 10 } });
      assert.equal((await run.settled()).status, 'waiting');
      const splice = events.find((ev) => ev.type === 'graph.spliced');
      assert.equal(splice?.type === 'graph.spliced' ? splice.budget?.nodes : undefined, 4);
      const exceeded = events.find((ev) => ev.type === 'budget.exceeded');
      assert.ok(exceeded && exceeded.type === 'budget.exceeded');
      assert.deepEqual([exceeded.scope, exceeded.metric, exceeded.limit, exceeded.value], ['boss', 'nodes', 4, 5]);
      assert.ok(events.some((ev) => ev.type === 'run.paused' && ev.reason === 'budget' && ev.ticketId === exceeded.ticketId));
      assert.equal(run.state().tickets.get(exceeded.ticketId)?.kind, 'budget');
      assert.equal(h.puppet.callCount('boss/w1'), 0, 'the subtree waits while paused');
      return { h, run, events, ticketId: exceeded.ticketId };
    }

    it('pauses when a subtree exceeds its node-count share; raise continues', async () => {
      const { h, run, events, ticketId } = await overSubtreeNodes();
      run.answer(ticketId, { choice: 'raise', limit: 6 });
      assert.equal((await run.settled()).status, 'completed');
      assert.ok(events.some((ev) => ev.type === 'budget.raised' && ev.scope === 'boss' && ev.metric === 'nodes' && ev.limit === 6));
      assert.equal(run.state().subtreeBudgets.get('boss')?.nodes, 6);
      assert.equal(h.puppet.callCount('boss/w5'), 1);
    });

    it('stop on a subtree node-count ticket ends the run as cancelled', async () => {
      const { h, run, ticketId } = await overSubtreeNodes();
      run.answer(ticketId, { choice: 'stop' });
      assert.equal((await run.settled()).status, 'cancelled');
      assert.equal(h.puppet.callCount('boss/w1'), 0);
    });

    it('counts nodes spliced by a nested delegation toward every delegating ancestor', async () => {
      const nested = blueprint([agent('boss', { delegate: { maxChildren: 5, maxDepth: 2 } }), agent('after')], [graph('main', [n.agent('boss'), n.agent('after')], [e('boss', 'after')])]);
      const h = harness({ version: 1, responses: {
        boss: [{ text: delegation(['w']) }],
        'boss/w': [{ text: delegation(['x1', 'x2', 'x3', 'x4']) }],
        '*': [{ text: 'x' }],
      } });
      // Run limit 11: boss gets floor((11 - 2) * 0.5) = 4, boss/w gets floor((11 - 3) * 0.5) = 4. w's 4 fit its
      // own share, but boss's subtree now holds w + 4 = 5 nodes.
      const { run, events } = startCollecting(h.kernel, { blueprint: nested, limits: { nodes: 11 } });
      assert.equal((await run.settled()).status, 'waiting');
      assert.equal(run.state().nodes.get('boss')?.subtreeNodes, 5);
      assert.equal(run.state().nodes.get('boss/w')?.subtreeNodes, 4);
      const exceeded = events.filter((ev) => ev.type === 'budget.exceeded');
      assert.deepEqual(exceeded.map((ev) => ev.type === 'budget.exceeded' ? [ev.scope, ev.metric, ev.limit, ev.value] : []), [['boss', 'nodes', 4, 5]]);
      assert.equal(h.puppet.callCount('boss/w/x1'), 0);
      const [crossing] = exceeded;
      assert.ok(crossing?.type === 'budget.exceeded');
      run.answer(crossing.ticketId, { choice: 'raise' });
      assert.equal((await run.settled()).status, 'completed');
      assert.equal(h.puppet.callCount('boss/w/x4'), 1);
    });

    /** Run limit 10 s from boss's start at 0: the subtree gets 5 s; boss (1 s) + w (6 s) would take 7 s. */
    async function overSubtreeTime() {
      const h = harness({ version: 1, responses: {
        boss: [{ text: delegation(['w']), delayMs: 1000 }],
        'boss/w': [{ text: 'slow', delayMs: 6000 }],
        '*': [{ text: 'x' }],
      } });
      const { run, events } = startCollecting(h.kernel, { blueprint: bossThenAfter(), limits: { timeMs: 10_000 } });
      assert.equal((await run.settled()).status, 'waiting');
      const splice = events.find((ev) => ev.type === 'graph.spliced');
      assert.equal(splice?.type === 'graph.spliced' ? splice.budget?.timeMs : undefined, 5000);
      const exceeded = events.filter((ev) => ev.type === 'budget.exceeded');
      assert.equal(exceeded.length, 1, 'the run itself (7 s of 10 s) is within its limit');
      const [crossing] = exceeded;
      assert.ok(crossing && crossing.type === 'budget.exceeded');
      // Noticed while boss/w is still working (1 ms past the deadline), not when it finishes at 7 s.
      assert.deepEqual([crossing.scope, crossing.metric, crossing.limit, crossing.value], ['boss', 'timeMs', 5000, 5001]);
      const workerDone = events.find((ev) => ev.type === 'node.completed' && ev.nodeId === 'boss/w');
      assert.ok(workerDone && crossing.seq < workerDone.seq, 'the crossing came before the slow node finished');
      assert.ok(events.some((ev) => ev.type === 'run.paused' && ev.reason === 'budget' && ev.ticketId === crossing.ticketId));
      assert.equal(h.puppet.callCount('after'), 0, 'the downstream node waits while paused');
      return { h, run, events, ticketId: crossing.ticketId };
    }

    it('pauses when a subtree exceeds its wall-time share (virtual clock); raise continues', async () => {
      const { h, run, events, ticketId } = await overSubtreeTime();
      run.answer(ticketId, { choice: 'raise' });
      assert.equal((await run.settled()).status, 'completed');
      // The default raise counts from the time used when answering (7 s: boss/w finished meanwhile): 1.5 x 7 s.
      assert.ok(events.some((ev) => ev.type === 'budget.raised' && ev.scope === 'boss' && ev.metric === 'timeMs' && ev.limit === 10_500));
      assert.equal(h.puppet.callCount('after'), 1);
    });

    it('stop on a subtree wall-time ticket ends the run as cancelled', async () => {
      const { h, run, ticketId } = await overSubtreeTime();
      run.answer(ticketId, { choice: 'stop' });
      assert.equal((await run.settled()).status, 'cancelled');
      assert.equal(h.puppet.callCount('after'), 0);
    });
  });
});
