/**
 * The one price table in use: the contract's lookup order, cached-input pricing, an OpenAI-bound node
 * billed at its list price so that a cost budget fires (it used to cost $0), unknown models flagged
 * `costUnknown`, servers without usage flagged `estimated`, a binding's own prices, and cost rolling up
 * through a delegation subtree.
 */
import { strict as assert } from 'node:assert';
import type { BlueprintIR, ModelIR } from '../../../language/src/ir';
import { LIST_PRICES, costUsd, lookupPrice } from '../../../language/src/contract/prices';
import { formatPrice, priceDetail, priceOf } from '../../../language/src/lsp/modelPrices';
import { Kernel, MemoryJournalStore, OpenAiProvider, singleProvider, turnCost, type KernelHost, type RunEvent, type RunLimits } from '../../../kernel/src';
import { R, agent, blueprint, e, graph, harness, n, startCollecting } from '../../unit/kernel/helpers';
import { FakeHttpServer } from './fakeHttpServer';
import { openAiText, openAiTextWithoutUsage } from './fakeOpenAi';

describe('price table (language/src/contract/prices.ts)', () => {
  it('dates every list price', () => {
    for (const [model, price] of Object.entries(LIST_PRICES)) assert.match(price.asOf, /^\d{4}-\d{2}-\d{2}$/, model);
  });

  it('looks up host override, then free puppet, then blueprint options, then the list; else unknown', () => {
    const options = { input_price: 1, output_price: 2 };
    assert.deepEqual(lookupPrice({ provider: 'openai', model: 'gpt-4.1-mini' }), { known: true, price: LIST_PRICES['gpt-4.1-mini'], source: 'list' });
    assert.equal(lookupPrice({ provider: 'openai', model: 'gpt-4.1-mini', options }).known && 'blueprint', 'blueprint');
    const host = lookupPrice({ provider: 'openai', model: 'gpt-4.1-mini', options, overrides: { 'gpt-4.1-mini': { inputPerMTok: 9, outputPerMTok: 9 } } });
    assert.deepEqual(host, { known: true, price: { inputPerMTok: 9, outputPerMTok: 9 }, source: 'host' });
    assert.deepEqual(lookupPrice({ provider: 'puppet', model: 'gemini-2.5-pro', options }), { known: true, price: { inputPerMTok: 0, outputPerMTok: 0 }, source: 'free' });
    assert.deepEqual(lookupPrice({ provider: 'openai', model: 'llama3' }), { known: false });
    assert.deepEqual(lookupPrice({ provider: 'openai', model: 'llama3', options: { input_price: 1 } }), { known: false }, 'both prices are needed');
  });

  it('the hover shows what the kernel bills, for every listed model', () => {
    for (const [model, listed] of Object.entries(LIST_PRICES)) {
      const binding: ModelIR = { name: 'm', provider: listed.provider, model, options: {}, range: R };
      const billed = turnCost({}, listed.provider, binding, { inputTokens: 1_000_000, outputTokens: 1_000_000 });
      const shown = priceOf(listed.provider, model);
      assert.ok(billed.known && shown, model);
      assert.equal(billed.usd, shown.inputPerMTok + shown.outputPerMTok, model);
    }
    assert.equal(formatPrice(priceOf('openai', 'gpt-4.1-mini')), '$0.40 in / $1.60 out per 1M tokens');
    assert.equal(priceDetail(priceOf('openai', 'gpt-4.1-mini')), 'cached input $0.1 per 1M tokens; list price as of 2025-04-14');
    assert.equal(formatPrice(priceOf('openai', 'llama3', { input_price: 0.2, output_price: 0.6 })), '$0.20 in / $0.60 out per 1M tokens');
  });

  it('bills cached input at the cached price', () => {
    const price = { inputPerMTok: 1, outputPerMTok: 4, cachedInputPerMTok: 0.25 };
    assert.equal(costUsd(price, { inputTokens: 1_000_000, outputTokens: 1_000_000, cachedInputTokens: 400_000 }), 0.6 + 0.1 + 4);
    assert.equal(costUsd({ inputPerMTok: 1, outputPerMTok: 0 }, { inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 500_000 }), 1, 'no cached price: input price');
  });
});

function singleNode(model: ModelIR): BlueprintIR {
  return blueprint([agent('writer', { model: model.name, prompt: 'Write.' })], [graph('main', [n.agent('writer')], [])], { models: [model], defaultModel: model.name });
}

function openAiModel(model: string, options: ModelIR['options'] = {}): ModelIR {
  return { name: 'gpt', provider: 'openai', model, options, range: R };
}

