import { strict as assert } from 'node:assert';
import type { BlueprintIR } from '../../../language/src/ir';
import type { RunEvent } from '../../../kernel/src';
import { agent, blueprint, cond, e, graph, harness, n, ref, startCollecting } from './helpers';

const listShape = { kind: 'object' as const, fields: [{ name: 'items', shape: { kind: 'list' as const, of: { kind: 'string' as const } }, optional: false }] };
const fence = (obj: unknown): string => `ok\n\`\`\`json:delegation\n${JSON.stringify(obj)}\n\`\`\``;
const delegate = (strategy: 'child' | 'sibling'): { text: string } => ({ text: fence({ reason: 'help', strategy, nodes: [{ id: 'helper', prompt: 'help me' }] }) });

/** Index of the first event of `type` for `nodeId` (-1 when absent). */
function at(events: RunEvent[], type: RunEvent['type'], nodeId: string): number {
  return events.findIndex((ev) => ev.type === type && 'nodeId' in ev && ev.nodeId === nodeId);
}

function assertBefore(events: RunEvent[], done: string, starts: string): void {
  const end = at(events, 'node.completed', done);
  const start = at(events, 'node.started', starts);
  assert.ok(end >= 0, `${done} completed`);
  assert.ok(start >= 0, `${starts} started`);
  assert.ok(end < start, `${starts} started (event ${start}) before ${done} completed (event ${end})`);
}

function withWorker(nodes: BlueprintIR['graphs'][number]['nodes'], edges: BlueprintIR['graphs'][number]['edges'], extra: BlueprintIR['graphs'] = []): BlueprintIR {
  return blueprint([
    agent('lister', { output: listShape }), agent('part', { delegate: { maxChildren: 4, maxDepth: 3 } }), agent('reducer'), agent('other'),
  ], [graph('main', nodes, edges), ...extra]);
}

describe('kernel containers wait for delegated subtrees (orphan capture)', () => {
  for (const strategy of ['child', 'sibling'] as const) {
    it(`a map's join waits for an instance's delegated child (${strategy})`, async () => {
      const ir = withWorker([n.agent('lister'), n.map('fan', 'part', ref.node('lister', 'items')), n.agent('reducer')], [e('lister', 'fan'), e('fan', 'reducer')]);
      const h = harness({ version: 1, responses: {
        lister: [{ text: '{"items":["a","b"]}' }], 'fan[0]': [delegate(strategy)], 'fan[0]/helper': [{ text: 'late', delayMs: 5000 }], '*': [{ text: 'x' }],
      } });
      const { run, events } = startCollecting(h.kernel, { blueprint: ir });
      assert.equal((await run.settled()).status, 'completed');
      assertBefore(events, 'fan[0]/helper', 'reducer');
      assert.ok(at(events, 'node.completed', 'fan[0]/helper') < at(events, 'node.completed', 'fan'), 'the join comes after the helper');
    });
  }

  it('a loop iteration waits for a body node\'s delegated child, and so does the loop\'s downstream', async () => {
    const ir = withWorker([
      n.loop('refine', 2, { nodes: [n.agent('draft', 'other'), n.agent('check', 'part')], edges: [e('draft', 'check')] }), n.agent('reducer'),
    ], [e('refine', 'reducer')]);
    const h = harness({ version: 1, responses: {
      'refine#2.check': [delegate('child')], 'refine#2.check/helper': [{ text: 'late', delayMs: 5000 }], '*': [{ text: 'x' }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    assertBefore(events, 'refine#2.check/helper', 'reducer');
  });

  it('a subgraph waits for its members\' delegated subtrees (nested, two levels)', async () => {
    const inner = graph('inner', [n.agent('w', 'part')], []);
    const ir = withWorker([n.subgraph('sub', 'inner'), n.agent('reducer')], [e('sub', 'reducer')], [inner]);
    const h = harness({ version: 1, responses: {
      'sub/w': [delegate('child')],
      'sub/w/helper': [{ text: fence({ reason: 'deeper', strategy: 'sibling', nodes: [{ id: 'deep', prompt: 'dig' }] }) }],
      'sub/w/helper/deep': [{ text: 'late', delayMs: 5000 }], '*': [{ text: 'x' }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    assertBefore(events, 'sub/w/helper/deep', 'reducer');
  });

  it('a map inside a loop inside a subgraph: every level waits', async () => {
    const inner = graph('inner', [n.agent('lister'), n.loop('again', 1, { nodes: [n.map('fan', 'part', ref.node('lister', 'items'))], edges: [] })], [e('lister', 'again')]);
    const ir = withWorker([n.subgraph('sub', 'inner'), n.agent('reducer')], [e('sub', 'reducer')], [inner]);
    const h = harness({ version: 1, responses: {
      lister: [{ text: '{"items":["a"]}' }], 'sub/again#1.fan[0]': [delegate('child')], 'sub/again#1.fan[0]/helper': [{ text: 'late', delayMs: 5000 }], '*': [{ text: 'x' }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    assertBefore(events, 'sub/again#1.fan[0]/helper', 'reducer');
    assert.ok(at(events, 'node.completed', 'sub/again#1.fan[0]/helper') < at(events, 'node.completed', 'sub/again#1.fan'));
  });

  it('a captured branch the route did not select stays skipped: capture orders, it carries no data', async () => {
    const verdict = { kind: 'object' as const, fields: [{ name: 'verdict', shape: { kind: 'string' as const }, optional: false }] };
    const ir = blueprint([agent('critic', { output: verdict, delegate: { maxChildren: 2, maxDepth: 1 } }), agent('revise'), agent('writer')],
      [graph('main', [n.agent('critic'), n.agent('revise'), n.agent('writer')], [
        e('critic', 'revise', cond(ref.node('critic', 'verdict'), '==', 'revise')), e('critic', 'writer', 'else'),
      ])]);
    const h = harness({ version: 1, responses: {
      critic: [{ text: `{"verdict":"ok"}\n\`\`\`json:delegation\n${JSON.stringify({ reason: 'check', nodes: [{ id: 'helper', prompt: 'p' }] })}\n\`\`\`` }],
      'critic/helper': [{ text: 'late', delayMs: 1000 }], '*': [{ text: 'x' }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    assert.equal(h.puppet.callCount('revise'), 0, 'the unselected branch did not run');
    assert.equal(run.state().nodes.get('revise')?.status, 'skipped');
    assertBefore(events, 'critic/helper', 'writer');
  });
});
