import { strict as assert } from 'node:assert';
import { agent, blueprint, chain, cond, e, graph, harness, n, output, ref, startCollecting, statusOf, types } from './helpers';

describe('kernel scheduler', () => {
  it('runs a chain in order and completes with outputs', async () => {
    const ir = chain(['a', 'b', 'c']);
    ir.agents[1] = agent('b', { prompt: 'got {{a}}' });
    ir.graphs[0].outputs = [output('final', ref.node('c'))];
    const h = harness({ version: 1, responses: { a: [{ text: 'A' }], b: [{ text: 'B' }], c: [{ text: 'C' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'completed');
    assert.deepEqual(outcome.outputs, { final: 'C' });
    const started = events.filter((ev) => ev.type === 'node.started').map((ev) => (ev as { nodeId: string }).nodeId);
    assert.deepEqual(started, ['a', 'b', 'c']);
    const bStart = events.find((ev) => ev.type === 'node.started' && ev.nodeId === 'b') as { prompt?: string };
    assert.equal(bStart.prompt, 'got A');
    assert.deepEqual(events.map((ev) => ev.seq), events.map((_, i) => i + 1));
    assert.ok(!events.some((ev) => ev.type === 'node.token'), 'a one-chunk answer is not a stream');
    run.close();
  });

  it('never runs more nodes at once than the concurrency limit', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `w${i}`);
    const ir = blueprint([agent('root'), agent('w'), agent('join')], [graph('main',
      [n.agent('root'), ...ids.map((id) => n.agent(id, 'w')), n.agent('join')],
      [...ids.map((id) => e('root', id)), ...ids.map((id) => e(id, 'join'))])]);
    const h = harness({ version: 1, responses: { '*': [{ text: 'x', delayMs: 10 }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir, concurrency: 3 });
    let running = 0;
    let peak = 0;
    run.subscribe((ev) => {
      if (ev.type === 'node.started') running++;
      if (ev.type === 'node.completed') running--;
      peak = Math.max(peak, running);
    });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'completed');
    assert.equal(peak, 3);
    const queued = events.filter((ev) => ev.type === 'nodes.queued');
    assert.equal(queued.length, 1, 'the nodes that wait are queued by one event');
    assert.deepEqual(queued[0], { ...queued[0], nodeIds: ['w3', 'w4', 'w5', 'w6', 'w7'], reason: 'deps', waiting: 'concurrency', detail: '0 queued ahead, 3 running, 3 slots' });
    const started = events.filter((ev) => ev.type === 'node.started').map((ev) => (ev as { nodeId: string; reason?: string }));
    assert.deepEqual(started.filter((ev) => ev.reason === 'deps').map((ev) => ev.nodeId).slice(0, 4), ['root', 'w0', 'w1', 'w2'], 'the first three start at once');
    assert.deepEqual(started.map((ev) => ev.nodeId).slice(4, 9), ['w3', 'w4', 'w5', 'w6', 'w7'], 'queued nodes start in queue order');
  });

  it('queues the nodes that become ready while the run is paused, in one event, and runs them on resume', async () => {
    const ids = ['w0', 'w1', 'w2', 'w3'];
    const ir = blueprint([agent('root'), agent('w'), agent('join')], [graph('main',
      [n.agent('root'), ...ids.map((id) => n.agent(id, 'w')), n.agent('join')],
      [...ids.map((id) => e('root', id)), ...ids.map((id) => e(id, 'join'))])]);
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir, concurrency: 2 });
    run.subscribe((ev) => {
      if (ev.type === 'node.started' && ev.nodeId === 'root') run.pause();
    });
    const paused = await run.settled();
    assert.equal(paused.status, 'waiting');
    const queued = events.filter((ev) => ev.type === 'nodes.queued');
    assert.deepEqual(queued.map((ev) => ev.type === 'nodes.queued' && [ev.nodeIds, ev.waiting, ev.detail]), [[ids, 'paused', undefined]]);
    assert.deepEqual(ids.map((id) => statusOf(run, id)), ['ready', 'ready', 'ready', 'ready']);
    run.resume();
    const done = await run.done();
    assert.equal(done.status, 'completed');
    assert.deepEqual(['root', ...ids, 'join'].map((id) => h.puppet.callCount(id)), [1, 1, 1, 1, 1, 1]);
    run.close();
  });

  it('skips unselected route branches (not failed) and propagates the skip', async () => {
    const ir = blueprint(
      [agent('critic', { output: { kind: 'object', fields: [{ name: 'verdict', shape: { kind: 'string' }, optional: false }] } }), agent('revise'), agent('polish'), agent('writer')],
      [graph('main', [n.agent('critic'), n.agent('revise'), n.agent('polish'), n.agent('writer')], [
        e('critic', 'revise', cond(ref.node('critic', 'verdict'), '==', 'revise')),
        e('critic', 'writer', 'else'),
        e('revise', 'polish'),
        e('polish', 'writer'),
      ])],
    );
    const h = harness({ version: 1, responses: { critic: [{ text: '{"verdict":"ok"}' }], '*': [{ text: 'done' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'completed');
    assert.equal(statusOf(run, 'revise'), 'skipped');
    assert.equal(statusOf(run, 'polish'), 'skipped');
    assert.equal(statusOf(run, 'writer'), 'completed');
    const skip = events.find((ev) => ev.type === 'node.skipped' && ev.nodeId === 'revise') as { reason: string };
    assert.equal(skip.reason, 'route');
    const polishSkip = events.find((ev) => ev.type === 'node.skipped' && ev.nodeId === 'polish') as { reason: string };
    assert.equal(polishSkip.reason, 'upstream_skipped');
    assert.equal(h.puppet.callCount('revise'), 0);
    const criticDone = events.find((ev) => ev.type === 'node.completed' && ev.nodeId === 'critic');
    assert.deepEqual(criticDone?.type === 'node.completed' && [criticDone.output, criticDone.text], [{ verdict: 'ok' }, '{"verdict":"ok"}'], 'a shaped answer keeps its raw text');
  });

  it('takes the matching route branch', async () => {
    const ir = blueprint(
      [agent('critic', { output: { kind: 'object', fields: [{ name: 'score', shape: { kind: 'number' }, optional: false }] } }), agent('low'), agent('high')],
      [graph('main', [n.agent('critic'), n.agent('low'), n.agent('high')], [
        e('critic', 'high', cond(ref.node('critic', 'score'), '>=', 8)),
        e('critic', 'low', 'else'),
      ])],
    );
    const h = harness({ version: 1, responses: { critic: [{ text: '{"score": 9}' }], '*': [{ text: 'x' }] } });
    const { run } = startCollecting(h.kernel, { blueprint: ir });
    await run.settled();
    assert.equal(statusOf(run, 'high'), 'completed');
    assert.equal(statusOf(run, 'low'), 'skipped');
  });

  it('fans out a map over a list, each instance sees its item, and joins in order', async () => {
    const ir = blueprint(
      [agent('researcher', { output: { kind: 'object', fields: [{ name: 'findings', shape: { kind: 'list', of: { kind: 'string' } }, optional: false }] } }),
        agent('summarize', { prompt: 'summarize {{item}}' }), agent('writer', { prompt: '{{summarize.items}}' })],
      [graph('main', [n.agent('researcher'), n.map('summarize', 'summarize', ref.node('researcher', 'findings')), n.agent('writer')],
        [e('researcher', 'summarize'), e('summarize', 'writer')], { outputs: [output('items', ref.node('summarize', 'items'))] })],
    );
    const h = harness({ version: 1, responses: {
      researcher: [{ text: '{"findings":["f1","f2","f3"]}' }],
      'summarize[1]': [{ text: 'S1 special' }],
      summarize: [{ text: 'S' }],
      writer: [{ text: 'W' }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'completed');
    assert.deepEqual(outcome.outputs, { items: ['S', 'S1 special', 'S'] });
    const prompts = events.filter((ev) => ev.type === 'node.started' && ev.nodeId.startsWith('summarize[')).map((ev) => (ev as { prompt?: string }).prompt);
    assert.deepEqual(prompts.sort(), ['summarize f1', 'summarize f2', 'summarize f3']);
    assert.ok(events.some((ev) => ev.type === 'graph.spliced' && ev.source === 'map' && ev.nodes.length === 3));
    assert.equal(h.puppet.callCount('writer'), 1);
    const writerStart = events.find((ev) => ev.type === 'node.started' && ev.nodeId === 'writer') as { prompt?: string };
    assert.equal(writerStart.prompt, '["S","S1 special","S"]');
  });

  it('runs a bounded loop, splicing each iteration, until the condition holds', async () => {
    const scoreShape = { kind: 'object' as const, fields: [{ name: 'score', shape: { kind: 'number' as const }, optional: false }] };
    const ir = blueprint([agent('draft'), agent('critic', { output: scoreShape })], [graph('main', [
      n.loop('refine', 5, { nodes: [n.agent('draft'), n.agent('critic')], edges: [e('draft', 'critic')] }, cond(ref.node('critic', 'score'), '>=', 8)),
    ], [], { outputs: [output('score', ref.node('refine', 'score'))] })]);
    const h = harness({ version: 1, responses: { draft: [{ text: 'd' }], critic: [{ text: '{"score":3}' }, { text: '{"score":6}' }, { text: '{"score":9}' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'completed');
    assert.deepEqual(outcome.outputs, { score: 9 });
    assert.equal(h.puppet.callCount('refine#3.draft'), 1);
    assert.equal(run.state().nodes.has('refine#4.draft'), false);
    assert.equal(events.filter((ev) => ev.type === 'graph.spliced' && ev.source === 'loop').length, 3);
  });

  it('stops a loop at max iterations', async () => {
    const ir = blueprint([agent('step')], [graph('main', [n.loop('l', 2, { nodes: [n.agent('step')], edges: [] }, cond(ref.node('step', 'text'), '==', 'never'))], [])]);
    const h = harness({ version: 1, responses: { step: [{ text: 'again' }] } });
    const { run } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    assert.equal(h.puppet.callCount('l#2.step'), 1);
    assert.equal(run.state().nodes.has('l#3.step'), false);
  });

  it('runs a subgraph with its own inputs and exposes its outputs', async () => {
    const inner = graph('inner', [n.agent('echo')], [], { params: [{ name: 'q', shape: { kind: 'string' }, range: undefined as never }], outputs: [output('answer', ref.node('echo'))] });
    inner.params[0] = { name: 'q', shape: { kind: 'string' }, range: inner.range };
    const ir = blueprint([agent('echo', { prompt: 'Q={{input.q}}' }), agent('start'), agent('after', { prompt: '{{sub.answer}}' })], [
      graph('main', [n.agent('start'), n.subgraph('sub', 'inner', { q: ref.node('start') }), n.agent('after')], [e('start', 'sub'), e('sub', 'after')]),
      inner,
    ]);
    const h = harness({ version: 1, responses: { start: [{ text: 'question' }], 'sub/echo': [{ text: 'inner answer' }], after: [{ text: 'end' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    const echo = events.find((ev) => ev.type === 'node.started' && ev.nodeId === 'sub/echo') as { prompt?: string };
    assert.equal(echo.prompt, 'Q=question');
    const after = events.find((ev) => ev.type === 'node.started' && ev.nodeId === 'after') as { prompt?: string };
    assert.equal(after.prompt, 'inner answer');
  });

  it('a subgraph output taken from a free-text agent\'s text reaches the caller (not null, no drought)', async () => {
    const inner = graph('inner', [n.agent('writer')], [], { outputs: [output('out', ref.node('writer', 'text'), { kind: 'string' })] });
    const ir = blueprint([agent('writer'), agent('after', { prompt: 'got {{sub.out}}' })], [
      graph('main', [n.subgraph('sub', 'inner'), n.agent('after')], [e('sub', 'after')], { outputs: [output('final', ref.node('sub', 'out'))] }),
      inner,
    ]);
    const h = harness({ version: 1, responses: { 'sub/writer': [{ text: 'the draft' }], after: [{ text: 'done' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'completed');
    assert.deepEqual(outcome.outputs, { final: 'the draft' });
    assert.ok(!events.some((ev) => ev.type === 'node.drought'));
    const after = events.find((ev) => ev.type === 'node.started' && ev.nodeId === 'after') as { prompt?: string };
    assert.equal(after.prompt, 'got the draft');
  });

  it('approval: approve lets downstream run; reject skips it', async () => {
    for (const choice of ['approve', 'reject'] as const) {
      const ir = blueprint([agent('draft'), agent('publish')], [graph('main', [n.agent('draft'), n.approval('ok'), n.agent('publish')], [e('draft', 'ok'), e('ok', 'publish')])]);
      const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
      const { run, events } = startCollecting(h.kernel, { blueprint: ir });
      const waiting = await run.settled();
      assert.equal(waiting.status, 'waiting');
      assert.equal(waiting.openTickets.length, 1);
      assert.equal(waiting.openTickets[0].kind, 'approval');
      run.answer(waiting.openTickets[0].ticketId, { choice });
      const outcome = await run.settled();
      assert.equal(outcome.status, 'completed');
      assert.equal(statusOf(run, 'publish'), choice === 'approve' ? 'completed' : 'skipped');
      if (choice === 'reject') assert.ok(events.some((ev) => ev.type === 'node.skipped' && ev.reason === 'rejected'));
    }
  });

  it('auto-answers tickets through the host answerer', async () => {
    const ir = blueprint([agent('publish')], [graph('main', [n.approval('ok'), n.agent('publish')], [e('ok', 'publish')])]);
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } }, { answerer: () => ({ choice: 'approve' }) });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    assert.ok(events.some((ev) => ev.type === 'ticket.answered' && ev.by === 'auto'));
  });

  it('rejects an answer whose choice is not offered, without changing anything', async () => {
    const ir = blueprint([], [graph('main', [n.approval('ok')], [])]);
    const h = harness({ version: 1, responses: {} });
    const { run } = startCollecting(h.kernel, { blueprint: ir });
    const waiting = await run.settled();
    const seq = run.state().lastSeq;
    assert.throws(() => run.answer(waiting.openTickets[0].ticketId, { choice: 'maybe' }), /not one of/);
    assert.throws(() => run.answer('nope', { choice: 'approve' }), /no open ticket/);
    assert.equal(run.state().lastSeq, seq);
  });

  it('lists every event type it emits in the journal, validated', async () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'abcdefghi', chunks: 3 }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: chain(['a', 'b']) });
    await run.settled();
    run.close();
    const lines = h.store.read(run.journalLocation).trim().split('\n');
    assert.equal(lines.length, events.length);
    assert.equal(types(events, 'a').filter((t) => t === 'node.token').length, 3);
  });
});

describe('kernel map lanes', () => {
  it('limits a map to maxParallel instances at once through lanes', async () => {
    const ir = blueprint([agent('src', { output: { kind: 'object', fields: [{ name: 'xs', shape: { kind: 'list', of: { kind: 'number' } }, optional: false }] } }), agent('work', { prompt: '{{item}}' })],
      [graph('main', [n.agent('src'), { ...n.map('m', 'work', ref.node('src', 'xs')), maxParallel: 2 } as ReturnType<typeof n.map>], [e('src', 'm')])]);
    const h = harness({ version: 1, responses: { src: [{ text: '{"xs":[1,2,3,4,5]}' }], work: [{ text: 'w', delayMs: 5 }] } });
    const { run } = startCollecting(h.kernel, { blueprint: ir, concurrency: 8 });
    let running = 0;
    let peak = 0;
    run.subscribe((ev) => {
      if (ev.type === 'node.started' && ev.nodeId.startsWith('m[')) peak = Math.max(peak, ++running);
      if (ev.type === 'node.completed' && ev.nodeId.startsWith('m[')) running--;
    });
    assert.equal((await run.settled()).status, 'completed');
    assert.equal(peak, 2);
    assert.deepEqual(run.state().nodes.get('m')?.output, { items: ['w', 'w', 'w', 'w', 'w'] });
  });
});

describe('kernel scoped context', () => {
  it('a loop body node sees the previous iteration of a later body node (empty in the first)', async () => {
    const fb = { kind: 'object' as const, fields: [{ name: 'score', shape: { kind: 'number' as const }, optional: false }, { name: 'feedback', shape: { kind: 'string' as const }, optional: false }] };
    const ir = blueprint([agent('draft', { prompt: 'improve [{{critic.feedback}}] from {{input.topic}}' }), agent('critic', { prompt: 'judge {{draft}}', output: fb })], [graph('main', [
      n.loop('refine', 3, { nodes: [n.agent('draft'), n.agent('critic')], edges: [e('draft', 'critic')] }, cond(ref.node('critic', 'score'), '>=', 8)),
    ], [], { params: [{ name: 'topic', shape: { kind: 'string' }, range: undefined as never }] })]);
    ir.graphs[0].params[0].range = ir.range;
    const h = harness({ version: 1, responses: {
      draft: [{ text: 'd1' }, { text: 'd2' }],
      critic: [{ text: '{"score": 2, "feedback": "more data"}' }, { text: '{"score": 9, "feedback": "fine"}' }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir, inputs: { topic: 'bees' } });
    assert.equal((await run.settled()).status, 'completed');
    const prompts = events.filter((ev) => ev.type === 'node.started' && ev.nodeId.endsWith('.draft')).map((ev) => (ev as { prompt?: string }).prompt);
    assert.deepEqual(prompts, ['improve [] from bees', 'improve [more data] from bees']);
    const critic2 = events.find((ev) => ev.type === 'node.started' && ev.nodeId === 'refine#2.critic') as { prompt?: string };
    assert.equal(critic2.prompt, 'judge d2');
  });

  it('a reference to a node that is not upstream is a drought (scoped context)', async () => {
    const ir = blueprint([agent('a'), agent('b', { prompt: '{{c}}' }), agent('c')], [graph('main', [n.agent('a'), n.agent('b'), n.agent('c')], [e('a', 'b'), e('a', 'c')])]);
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir, concurrency: 1 });
    await run.settled();
    const drought = events.find((ev) => ev.type === 'node.drought');
    assert.ok(drought && drought.type === 'node.drought');
    assert.equal(drought.nodeId, 'b');
    assert.equal(drought.problems[0].problem, 'not_upstream');
  });
});
