/**
 * The estimate before a run (language/src/estimate): per-node bounds from the blueprint alone, loops and
 * maps as bounds, skippable branches at min 0, prices from the one table, unknown models flagged, a
 * provider counter used for the fixed prompt text, and the `raro estimate` command around it.
 */
import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BlueprintIR, ModelIR, TemplateIR } from '../../../language/src/ir';
import { LIST_PRICES } from '../../../language/src/contract/prices';
import { DEFAULT_ASSUMPTIONS, estimateRun, formatEstimate, summaryLine, type RunEstimate } from '../../../kernel/src';
import { estimateCommand } from '../../../cli/src/commands/estimate';
import { R, agent, blueprint, cond, e, graph, n, ref } from './helpers';

const flash: ModelIR = { name: 'flash', provider: 'gemini', model: 'gemini-2.5-flash', options: {}, range: R };

function withRefs(text: string): TemplateIR {
  const refs = [...text.matchAll(/\{\{([^}]*)\}\}/g)].map((m) => ({ path: m[1].trim().split('.'), range: R }));
  return { text, refs, range: R };
}

function node(estimate: RunEstimate, id: string) {
  const found = estimate.nodes.find((n) => n.id === id);
  assert.ok(found, `no estimate for ${id}: ${estimate.nodes.map((n) => n.id).join(', ')}`);
  return found;
}

