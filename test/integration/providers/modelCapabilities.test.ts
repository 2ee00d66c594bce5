/**
 * The capability table (language/src/contract/modelCapabilities.ts) seen from the wire: thinking options go
 * only to models that take them, and Gemini gets a response schema together with tools only where the model
 * family accepts the pair; elsewhere the kernel's shape check and repair turn enforce the output shape.
 */
import { strict as assert } from 'node:assert';
import type { BlueprintIR, ModelIR } from '../../../language/src/ir';
import { GeminiProvider, Kernel, MemoryJournalStore, OpenAiProvider, singleProvider, type ToolHost } from '../../../kernel/src';
import { R, agent, blueprint, graph, n, output, ref } from '../../unit/kernel/helpers';
import { FakeHttpServer } from './fakeHttpServer';
import { geminiBody, geminiText } from './fakeGemini';
import { openAiBody, openAiText } from './fakeOpenAi';
import { drain, modelBinding, providerRequest } from './providerHarness';

const titleShape = { kind: 'object' as const, fields: [{ name: 'title', shape: { kind: 'string' as const }, optional: false }] };

describe('model capabilities on the wire (fake Gemini and OpenAI servers)', function () {
  this.timeout(20_000);
  let server: FakeHttpServer;
  beforeEach(async () => { server = await FakeHttpServer.start(); });
  afterEach(() => server.close());

  it('Gemini 2.5: thinking_budget becomes thinkingConfig with includeThoughts false; Gemini 2.0 gets none', async () => {
    const gemini = new GeminiProvider({ apiKey: 'k', baseUrl: server.origin });
    server.reply(geminiText(['ok']), geminiText(['ok']), geminiText(['ok']));
    await drain(gemini, providerRequest({ model: modelBinding('gemini', 'gemini-2.5-flash', { thinking_budget: 2000 }) }));
    await drain(gemini, providerRequest({ model: modelBinding('gemini', 'gemini-2.5-pro', { thinking_budget: 0 }) }));
    await drain(gemini, providerRequest({ model: modelBinding('gemini', 'gemini-2.0-flash', { thinking_budget: 2000 }) }));
    assert.deepEqual(geminiBody(server.requests[0]).generationConfig?.thinkingConfig, { thinkingBudget: 2000, includeThoughts: false });
    assert.deepEqual(geminiBody(server.requests[1]).generationConfig?.thinkingConfig, { thinkingBudget: 0, includeThoughts: false });
    assert.equal(geminiBody(server.requests[2]).generationConfig?.thinkingConfig, undefined);
  });

  it('OpenAI: reasoning_effort goes to o4-mini and gpt-5, not to gpt-4.1', async () => {
    const openai = new OpenAiProvider({ apiKey: 'k', baseUrl: `${server.origin}/v1` });
    server.reply(openAiText(['ok']), openAiText(['ok']), openAiText(['ok']));
    for (const id of ['o4-mini', 'gpt-5', 'gpt-4.1']) await drain(openai, providerRequest({ model: modelBinding('openai', id, { reasoning_effort: 'low' }) }));
    assert.deepEqual(server.requests.map((r) => openAiBody(r).reasoning_effort), ['low', 'low', undefined]);
  });

  it('OpenAI: max_tokens is sent as max_completion_tokens to o-series and gpt-5, as max_tokens elsewhere (gpt-oss on a local server too)', async () => {
    const openai = new OpenAiProvider({ apiKey: 'k', baseUrl: `${server.origin}/v1` });
    server.reply(openAiText(['ok']), openAiText(['ok']), openAiText(['ok']), openAiText(['ok']));
    for (const id of ['o4-mini', 'gpt-5-mini', 'gpt-4.1', 'gpt-oss-20b']) await drain(openai, providerRequest({ model: modelBinding('openai', id, { max_tokens: 500 }) }));
    assert.deepEqual(server.requests.map((r) => [openAiBody(r).max_completion_tokens, openAiBody(r).max_tokens]), [[500, undefined], [500, undefined], [undefined, 500], [undefined, 500]]);
  });

  it('Gemini 3 gets the response schema together with the tools', async () => {
    const gemini = new GeminiProvider({ apiKey: 'k', baseUrl: server.origin });
    server.reply(geminiText(['{"title": "x"}']));
    await drain(gemini, providerRequest({ model: modelBinding('gemini', 'gemini-3-pro-preview'), tools: ['rfs.read'], outputShape: titleShape }));
    const body = geminiBody(server.requests[0]);
    assert.equal(body.tools?.[0].functionDeclarations[0].name, 'rfs.read');
    assert.equal(body.generationConfig?.responseMimeType, 'application/json');
    assert.deepEqual(body.generationConfig?.responseJsonSchema, { type: 'object', properties: { title: { type: 'string' } }, required: ['title'], additionalProperties: false });
  });

  it('Gemini 2.5 with tools: no schema on the wire; the kernel repairs an answer that misses the shape', async () => {
    const flash: ModelIR = { name: 'flash', provider: 'gemini', model: 'gemini-2.5-flash', options: {}, range: R };
    const bp: BlueprintIR = blueprint(
      [agent('writer', { model: 'flash', prompt: 'Title please.', tools: ['lookup'], output: titleShape })],
      [graph('main', [n.agent('writer')], [], { outputs: [output('title', ref.node('writer', 'title'))] })],
      { models: [flash], defaultModel: 'flash' },
    );
    const tools: ToolHost = { decide: () => ({ action: 'allow', rule: 'test:allow' }), execute: () => Promise.resolve({ ok: true, value: null }) };
    server.reply(geminiText(['A title about otters']), geminiText(['{"title": "Otters"}']));
    const kernel = new Kernel({ journal: new MemoryJournalStore(), providers: singleProvider(new GeminiProvider({ apiKey: 'k', baseUrl: server.origin })), tools });
    const run = kernel.start({ blueprint: bp, graph: 'main' });
    const outcome = await run.settled();
    run.close();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.deepEqual(outcome.outputs, { title: 'Otters' });
    assert.equal(server.requests.length, 2, 'the first answer missed the shape: one repair turn');
    for (const request of server.requests) {
      const body = geminiBody(request);
      assert.equal(body.tools?.[0].functionDeclarations[0].name, 'lookup');
      assert.equal(body.generationConfig?.responseJsonSchema, undefined);
      assert.equal(body.generationConfig?.responseMimeType, undefined);
    }
    const repair = geminiBody(server.requests[1]).contents;
    assert.equal(repair[repair.length - 1].role, 'user', 'the repair turn asks again');
  });
});