describe('kernel billing with the OpenAI-compatible provider', () => {
  let server: FakeHttpServer;
  beforeEach(async () => { server = await FakeHttpServer.start(); });
  afterEach(() => server.close());

  async function run(ir: BlueprintIR, limits: RunLimits = {}, host: Partial<KernelHost> = {}) {
    const kernel = new Kernel({ journal: new MemoryJournalStore(), providers: singleProvider(new OpenAiProvider({ baseUrl: `${server.origin}/v1` })), ...host });
    const handle = kernel.start({ blueprint: ir, graph: 'main', limits });
    const events: RunEvent[] = [];
    handle.subscribe((event) => events.push(event), { replay: true });
    const outcome = await handle.settled();
    const state = handle.state();
    handle.close();
    const completed = events.find((event) => event.type === 'node.completed');
    return { outcome, events, state, usage: completed?.type === 'node.completed' ? completed.usage : undefined };
  }

  it('bills gpt-4.1-mini at its list price, and a cost budget fires for the node', async () => {
    server.reply(openAiText(['done'], { prompt: 1_000_000, completion: 100_000 }));
    const model = openAiModel('gpt-4.1-mini');
    const ir = blueprint([agent('writer', { prompt: 'Write.' }), agent('editor', { prompt: 'Edit.' })], [graph('main', [n.agent('writer'), n.agent('editor')], [e('writer', 'editor')])], { models: [model], defaultModel: model.name });
    const { outcome, events, usage, state } = await run(ir, { costUsd: 0.5 });
    assert.equal(usage?.costUsd, 0.4 + 0.16);
    assert.equal(usage?.costUnknown, undefined);
    const exceeded = events.find((event) => event.type === 'budget.exceeded');
    assert.ok(exceeded?.type === 'budget.exceeded', `no budget event; outcome ${outcome.status}`);
    assert.deepEqual([exceeded.scope, exceeded.metric, exceeded.limit], ['run', 'costUsd', 0.5]);
    assert.equal(outcome.status, 'waiting', 'paused for a decision, not failed');
    assert.equal(state.nodes.get('editor')?.status, 'ready', 'the next node waits for the decision');
    assert.equal(server.requests.length, 1);
  });

  it('flags an unknown model as cost unknown instead of billing $0 silently', async () => {
    server.reply(openAiText(['done'], { prompt: 500, completion: 50 }));
    const { usage, state } = await run(singleNode(openAiModel('llama3')));
    assert.deepEqual(usage, { inputTokens: 500, outputTokens: 50, costUsd: 0, costUnknown: true });
    assert.equal(state.usage.costUnknown, true, 'the run total says so too');
  });

  it('prices a model from the binding\'s own options; the host override wins over them', async () => {
    server.reply(openAiText(['a'], { prompt: 1_000_000, completion: 1_000_000 }), openAiText(['b'], { prompt: 1_000_000, completion: 0 }));
    const ir = singleNode(openAiModel('llama3', { input_price: 0.5, output_price: 1.5 }));
    assert.equal((await run(ir)).usage?.costUsd, 2);
    assert.equal((await run(ir, {}, { prices: { llama3: { inputPerMTok: 0, outputPerMTok: 0 } } })).usage?.costUsd, 0);
  });

  it('flags usage as estimated when the server sends none', async () => {
    server.reply(openAiTextWithoutUsage(['Hello there']));
    const { usage } = await run(singleNode(openAiModel('gpt-4.1-mini')));
    assert.equal(usage?.estimated, true);
    assert.ok((usage?.outputTokens ?? 0) > 0);
    assert.ok((usage?.costUsd ?? 0) > 0, 'an estimate is still billed');
  });
});

describe('cost through a delegation subtree', () => {
  it('rolls the children\'s cost up into the delegating node\'s subtree and the run', async () => {
    const ir = blueprint([agent('boss', { delegate: { maxChildren: 3, maxDepth: 1 } }), agent('after')], [graph('main', [n.agent('boss'), n.agent('after')], [e('boss', 'after')])]);
    const h = harness({ version: 1, responses: {
      boss: [{ text: '```json:delegation\n{"reason":"r","nodes":[{"id":"a","prompt":"p"},{"id":"b","prompt":"q"}]}\n```', usage: { inputTokens: 1_000_000, outputTokens: 0 } }],
      'boss/a': [{ text: 'A', usage: { inputTokens: 2_000_000, outputTokens: 0 } }],
      'boss/b': [{ text: 'B', usage: { inputTokens: 0, outputTokens: 1_000_000 } }],
      '*': [{ text: 'x', usage: { inputTokens: 0, outputTokens: 0 } }],
    } }, { prices: { puppet: { inputPerMTok: 1, outputPerMTok: 10 } } });
    const { run } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    const state = run.state();
    assert.equal(state.nodes.get('boss/a')?.usage.costUsd, 2);
    assert.equal(state.nodes.get('boss/b')?.usage.costUsd, 10);
    assert.equal(state.nodes.get('boss')?.usage.costUsd, 1);
    assert.equal(state.nodes.get('boss')?.subtreeUsage.costUsd, 13);
    assert.equal(state.usage.costUsd, 13);
  });
});
