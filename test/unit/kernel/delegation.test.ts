import { strict as assert } from 'node:assert';
import type { BlueprintIR } from '../../../language/src/ir';
import { agent, blueprint, e, graph, harness, n, startCollecting, statusOf } from './helpers';

const fence = (obj: unknown): string => `Working on it.\n\`\`\`json:delegation\n${JSON.stringify(obj)}\n\`\`\``;

function researchBlueprint(maxDepth = 2, maxChildren = 4): BlueprintIR {
  return blueprint(
    [agent('researcher', { delegate: { maxChildren, maxDepth }, tools: ['read'] }), agent('writer', { prompt: 'write' })],
    [graph('main', [n.agent('researcher'), n.agent('writer')], [e('researcher', 'writer')])],
  );
}

describe('kernel delegation', () => {
  it('splices children under the parent and makes the downstream wait for them (child strategy)', async () => {
    const h = harness({ version: 1, responses: {
      researcher: [{ text: fence({ reason: 'split', strategy: 'child', nodes: [{ id: 'sub1', prompt: 'part 1' }, { id: 'sub2', prompt: 'part 2', depends_on: ['sub1'] }] }), usage: { inputTokens: 1, outputTokens: 1 } }],
      'researcher/sub1': [{ text: 'one', usage: { inputTokens: 10, outputTokens: 5 } }],
      'researcher/sub2': [{ text: 'two', usage: { inputTokens: 7, outputTokens: 3 } }],
      '*': [{ text: 'ok', usage: { inputTokens: 1, outputTokens: 1 } }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    assert.equal((await run.settled()).status, 'completed');
    const order = events.filter((ev) => ev.type === 'node.completed').map((ev) => (ev as { nodeId: string }).nodeId);
    assert.deepEqual(order, ['researcher', 'researcher/sub1', 'researcher/sub2', 'writer']);
    const splice = events.find((ev) => ev.type === 'graph.spliced');
    assert.ok(splice && splice.type === 'graph.spliced');
    assert.deepEqual(splice.nodes.map((s) => [s.id, s.depth, s.parent]), [['researcher/sub1', 1, 'researcher'], ['researcher/sub2', 1, 'researcher']]);
    assert.ok(splice.edges.some((x) => x.from === 'researcher/sub2' && x.to === 'writer'), 'orphan capture');
    const researcher = run.state().nodes.get('researcher')!;
    assert.equal(researcher.subtreeUsage.inputTokens, 1 + 10 + 7, 'usage rolls up to the delegating node');
    const sub1 = events.find((ev) => ev.type === 'node.started' && ev.nodeId === 'researcher/sub1') as { prompt?: string };
    assert.equal(sub1.prompt, 'part 1');
    const researcherDone = events.find((ev) => ev.type === 'node.completed' && ev.nodeId === 'researcher') as { output: unknown; text?: string };
    assert.equal(researcherDone.output, 'Working on it.', 'the fence is not part of the output');
    assert.equal(researcherDone.text, undefined, 'a free-text answer is journaled once (as the output)');
    assert.equal(researcher.text, 'Working on it.', 'the fold gives the node its text back');
  });

  it('accepts a delegate tool call and the sibling strategy (downstream does not wait)', async () => {
    const h = harness({ version: 1, responses: {
      researcher: [{ toolCalls: [{ name: 'delegate', args: { reason: 'side quest', strategy: 'sibling', nodes: [{ id: 'side', prompt: 'p' }] } }] }, { text: 'main result' }],
      '*': [{ text: 'ok' }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    assert.equal((await run.settled()).status, 'completed');
    const splice = events.find((ev) => ev.type === 'graph.spliced');
    assert.ok(splice && splice.type === 'graph.spliced');
    assert.equal(splice.strategy, 'sibling');
    assert.ok(!splice.edges.some((x) => x.to === 'writer'));
    assert.equal(statusOf(run, 'researcher/side'), 'completed');
  });

  it('lets delegated agents delegate again up to the depth cap and rejects beyond it', async () => {
    const h = harness({ version: 1, responses: {
      researcher: [{ text: fence({ reason: 'l1', nodes: [{ id: 'a', prompt: 'go deeper' }] }) }],
      'researcher/a': [{ text: fence({ reason: 'l2', nodes: [{ id: 'b', prompt: 'deeper' }] }) }],
      'researcher/a/b': [{ text: fence({ reason: 'l3', nodes: [{ id: 'c', prompt: 'too deep' }] }) }],
      '*': [{ text: 'ok' }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: researchBlueprint(2) });
    assert.equal((await run.settled()).status, 'completed');
    assert.equal(run.state().nodes.get('researcher/a/b')?.spec.depth, 2);
    assert.equal(run.state().nodes.has('researcher/a/b/c'), false);
    const rejected = events.find((ev) => ev.type === 'graph.splice_rejected');
    assert.ok(rejected && rejected.type === 'graph.splice_rejected');
    assert.equal(rejected.code, 'DEPTH');
    assert.equal(rejected.parent, 'researcher/a/b');
    const done = events.find((ev) => ev.type === 'node.completed' && ev.nodeId === 'researcher/a/b') as { note?: string };
    assert.match(done.note ?? '', /delegation rejected \(DEPTH\)/, 'the agent is told');
    const order = events.filter((ev) => ev.type === 'node.completed').map((ev) => (ev as { nodeId: string }).nodeId);
    assert.equal(order[order.length - 1], 'writer', 'the writer waits for the whole nested subtree');
  });

  it('rejects a delegation from an agent without the privilege, leaving the graph unchanged', async () => {
    const ir = researchBlueprint();
    ir.agents[0] = agent('researcher');
    const h = harness({ version: 1, responses: { researcher: [{ text: fence({ reason: 'x', nodes: [{ id: 'a', prompt: 'p' }] }) }], '*': [{ text: 'ok' }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    assert.equal(run.state().nodes.size, 2);
    assert.ok(events.some((ev) => ev.type === 'graph.splice_rejected' && ev.code === 'PRIVILEGE'));
  });

  it('rejects too many children, tool escalation, and malformed blocks', async () => {
    const cases: [unknown, string][] = [
      [{ reason: 'x', nodes: [{ id: 'a', prompt: 'p' }, { id: 'b', prompt: 'p' }, { id: 'c', prompt: 'p' }] }, 'CHILDREN'],
      [{ reason: 'x', nodes: [{ id: 'a', prompt: 'p', tools: ['exec'] }] }, 'PRIVILEGE'],
      [{ reason: 'x', nodes: [{ id: 'a', prompt: 'p', depends_on: ['b'] }, { id: 'b', prompt: 'p', depends_on: ['a'] }] }, 'CYCLE'],
      [{ reason: 'x', nodes: [{ id: 'a', prompt: 'p', depends_on: ['ghost'] }] }, 'UNKNOWN_ID'],
      [{ reason: 'x', nodes: [{ id: 'a' }] }, 'SCHEMA'],
      [{ reason: 'x', nodes: [{ id: 'a', prompt: 'p' }], prune: ['writer', 'researcher'] }, 'PRUNE'],
    ];
    for (const [request, code] of cases) {
      const h = harness({ version: 1, responses: { researcher: [{ text: fence(request) }], '*': [{ text: 'ok' }] } });
      const { run, events } = startCollecting(h.kernel, { blueprint: researchBlueprint(2, 2) });
      assert.equal((await run.settled()).status, 'completed', code);
      const rejected = events.find((ev) => ev.type === 'graph.splice_rejected');
      assert.equal(rejected?.type === 'graph.splice_rejected' ? rejected.code : undefined, code);
      assert.equal(run.state().nodes.size, 2, `${code}: graph unchanged`);
    }
  });

  it('prunes a pending downstream node', async () => {
    const h = harness({ version: 1, responses: { researcher: [{ text: fence({ reason: 'not needed', nodes: [{ id: 'x', prompt: 'p' }], prune: ['writer'] }) }], '*': [{ text: 'ok' }] } });
    const { run } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    assert.equal((await run.settled()).status, 'completed');
    assert.equal(statusOf(run, 'writer'), 'skipped');
    assert.equal(run.state().nodes.get('writer')?.skipReason, 'pruned');
    assert.equal(h.puppet.callCount('writer'), 0);
  });

  it('prefers the delegate tool call over a fence in the same node turn', async () => {
    const h = harness({ version: 1, responses: {
      researcher: [{ toolCalls: [{ name: 'delegate', args: { reason: 'one', nodes: [{ id: 'a', prompt: 'p' }] } }] }, { text: fence({ reason: 'two', nodes: [{ id: 'b', prompt: 'p' }] }) }],
      'researcher/a': [{ text: 'ok' }],
      '*': [{ text: 'ok' }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    await run.settled();
    assert.equal(events.filter((ev) => ev.type === 'graph.spliced').length, 1);
    assert.ok(run.state().nodes.has('researcher/a'));
    assert.ok(!run.state().nodes.has('researcher/b'));
    const rejected = events.find((ev) => ev.type === 'graph.splice_rejected');
    assert.match(rejected?.type === 'graph.splice_rejected' ? rejected.reason : '', /tool call is applied, the block is not/, 'the ignored block leaves a trace');
  });

  it('compiles a delegated blueprint through the injected compiler', async () => {
    const inner = blueprint([agent('helper', { prompt: 'help' })], [graph('g', [n.agent('h1', 'helper'), n.agent('h2', 'helper')], [e('h1', 'h2')])]);
    const compiler = {
      compileFile: () => Promise.reject(new Error('unused')),
      compileText: (text: string) => Promise.resolve(text === 'good' ? { ir: inner, diagnostics: [] } : { diagnostics: [{ file: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 'error' as const, code: 'RARO101', message: 'bad' }] }),
    };
    for (const source of ['good', 'bad']) {
      const h = harness({ version: 1, responses: { researcher: [{ text: fence({ reason: 'bp', blueprint: source }) }], '*': [{ text: 'ok' }] } }, { compiler });
      const { run, events } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
      assert.equal((await run.settled()).status, 'completed');
      if (source === 'good') {
        assert.equal(statusOf(run, 'researcher/h2'), 'completed');
        assert.equal(run.state().nodes.get('researcher/h1')?.spec.agent, 'researcher/helper');
        const order = events.filter((ev) => ev.type === 'node.completed').map((ev) => (ev as { nodeId: string }).nodeId);
        assert.deepEqual(order, ['researcher', 'researcher/h1', 'researcher/h2', 'writer']);
      } else {
        assert.ok(events.some((ev) => ev.type === 'graph.splice_rejected' && ev.code === 'BLUEPRINT'));
      }
    }
  });

  it('sends a model-written child prompt as written: literal braces are data, not a template (no drought)', async () => {
    const prompt = 'Write the {{title}} section; keep \\{{raw}} and {{ input.topic }} as they are';
    const h = harness({ version: 1, responses: {
      researcher: [{ text: fence({ reason: 'split', nodes: [{ id: 'sub', prompt }] }) }], '*': [{ text: 'ok' }],
    } });
    const { run, events } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
    assert.equal((await run.settled()).status, 'completed');
    assert.ok(!events.some((ev) => ev.type === 'node.drought'));
    const started = events.find((ev) => ev.type === 'node.started' && ev.nodeId === 'researcher/sub') as { prompt?: string };
    assert.equal(started.prompt, prompt);
  });

  describe('every delegation block is applied or rejected with a reason, never ignored', () => {
    const request = { reason: 'r', nodes: [{ id: 'x', prompt: 'p' }] };
    const json = JSON.stringify(request);
    const cases: Array<[string, string, 'spliced' | RegExp, string]> = [
      ['followed by more text', `Plan.\n\`\`\`json:delegation\n${json}\n\`\`\`\nI will wait for them.`, 'spliced', 'Plan.\n\nI will wait for them.'],
      ['spelled JSON:delegation', `Plan.\n\`\`\`JSON:delegation\n${json}\n\`\`\``, 'spliced', 'Plan.'],
      ['spelled Json:Delegation, on one line', `Plan. \`\`\`Json:Delegation ${json}\`\`\``, 'spliced', 'Plan.'],
      ['not closed', `Plan.\n\`\`\`json:delegation\n${json}`, /not closed/, 'Plan.'],
      ['two blocks', `\`\`\`json:delegation\n${json}\n\`\`\`\nand\n\`\`\`json:delegation\n${json}\n\`\`\``, /2 delegation blocks/, ''],
    ];
    for (const [name, text, expected, output] of cases) {
      it(name, async () => {
        const h = harness({ version: 1, responses: { researcher: [{ text }], 'researcher/x': [{ text: 'ok' }], '*': [{ text: 'ok' }] } });
        const { run, events } = startCollecting(h.kernel, { blueprint: researchBlueprint() });
        assert.equal((await run.settled()).status, 'completed');
        const spliced = events.some((ev) => ev.type === 'graph.spliced');
        const rejected = events.find((ev) => ev.type === 'graph.splice_rejected');
        if (expected === 'spliced') {
          assert.ok(spliced && rejected === undefined, `applied: ${JSON.stringify(rejected)}`);
        } else {
          assert.ok(!spliced, 'not applied');
          assert.match(rejected?.type === 'graph.splice_rejected' ? rejected.reason : '(no rejection)', expected);
        }
        assert.equal(run.state().nodes.get('researcher')?.output, output, 'the block is not part of the answer');
      });
    }
  });
});
