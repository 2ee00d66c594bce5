import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { BlueprintIR } from '../../../language/src/ir';
import type { RunEvent } from '../../../kernel/src';
import { harness, startCollecting } from './helpers';
import { containerBlueprint, delegationText, kindsArb } from './randomContainers';

const responseArb = fc.record({
  delayMs: fc.integer({ min: 0, max: 3000 }),
  delegate: fc.option(fc.record({
    strategy: fc.constantFrom<'child' | 'sibling'>('child', 'sibling'),
    count: fc.integer({ min: 1, max: 2 }),
    chained: fc.boolean(),
  }), { freq: 2 }),
});

type Response = typeof responseArb extends fc.Arbitrary<infer T> ? T : never;

function responseOf(r: Response): { text: string; delayMs: number } {
  return { text: r.delegate ? delegationText(r.delegate.strategy, r.delegate.count, r.delegate.chained) : 'done', delayMs: r.delayMs };
}

const CONTROLLER_MEMBER = /^(.*?)(\[\d+\]|#\d+\.|\/)/;

/** Every controller's members (and what they delegated) end before the controller's join. */
function assertContainersWait(events: RunEvent[], ir: BlueprintIR): void {
  const endAt = new Map<string, number>();
  events.forEach((ev, i) => {
    if ((ev.type === 'node.completed' || ev.type === 'node.skipped' || ev.type === 'node.failed') && !endAt.has(ev.nodeId)) endAt.set(ev.nodeId, i);
  });
  const reducerStart = events.findIndex((ev) => ev.type === 'node.started' && ev.nodeId === 'reducer');
  assert.ok(reducerStart >= 0, 'reducer started');
  for (const [id, end] of endAt) {
    if (id === 'reducer') continue;
    assert.ok(end < reducerStart, `${id} ended (event ${end}) after reducer started (event ${reducerStart}) in ${JSON.stringify(ir.graphs.map((g) => g.nodes))}`);
    // Each controller that `id` lies inside (every prefix ending at a member separator) ends after it.
    for (let rest = id, m = CONTROLLER_MEMBER.exec(rest), prefix = ''; m; rest = rest.slice(m[0].length), m = CONTROLLER_MEMBER.exec(rest)) {
      prefix += m[1];
      const controllerEnd = endAt.get(prefix);
      if (controllerEnd !== undefined && events.some((ev) => ev.type === 'graph.spliced' && ev.parent === prefix && ev.source !== 'delegation')) {
        assert.ok(end < controllerEnd, `${id} ended after its container ${prefix} joined`);
      }
      prefix += m[2];
    }
  }
}

describe('kernel containers (property test)', () => {
  it('random delegations inside random containers never let a container\'s downstream start before every delegated descendant ends', async () => {
    let delegations = 0;
    await fc.assert(fc.asyncProperty(
      kindsArb, fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.array(responseArb, { minLength: 1, maxLength: 6 }),
      async (kinds, loopMax, itemCount, responses) => {
        const ir = containerBlueprint(kinds, loopMax);
        const h = harness({ version: 1, responses: { part: responses.map(responseOf), plain: [{ text: 'plain' }] } });
        const items = Array.from({ length: itemCount }, (_, i) => `item${i}`);
        const { run, events } = startCollecting(h.kernel, { blueprint: ir, inputs: { items }, concurrency: 3, streamTokens: false });
        const outcome = await run.settled();
        assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
        delegations += events.filter((ev) => ev.type === 'graph.spliced' && ev.source === 'delegation').length;
        assertContainersWait(events, ir);
      },
    ), { numRuns: 150 });
    assert.ok(delegations > 100, `delegations exercised (${delegations})`);
  }).timeout(60_000);
});
