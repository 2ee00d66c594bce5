/**
 * `rerun --from` (Kernel.fork) re-runs the chosen node and what depends on it, nothing else, whatever
 * construct the node is in: map instances, loop iterations, subgraph members, delegated children.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { RunState } from '../../../kernel/src';
import { agent, blueprint, e, graph, harness, n, ref, startCollecting } from './helpers';
import { containerBlueprint, delegationText, kindsArb } from './randomContainers';

const listShape = { kind: 'object' as const, fields: [{ name: 'items', shape: { kind: 'list' as const, of: { kind: 'string' as const } }, optional: false }] };

/** The containers `id` is a member of, at any depth (through delegating parents too). */
function containmentAncestors(state: RunState, id: string): Set<string> {
  const out = new Set<string>();
  for (let p = state.nodes.get(id)?.spec.parent; p !== undefined; p = state.nodes.get(p)?.spec.parent) out.add(p);
  return out;
}

/**
 * What depends on `from`: its downstream by edges, plus whatever those nodes spliced in, except that a
 * container enclosing `from` keeps the members that do not depend on it.
 */
function downstreamClosure(state: RunState, from: string): Set<string> {
  const enclosing = containmentAncestors(state, from);
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length > 0) {
    const node = state.nodes.get(stack.pop() as string);
    if (!node) continue;
    const next = [...node.out.map((x) => x.to), ...(enclosing.has(node.spec.id) ? [] : node.children)];
    for (const id of next) if (!seen.has(id)) { seen.add(id); stack.push(id); }
  }
  return seen;
}

function agentsIn(state: RunState, ids: Iterable<string>): string[] {
  return [...ids].filter((id) => state.nodes.get(id)?.spec.kind === 'agent').sort();
}

describe('kernel fork: re-runs the chosen node and its downstream only', () => {
  it('from one instance of a 30-item map: that instance and the reducer, not its 29 siblings', async () => {
    const ir = blueprint([agent('lister', { output: listShape }), agent('part'), agent('reducer', { prompt: '{{fan.items}}' })],
      [graph('main', [n.agent('lister'), n.map('fan', 'part', ref.node('lister', 'items')), n.agent('reducer')], [e('lister', 'fan'), e('fan', 'reducer')])]);
    const items = Array.from({ length: 30 }, (_, i) => `i${i}`);
    const script = (tag: string) => ({ version: 1, responses: { lister: [{ text: JSON.stringify({ items }) }], part: [{ text: `p-${tag}` }], reducer: [{ text: 'r' }] } });
    const h = harness(script('old'));
    const { run } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    run.close();
    const again = harness(script('new'), { journal: h.store });
    const fork = again.kernel.fork(run.journalLocation, 'fan[5]');
    assert.equal((await fork.settled()).status, 'completed');
    assert.deepEqual(again.puppet.calls.map((c) => c.nodeId).sort(), ['fan[5]', 'reducer']);
    const outputs = (fork.state().nodes.get('fan')?.output as { items: string[] }).items;
    assert.deepEqual(outputs.map((x, i) => (i === 5 ? x === 'p-new' : x === 'p-old')), items.map(() => true), 'siblings keep their outputs');
  });

  it('from a node in loop iteration 2 of 3: iteration 1 is kept, iterations 2 (from the node) and 3 re-run', async () => {
    const ir = blueprint([agent('a'), agent('b'), agent('after')], [graph('main', [
      n.loop('l', 3, { nodes: [n.agent('a'), n.agent('b')], edges: [] }), n.agent('after'),
    ], [e('l', 'after')])]);
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
    const { run } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    run.close();
    const again = harness({ version: 1, responses: { '*': [{ text: 'y' }] } }, { journal: h.store });
    const fork = again.kernel.fork(run.journalLocation, 'l#2.a');
    assert.equal((await fork.settled()).status, 'completed');
    assert.deepEqual(again.puppet.calls.map((c) => c.nodeId).sort(), ['after', 'l#2.a', 'l#3.a', 'l#3.b']);
    assert.equal(fork.state().nodes.get('l')?.expansions, 3);
  });

  it('re-run set equals the downstream closure (random containers, delegations, chosen node) [property]', async () => {
    let forks = 0;
    await fc.assert(fc.asyncProperty(
      kindsArb, fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }),
      fc.option(fc.record({ strategy: fc.constantFrom<'child' | 'sibling'>('child', 'sibling'), count: fc.integer({ min: 1, max: 2 }), chained: fc.boolean() })),
      fc.nat(),
      async (kinds, loopMax, itemCount, delegation, pick) => {
        const ir = containerBlueprint(kinds, loopMax, 1);
        const script = { version: 1, responses: { part: [{ text: delegation ? delegationText(delegation.strategy, delegation.count, delegation.chained) : 'done' }], plain: [{ text: 'plain' }] } };
        const inputs = { items: Array.from({ length: itemCount }, (_, i) => `item${i}`) };
        const h = harness(script);
        const { run } = startCollecting(h.kernel, { blueprint: ir, inputs, concurrency: 2, streamTokens: false });
        const outcome = await run.settled();
        assert.equal(outcome.status, 'completed');
        run.close();
        const state = run.state();
        const candidates = [...state.nodes.keys()].sort();
        const from = candidates[pick % candidates.length];
        const again = harness(script, { journal: h.store });
        const fork = again.kernel.fork(run.journalLocation, from);
        const forked = await fork.settled();
        fork.close();
        assert.equal(forked.status, 'completed', `fork from ${from}: ${JSON.stringify(forked.error)}`);
        assert.deepEqual(forked.outputs, outcome.outputs);
        const rerun = [...new Set(again.puppet.calls.map((c) => c.nodeId))].sort();
        assert.deepEqual(rerun, agentsIn(state, downstreamClosure(state, from)), `fork from ${from} of ${kinds.join('>')}`);
        assert.deepEqual([...fork.state().nodes.keys()].sort(), candidates, 'the fork rebuilds the same graph');
        forks++;
      },
    ), { numRuns: 120 });
    assert.equal(forks, 120);
  }).timeout(60_000);
});
