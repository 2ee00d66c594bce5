/** Nothing fails silently: a listener or an automatic answerer that throws is reported to the host's logger. */
import { strict as assert } from 'node:assert';
import { agent, blueprint, chain, e, graph, harness, n } from './helpers';

describe('kernel: failures outside a run go to the host logger', () => {
  it('reports a listener that throws, and the run and the other listeners go on', async () => {
    const errors: string[] = [];
    const { kernel } = harness({ version: 1, responses: { a: [{ text: 'x' }], b: [{ text: 'y' }] } }, { logger: { error: (m) => errors.push(m) } });
    const run = kernel.start({ blueprint: chain(['a', 'b']) });
    let seen = 0;
    run.subscribe((event) => {
      if (event.type === 'node.completed') throw new Error('consumer bug');
    });
    run.subscribe(() => seen++);
    const outcome = await run.done();
    assert.equal(outcome.status, 'completed');
    assert.ok(seen > 0);
    assert.equal(errors.filter((m) => /a listener failed on node\.completed: consumer bug/.test(m)).length, 2);
  });

  it('reports an answerer that throws; the ticket stays open for a human', async () => {
    const errors: string[] = [];
    const bp = blueprint([agent('a')], [graph('main', [n.agent('a'), n.approval('ok', 'Ship it?')], [e('a', 'ok')])]);
    const { kernel } = harness({ version: 1, responses: { a: [{ text: 'x' }] } }, {
      logger: { error: (m) => errors.push(m) },
      answerer: () => { throw new Error('no UI'); },
    });
    const run = kernel.start({ blueprint: bp });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'waiting');
    assert.match(errors.join('\n'), /answering ticket .* automatically failed: no UI/);
  });
});
