import { strict as assert } from 'node:assert';
import { parseJournal, singleProvider, type Provider, type ProviderChunk, type RunEvent } from '../../../kernel/src';
import { agent, blueprint, chain, graph, harness, n, startCollecting, statusOf } from './helpers';

// eslint-disable-next-line @typescript-eslint/require-await -- answers at once
async function* oneChunk(text: string): AsyncIterable<ProviderChunk> {
  yield { type: 'text', text };
}

/** A stream that never yields and never looks at its signal (a provider that hangs). */
function silence(): AsyncIterable<ProviderChunk> {
  return { [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => undefined) }) };
}

/** Starts node `a` alone, cancels the run as `a` starts, and checks that the run ends cancelled. */
async function cancelAtFirstStart(h: ReturnType<typeof harness>): Promise<RunEvent[]> {
  const { run, events } = startCollecting(h.kernel, { blueprint: single() });
  run.subscribe((ev) => {
    if (ev.type === 'node.started') run.cancel('user stop');
  });
  const outcome = await run.done();
  assert.equal(outcome.status, 'cancelled');
  assert.equal(events[events.length - 1].type, 'run.cancelled');
  return events;
}

/** Node `a` (1 s timeout, two attempts) times out once, then completes with `text`. */
async function expectTimeoutThenAnswer(h: ReturnType<typeof harness>, text: string): Promise<void> {
  const { run, events } = startCollecting(h.kernel, { blueprint: single({ timeoutMs: 1000, retry: { attempts: 2, backoff: 'none', baseDelayMs: 0 } }) });
  const outcome = await run.settled();
  assert.equal(outcome.status, 'completed');
  const retry = events.find((ev) => ev.type === 'node.retrying');
  assert.equal(retry?.type === 'node.retrying' ? retry.error.code : undefined, 'TIMEOUT');
  assert.equal(run.state().nodes.get('a')?.text, text);
}

const single = (opts: Parameters<typeof agent>[1] = {}) => blueprint([agent('a', opts)], [graph('main', [n.agent('a')], [])]);

