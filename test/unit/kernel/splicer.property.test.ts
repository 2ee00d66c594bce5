import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { BlueprintIR } from '../../../language/src/ir';
import { applyEvent, initialState, type RunEventInput, type RunState } from '../../../kernel/src';
import { planDelegation } from '../../../kernel/src';
import { parseDelegationBlock } from '../../../kernel/src';
import { agent, blueprint, e, graph, harness, n, startCollecting } from './helpers';

const MAX_DEPTH = 3;
const MAX_CHILDREN = 4;
const MAX_NODES = 60;

function baseBlueprint(): BlueprintIR {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  return blueprint([agent('worker', { delegate: { maxChildren: MAX_CHILDREN, maxDepth: MAX_DEPTH }, tools: ['read'] })], [graph('main',
    ids.map((id) => n.agent(id, 'worker')),
    [e('a', 'b'), e('a', 'c'), e('b', 'd'), e('c', 'd'), e('d', 'e')])], { limits: { nodes: MAX_NODES, depth: MAX_DEPTH } });
}

function freshState(): RunState {
  const ir = baseBlueprint();
  return initialState({
    seq: 1, time: 0, runId: 'prop', type: 'run.started', blueprint: ir, graph: 'main', inputs: {}, limits: { nodes: MAX_NODES, depth: MAX_DEPTH }, concurrency: 4,
    options: { streamTokens: false, maxAgentTurns: 4, delegationBudgetShare: 0.5 },
  });
}

function apply(state: RunState, event: RunEventInput): void {
  applyEvent(state, { ...event, seq: state.lastSeq + 1, time: 0, runId: state.runId });
}

/** Everything structural about the graph, as text (for "identical after a rejection"). */
function serialize(state: RunState): string {
  return JSON.stringify({
    nodes: [...state.nodes.entries()].map(([id, x]) => [id, x.status, x.pendingIn, x.liveIn, x.children, x.in.map((y) => [y.from, y.resolved, y.live]), x.out.map((y) => y.to), x.spec]),
    candidates: [...state.candidates], ready: [...state.ready],
  });
}

function edgeSet(state: RunState): Set<string> {
  const out = new Set<string>();
  for (const [id, x] of state.nodes) for (const y of x.out) out.add(`${id}->${y.to}`);
  return out;
}

function assertAcyclic(state: RunState): void {
  const indegree = new Map<string, number>();
  for (const [id, x] of state.nodes) indegree.set(id, x.in.length);
  const queue = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  let seen = 0;
  while (queue.length > 0) {
    const id = queue.pop() as string;
    seen++;
    for (const y of state.nodes.get(id)?.out ?? []) {
      const d = (indegree.get(y.to) ?? 0) - 1;
      indegree.set(y.to, d);
      if (d === 0) queue.push(y.to);
    }
  }
  assert.equal(seen, state.nodes.size, 'the live graph has a cycle');
}

function assertCaps(state: RunState): void {
  assert.ok(state.nodes.size <= MAX_NODES, 'node cap');
  for (const x of state.nodes.values()) {
    assert.ok(x.spec.depth <= MAX_DEPTH, 'depth cap');
    assert.ok(x.children.length <= MAX_CHILDREN, 'children cap');
    if (x.spec.parent !== undefined) assert.equal(x.spec.depth, (state.nodes.get(x.spec.parent)?.spec.depth ?? -1) + 1);
  }
}

const rarely = <T>(common: fc.Arbitrary<T>, rare: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: common, weight: 9 }, { arbitrary: rare, weight: 1 });
const localId = rarely(fc.constantFrom('x', 'y', 'z', 'w', 'v', 'u'), fc.constantFrom('bad id', ''));
const requestArb = fc.record({
  reason: rarely(fc.constant('r'), fc.constant('')),
  strategy: fc.constantFrom<'child' | 'sibling'>('child', 'sibling'),
  nodes: fc.array(fc.record({
    id: localId,
    prompt: rarely(fc.constant('p') as fc.Arbitrary<string | undefined>, fc.constant(undefined)),
    agent: rarely(fc.constant(undefined) as fc.Arbitrary<string | undefined>, fc.constantFrom('worker', 'ghost')),
    tools: rarely(fc.constant(undefined) as fc.Arbitrary<string[] | undefined>, fc.constantFrom<string[]>(['read'], ['exec'], [])),
    depends_on: rarely(fc.constant(undefined) as fc.Arbitrary<string[] | undefined>, fc.array(fc.constantFrom('x', 'y', 'z', 'a', 'b', 'e', 'ghost'), { maxLength: 3 })),
  }), { minLength: 1, maxLength: 4 }),
  prune: rarely(fc.constant(undefined) as fc.Arbitrary<string[] | undefined>, fc.array(fc.constantFrom('b', 'c', 'd', 'e', 'a/x', 'b/y'), { maxLength: 2 })),
});

/** A step: pick a non-terminal node (by index), run it, maybe delegate, maybe complete it. */
const stepArb = fc.record({ pick: fc.nat(), request: requestArb, complete: fc.boolean() });