describe('estimate before a run', () => {
  it('bounds one agent by its prompt (chars/4) and the output cap, priced from the table', async () => {
    const writer = { ...agent('writer', { model: 'flash' }), prompt: withRefs('x'.repeat(400)) };
    const ir = blueprint([writer], [graph('main', [n.agent('writer')], [])], { models: [{ ...flash, options: { max_tokens: 500 } }], defaultModel: 'flash' });
    const estimate = await estimateRun(ir);
    const w = node(estimate, 'writer');
    assert.deepEqual([w.calls, w.inputTokens, w.outputTokens], [{ min: 1, max: 1 }, { min: 100, max: 100 }, { min: 20, max: 500 }]);
    const price = LIST_PRICES['gemini-2.5-flash'];
    assert.equal(w.costUsd.max, (100 * price.inputPerMTok + 500 * price.outputPerMTok) / 1e6);
    assert.equal(w.method, 'heuristic');
    assert.deepEqual(estimate.total.costUsd, w.costUsd);
    assert.equal(estimate.total.costUnknown, false);
  });

  it('feeds an upstream answer into the templates that read it', async () => {
    const ir = blueprint(
      [agent('a', { prompt: 'go' }), { ...agent('b'), prompt: withRefs('Summarize {{a}}') }],
      [graph('main', [n.agent('a'), n.agent('b')], [e('a', 'b')])],
      { models: [flash], defaultModel: 'flash' },
    );
    const b = node(await estimateRun(ir), 'b');
    const fixed = Math.ceil('Summarize '.length / 4);
    assert.deepEqual(b.inputTokens, { min: fixed + DEFAULT_ASSUMPTIONS.minOutputTokens, max: fixed + DEFAULT_ASSUMPTIONS.maxOutputTokens });
  });

  it('counts a loop body between one iteration and max', async () => {
    const ir = blueprint([agent('draft', { prompt: 'p' })], [graph('main', [n.loop('refine', 4, { nodes: [n.agent('draft')], edges: [] })], [])], { models: [flash], defaultModel: 'flash' });
    const body = node(await estimateRun(ir), 'refine#*.draft');
    assert.deepEqual(body.calls, { min: 1, max: 4 });
    assert.match(body.notes.join(), /loop: 1 to 4 iteration/);
  });

  it('fans a map out over the given list exactly, else over the assumed range', async () => {
    const ir = blueprint(
      [{ ...agent('summarize'), prompt: withRefs('Summarize {{item}}') }],
      [graph('main', [n.map('sums', 'summarize', ref.input('docs'))], [])],
      { models: [flash], defaultModel: 'flash' },
    );
    const given = node(await estimateRun(ir, { inputs: { docs: ['a', 'b', 'c'] } }), 'sums[*]');
    assert.deepEqual(given.calls, { min: 3, max: 3 });
    const assumed = node(await estimateRun(ir, { assumptions: { mapItems: { min: 2, max: 5 } } }), 'sums[*]');
    assert.deepEqual(assumed.calls, { min: 2, max: 5 });
  });

  it('lets route branches and what follows an approval cost nothing at best', async () => {
    const ir = blueprint(
      [agent('critic', { prompt: 'p' }), agent('writer', { prompt: 'p' }), agent('fixer', { prompt: 'p' }), agent('publisher', { prompt: 'p' })],
      [graph('main', [n.agent('critic'), n.agent('writer'), n.agent('fixer'), n.approval('ok'), n.agent('publisher')], [
        e('critic', 'writer', cond(ref.node('critic', 'verdict'), '==', 'accept')), e('critic', 'fixer', 'else'), e('writer', 'ok'), e('ok', 'publisher'),
      ])],
      { models: [flash], defaultModel: 'flash' },
    );
    const estimate = await estimateRun(ir);
    assert.equal(node(estimate, 'critic').calls.min, 1);
    for (const id of ['writer', 'fixer', 'publisher']) assert.equal(node(estimate, id).calls.min, 0, id);
  });

  it('bounds tool loops, the repair turn and delegation by the agent\'s own caps', async () => {
    const boss = agent('boss', { prompt: 'p', tools: ['rfs.read'], output: { kind: 'string' }, delegate: { maxChildren: 2, maxDepth: 2 } });
    const ir = blueprint([boss], [graph('main', [n.agent('boss')], [])], { models: [flash], defaultModel: 'flash' });
    const b = node(await estimateRun(ir), 'boss');
    // 8 tool turns + 1 repair turn + 2 + 4 delegated nodes.
    assert.deepEqual(b.calls, { min: 1, max: 8 + 1 + 6 });
  });

  it('flags a model without a price as cost unknown', async () => {
    const local: ModelIR = { name: 'local', provider: 'openai', model: 'llama3', options: {}, range: R };
    const ir: BlueprintIR = blueprint([agent('a', { prompt: 'p' })], [graph('main', [n.agent('a')], [])], { models: [local], defaultModel: 'local' });
    const estimate = await estimateRun(ir);
    assert.equal(node(estimate, 'a').costUnknown, true);
    assert.equal(estimate.total.costUnknown, true);
    assert.match(summaryLine(estimate), /\+ cost unknown$/);
  });

  it('uses the provider counter for the fixed prompt text', async () => {
    const ir = blueprint([agent('a', { prompt: 'hello there' })], [graph('main', [n.agent('a')], [])], { models: [flash], defaultModel: 'flash' });
    const seen: string[] = [];
    const estimate = await estimateRun(ir, { countTokens: (model, text) => { seen.push(`${model.model}:${text}`); return Promise.resolve(42); } });
    assert.deepEqual(seen, ['gemini-2.5-flash:hello there']);
    assert.deepEqual(node(estimate, 'a').inputTokens, { min: 42, max: 42 });
    assert.equal(node(estimate, 'a').method, 'counted');
    assert.match(formatEstimate(estimate), /counted by the provider/);
  });

  it('raro estimate prints the table for a blueprint file, and JSON with --json', async function () {
    this.timeout(30_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raro-estimate-'));
    const file = path.join(dir, 'b.raro');
    fs.writeFileSync(file, 'blueprint { model m = openai "gpt-4.1-mini"  limits { cost 1.00 usd } }\nagent a { prompt "Say hi to {{input.name}}." }\ngraph main(name: string) { a }\n');
    const out: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _encoding, done) { out.push(chunk.toString()); done(); } });
    const io = { stdout: sink, stderr: sink, cwd: dir };
    assert.equal(await estimateCommand.run(['b.raro', '--input', 'name=Ada'], io, new AbortController().signal), 0);
    assert.match(out.join(''), /^node\s+model\s+calls/);
    assert.match(out.join(''), /openai "gpt-4.1-mini"/);
    assert.match(out.join(''), /pause the run at cost 1 usd/);
    out.length = 0;
    assert.equal(await estimateCommand.run(['b.raro', '--json'], io, new AbortController().signal), 0);
    const json = JSON.parse(out.join('')) as RunEstimate;
    assert.equal(json.nodes[0].id, 'a');
    assert.ok(json.total.costUsd.max > 0);
  });
});