describe('kernel faults and control', () => {
  it('retries after an injected 429 with exponential backoff and jitter, then succeeds', async () => {
    const h = harness({ version: 1, responses: { a: [
      { error: { status: 429, message: 'rate limited', retryable: true } },
      { error: { status: 429, message: 'rate limited', retryable: true } },
      { text: 'finally' },
    ] } }, { random: () => 0 });
    const { run, events } = startCollecting(h.kernel, { blueprint: single({ retry: { attempts: 3, backoff: 'exponential', baseDelayMs: 1000 } }) });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'completed');
    const retries = events.filter((ev) => ev.type === 'node.retrying');
    assert.deepEqual(retries.map((r) => (r.type === 'node.retrying' ? [r.attempt, r.delayMs, r.error.status] : [])), [[1, 500, 429], [2, 1000, 429]]);
    assert.equal(h.puppet.callCount('a'), 3);
  });

  it('fails the node (and the run) when retries are exhausted or the error is not retryable', async () => {
    const h = harness({ version: 1, responses: { a: [{ error: { status: 400, message: 'bad request', retryable: false } }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: single() });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'failed');
    assert.equal(h.puppet.callCount('a'), 1);
    assert.ok(events.some((ev) => ev.type === 'node.failed' && ev.error.status === 400));
  });

  it('times a slow node out (virtual time) and retries it', async () => {
    const h = harness({ version: 1, responses: { a: [{ text: 'slow', delayMs: 60_000 }, { text: 'fast', delayMs: 10 }] } });
    await expectTimeoutThenAnswer(h, 'fast');
  });

  it('times a node out even when its provider ignores the signal and never answers', async () => {
    let calls = 0;
    // The first call never yields (and never looks at its signal); the second answers.
    const deaf: Provider = { id: 'deaf', stream: () => (++calls === 1 ? silence() : oneChunk('second try')) };
    await expectTimeoutThenAnswer(harness({ version: 1, responses: {} }, { providers: singleProvider(deaf) }), 'second try');
  });

  it('a cancelled run ends even when an untimed node\'s provider ignores the signal', async () => {
    const deaf: Provider = { id: 'deaf', stream: silence };
    await cancelAtFirstStart(harness({ version: 1, responses: {} }, { providers: singleProvider(deaf) }));
  });

  it('cancel aborts in-flight provider calls and ends the run', async () => {
    const events = await cancelAtFirstStart(harness({ version: 1, responses: { a: [{ text: 'never', delayMs: 3_600_000 }] } }));
    assert.ok(!events.some((ev) => ev.type === 'node.completed'));
  });

  it('pause stops new nodes from starting; resume continues', async () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
    const { run } = startCollecting(h.kernel, { blueprint: chain(['a', 'b', 'c']) });
    run.subscribe((ev) => {
      if (ev.type === 'node.completed' && ev.nodeId === 'a') run.pause();
    });
    const paused = await run.settled();
    assert.equal(paused.status, 'waiting');
    assert.equal(statusOf(run, 'b'), 'ready');
    assert.equal(h.puppet.callCount('b'), 0);
    run.resume();
    assert.equal((await run.settled()).status, 'completed');
  });

  it('repairs an output that does not match the declared shape with one extra turn', async () => {
    const shape = { kind: 'object' as const, fields: [{ name: 'n', shape: { kind: 'number' as const }, optional: false }] };
    const h = harness({ version: 1, responses: { a: [{ text: 'sure! n is five' }, { text: '{"n": 5}' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: single({ output: shape }) });
    assert.equal((await run.settled()).status, 'completed');
    assert.ok(events.some((ev) => ev.type === 'node.repairing'));
    assert.deepEqual(run.state().nodes.get('a')?.output, { n: 5 });
  });

  it('completes with the shape problems after the bounded repair turn when the output is still wrong (no run failure)', async () => {
    const shape = { kind: 'object' as const, fields: [{ name: 'n', shape: { kind: 'number' as const }, optional: false }] };
    const h = harness({ version: 1, responses: { a: [{ text: '{"n": "five"}' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: single({ output: shape }) });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'completed');
    assert.equal(h.puppet.callCount('a'), 2);
    const done = events.find((ev) => ev.type === 'node.completed' && ev.nodeId === 'a');
    assert.ok(done?.type === 'node.completed');
    assert.deepEqual(done.output, { n: 'five' });
    assert.deepEqual(done.shapeProblems, ['$.n: expected number, got string']);
    run.close();
    const journaled = parseJournal(h.store.read(run.journalLocation)).events.find((ev) => ev.type === 'node.completed');
    assert.deepEqual(journaled?.type === 'node.completed' && journaled.shapeProblems, done.shapeProblems, 'journaled too');
  });

  it('opens the provider circuit after repeated failures and closes it after a good probe', async () => {
    const errors = Array.from({ length: 2 }, () => ({ error: { status: 503, message: 'down', retryable: true } }));
    const h = harness({ version: 1, responses: { a: [...errors, { text: 'up' }] } }, { circuit: { failureThreshold: 2, cooldownMs: 5000 } });
    const { run, events } = startCollecting(h.kernel, { blueprint: single({ retry: { attempts: 5, backoff: 'none', baseDelayMs: 0 } }) });
    assert.equal((await run.settled()).status, 'completed');
    const circuit = events.filter((ev) => ev.type === 'provider.circuit').map((ev) => (ev.type === 'provider.circuit' ? ev.state : ''));
    assert.deepEqual(circuit, ['open', 'half_open', 'closed']);
    assert.ok(events.some((ev) => ev.type === 'node.waiting' && ev.why === 'circuit_open'));
  });

  it('rejects a start with a missing required input', () => {
    const h = harness({ version: 1, responses: {} });
    const ir = single();
    ir.graphs[0].params = [{ name: 'topic', shape: { kind: 'string' }, range: ir.range }];
    assert.throws(() => h.kernel.start({ blueprint: ir }), /missing input "topic"/);
    assert.throws(() => h.kernel.start({ blueprint: ir, graph: 'nope' }), /not in blueprint/);
  });
});