describe('kernel splicer (property tests)', () => {
  it('random delegation sequences keep the graph acyclic, lose no edge, respect caps; rejections change nothing', () => {
    let applied = 0;
    let refused = 0;
    fc.assert(fc.property(fc.array(stepArb, { minLength: 1, maxLength: 25 }), (steps) => {
      const state = freshState();
      for (const step of steps) {
        const open = [...state.nodes.values()].filter((x) => x.status === 'pending' || x.status === 'ready' || x.status === 'running');
        if (open.length === 0) break;
        const node = open[step.pick % open.length];
        const id = node.spec.id;
        if (node.status === 'pending') {
          if (node.pendingIn > 0) continue;
          apply(state, { type: 'node.ready', nodeId: id, reason: 'deps' });
        }
        if (state.nodes.get(id)?.status === 'ready') apply(state, { type: 'node.started', nodeId: id, attempt: 1 });
        const before = serialize(state);
        const edgesBefore = edgeSet(state);
        const parsed = parseDelegationBlock('```json:delegation\n' + JSON.stringify(step.request) + '\n```');
        assert.ok(parsed.found);
        const plan = 'request' in parsed ? planDelegation(state, id, parsed.request, { budgetShare: 0.5 }) : undefined;
        if (plan?.ok) {
          apply(state, { type: 'graph.spliced', ...plan.splice });
          applied++;
          for (const edge of edgesBefore) assert.ok(edgeSet(state).has(edge), `lost edge ${edge}`);
        } else {
          refused++;
          assert.equal(serialize(state), before, 'a rejected splice leaves the graph identical');
        }
        assertAcyclic(state);
        assertCaps(state);
        if (step.complete) apply(state, { type: 'node.completed', nodeId: id, output: 'ok', text: 'ok', usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, by: 'agent' });
        for (const c of [...state.candidates]) {
          const x = state.nodes.get(c);
          if (x && x.liveIn === 0 && x.in.length > 0) apply(state, { type: 'node.skipped', nodeId: c, reason: 'upstream_skipped' });
        }
      }
    }), { numRuns: 300 });
    assert.ok(applied > 100 && refused > 100, `both paths exercised (applied ${applied}, refused ${refused})`);
  });

  it('child strategy makes every pending downstream node of the parent wait for all new nodes', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), (count) => {
      const state = freshState();
      apply(state, { type: 'node.ready', nodeId: 'a', reason: 'deps' });
      apply(state, { type: 'node.started', nodeId: 'a', attempt: 1 });
      const nodes = Array.from({ length: count }, (_, i) => ({ id: `k${i}`, prompt: 'p' }));
      const plan = planDelegation(state, 'a', { reason: 'r', strategy: 'child', nodes }, { budgetShare: 0.5 });
      assert.ok(plan.ok);
      apply(state, { type: 'graph.spliced', ...plan.splice });
      for (const downstream of ['b', 'c']) {
        const preds = new Set(state.nodes.get(downstream)!.in.map((y) => y.from));
        for (const k of nodes) assert.ok(preds.has(`a/${k.id}`), `${downstream} waits for a/${k.id}`);
      }
    }));
  });
});

/** Text an agent might end its turn with: valid, broken, hostile. */
const fuzzBlockArb = fc.oneof(
  fc.string({ maxLength: 200 }).map((s) => '```json:delegation\n' + s + '\n```'),
  fc.json({ maxDepth: 4 }).map((j) => '```json:delegation\n' + j + '\n```'),
  requestArb.map((r) => '```json:delegation\n' + JSON.stringify(r) + '\n```'),
  requestArb.map((r) => '```json:delegation\n' + JSON.stringify(r).slice(0, Math.max(1, JSON.stringify(r).length - 5)) + '\n```'),
  fc.integer({ min: 65, max: 5000 }).map((k) => '```json:delegation\n' + JSON.stringify({ reason: 'huge', nodes: Array.from({ length: k }, (_, i) => ({ id: `n${i}`, prompt: 'p' })) }) + '\n```'),
  fc.constantFrom(
    '```json:delegation\n{"reason":"cycle","nodes":[{"id":"a","prompt":"p","depends_on":["b"]},{"id":"b","prompt":"p","depends_on":["a"]}]}\n```',
    '```json:delegation\n{"reason":"dup","nodes":[{"id":"a","prompt":"p"},{"id":"a","prompt":"p"}]}\n```',
    '```json:delegation\n{"reason":"types","nodes":"not a list","strategy":42}\n```',
    '```json:delegation\n{"reason":"proto","nodes":[{"id":"__proto__","prompt":"p"},{"id":"constructor","agent":"toString"}]}\n```',
    '```json:delegation\n```',
    '```json:delegation\nnull\n```',
  ),
);

describe('kernel delegation fuzzing', () => {
  it('1,000 fuzzed delegation blocks never crash the kernel', async () => {
    const blocks = fc.sample(fuzzBlockArb, { numRuns: 1000, seed: 42 });
    assert.equal(blocks.length, 1000);
    const ir = blueprint([agent('worker', { delegate: { maxChildren: 4, maxDepth: 2 }, tools: ['read'] }), agent('after')],
      [graph('main', [n.agent('w', 'worker'), n.agent('after')], [e('w', 'after')])]);
    let spliced = 0;
    let rejected = 0;
    for (const block of blocks) {
      const h = harness({ version: 1, responses: { w: [{ text: `thinking\n${block}` }], '*': [{ text: 'ok' }] } });
      const { run, events } = startCollecting(h.kernel, { blueprint: ir, streamTokens: false });
      const outcome = await run.settled();
      assert.equal(outcome.status, 'completed', `${block.slice(0, 120)} -> ${JSON.stringify(outcome.error)}`);
      if (events.some((ev) => ev.type === 'graph.spliced')) spliced++;
      if (events.some((ev) => ev.type === 'graph.splice_rejected')) rejected++;
      assert.equal(run.state().nodes.get('after')?.status, 'completed');
    }
    assert.ok(spliced > 0 && rejected > 0, `both outcomes exercised (spliced ${spliced}, rejected ${rejected})`);
  }).timeout(120_000);
});
