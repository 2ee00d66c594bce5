import { strict as assert } from 'node:assert';
import { chain, harness, startCollecting } from './helpers';

/** A run paused by its user after `a` completed: `b` became ready while paused and never started. */
async function pausedWithReadyNode(): Promise<{ location: string; h: ReturnType<typeof harness> }> {
  const h = harness({ version: 1, responses: { a: [{ text: 'A' }], b: [{ text: 'B' }] } });
  const { run } = startCollecting(h.kernel, { blueprint: chain(['a', 'b']) });
  run.subscribe((event) => {
    if (event.type === 'node.started' && event.nodeId === 'a') run.pause();
  });
  const outcome = await run.settled();
  assert.equal(outcome.status, 'waiting');
  assert.equal(run.state().nodes.get('b')?.status, 'ready');
  run.close();
  return { location: run.journalLocation, h };
}

describe('kernel resume + handle control', () => {
  it('resume() right after kernel.resume() runs no node twice (the restart step comes first)', async () => {
    const { location, h } = await pausedWithReadyNode();
    const again = harness({ version: 1, responses: { a: [{ text: 'A' }], b: [{ text: 'B' }] } }, { journal: h.store });
    const resumed = again.kernel.resume(location);
    resumed.resume();
    const outcome = await resumed.settled();
    resumed.close();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(again.puppet.callCount('a'), 0, 'a completed before the resume');
    assert.equal(again.puppet.callCount('b'), 1, 'b was asked more than once');
    const events = h.store.read(location).trim().split('\n').map((line) => JSON.parse(line) as { type: string; nodeId?: string });
    assert.equal(events.filter((ev) => ev.type === 'node.started' && ev.nodeId === 'b').length, 1, 'b started more than once');
    assert.equal(events.filter((ev) => ev.type === 'node.completed' && ev.nodeId === 'b').length, 1);
  });

  it('pause() right after kernel.resume() holds every node until resume()', async () => {
    const { location, h } = await pausedWithReadyNode();
    const again = harness({ version: 1, responses: { a: [{ text: 'A' }], b: [{ text: 'B' }] } }, { journal: h.store });
    const resumed = again.kernel.resume(location);
    resumed.resume();
    resumed.pause();
    const waiting = await resumed.settled();
    assert.equal(waiting.status, 'waiting');
    assert.equal(again.puppet.callCount('b'), 0);
    resumed.resume();
    const outcome = await resumed.settled();
    resumed.close();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(again.puppet.callCount('b'), 1);
  });
});
