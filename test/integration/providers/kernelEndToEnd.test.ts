/**
 * The real kernel (Kernel + MemoryJournalStore) runs a small blueprint whose agents are bound to gemini; the
 * Gemini provider talks to the fake Gemini server. Covers a tool round trip through the kernel's tool host,
 * structured output parsed into the node output, and a 503 retried by the kernel.
 */
import { strict as assert } from 'node:assert';
import type { BlueprintIR, ModelIR } from '../../../language/src/ir';
import { GeminiProvider, Kernel, MemoryJournalStore, singleProvider, type RunEvent, type ToolHost } from '../../../kernel/src';
import { R, agent, blueprint, e, graph, n, output, ref } from '../../unit/kernel/helpers';
import { FakeHttpServer, jsonError } from './fakeHttpServer';
import { geminiBody, geminiStream, geminiText } from './fakeGemini';

const flash: ModelIR = { name: 'flash', provider: 'gemini', model: 'gemini-2.5-flash', options: { temperature: 0.1 }, range: R };

function researchBlueprint(): BlueprintIR {
  return blueprint(
    [
      agent('researcher', { model: 'flash', prompt: 'Find the answer.', tools: ['lookup'], retry: { attempts: 2, backoff: 'none', baseDelayMs: 0 } }),
      agent('writer', {
        model: 'flash', system: 'You write titles.', prompt: 'Title for: {{researcher}}',
        output: { kind: 'object', fields: [{ name: 'title', shape: { kind: 'string' }, optional: false }] },
      }),
    ],
    [graph('main', [n.agent('researcher'), n.agent('writer')], [e('researcher', 'writer')], { outputs: [output('title', ref.node('writer', 'title'))] })],
    { models: [flash], defaultModel: 'flash' },
  );
}

const lookupHost: ToolHost = {
  decide: () => ({ action: 'allow', rule: 'test:allow' }),
  execute: (call) => Promise.resolve({ ok: true, value: { answer: 42, asked: call.args } }),
};

describe('kernel end to end with the Gemini provider and a fake Gemini server', () => {
  let server: FakeHttpServer;
  beforeEach(async () => { server = await FakeHttpServer.start(); });
  afterEach(() => server.close());

  it('runs a tool round trip, a 503 retry and a structured answer to completion', async () => {
    server.reply(
      jsonError(503, 'The model is overloaded', 'UNAVAILABLE'),
      geminiStream([{ parts: [{ functionCall: { name: 'lookup', args: { q: 'meaning' } } }], usage: { prompt: 10, candidates: 3 } }]),
      geminiText(['The answer ', 'is 42.'], { prompt: 30, candidates: 5 }),
      geminiText(['{"title": "Forty-two"}'], { prompt: 8, candidates: 6 }),
    );
    const kernel = new Kernel({ journal: new MemoryJournalStore(), providers: singleProvider(new GeminiProvider({ apiKey: 'k', baseUrl: server.origin })), tools: lookupHost });
    const run = kernel.start({ blueprint: researchBlueprint(), graph: 'main' });
    const events: RunEvent[] = [];
    run.subscribe((event) => events.push(event), { replay: true });
    const outcome = await run.settled();
    run.close();

    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.deepEqual(outcome.outputs, { title: 'Forty-two' });
    const state = run.state();
    assert.equal(state.nodes.get('researcher')?.output, 'The answer is 42.');
    assert.deepEqual(state.nodes.get('writer')?.output, { title: 'Forty-two' });
    assert.deepEqual(events.filter((ev) => ev.type === 'node.retrying').map((ev) => ev.type === 'node.retrying' && ev.error.status), [503]);
    assert.deepEqual(events.filter((ev) => ev.type === 'node.token' && ev.nodeId === 'researcher').map((ev) => ev.type === 'node.token' && ev.text), ['The answer ', 'is 42.']);
    assert.equal(server.requests.length, 4);

    const toolTurn = geminiBody(server.requests[2]).contents;
    assert.deepEqual(toolTurn[2], { role: 'user', parts: [{ functionResponse: { name: 'lookup', response: { output: { answer: 42, asked: { q: 'meaning' } } } } }] });
    const writerBody = geminiBody(server.requests[3]);
    assert.deepEqual(writerBody.systemInstruction?.parts, [{ text: 'You write titles.' }]);
    assert.equal(writerBody.generationConfig?.responseMimeType, 'application/json');
    assert.deepEqual(writerBody.contents[0].parts, [{ text: 'Title for: The answer is 42.' }]);
    const writerUsage = state.nodes.get('writer')?.usage;
    assert.deepEqual([writerUsage?.inputTokens, writerUsage?.outputTokens], [8, 6]);
  });

  it('fails the node without retrying when the key is rejected', async () => {
    server.reply(jsonError(403, 'Permission denied', 'PERMISSION_DENIED'));
    const kernel = new Kernel({ journal: new MemoryJournalStore(), providers: singleProvider(new GeminiProvider({ apiKey: 'bad', baseUrl: server.origin })), tools: lookupHost });
    const run = kernel.start({ blueprint: researchBlueprint(), graph: 'main' });
    const outcome = await run.settled();
    run.close();
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.error?.message ?? '', /Gemini API key rejected \(403\): set GEMINI_API_KEY/);
    assert.equal(server.requests.length, 1);
  });

  it('cancelling the run mid-stream closes the Gemini request and ends the run as cancelled', async () => {
    server.reply(geminiStream([{ parts: [{ text: 'The answer ' }] }, { parts: [{ text: 'is' }] }], { hold: true }));
    const kernel = new Kernel({ journal: new MemoryJournalStore(), providers: singleProvider(new GeminiProvider({ apiKey: 'k', baseUrl: server.origin })), tools: lookupHost });
    const run = kernel.start({ blueprint: researchBlueprint(), graph: 'main' });
    const closed = server.heldConnectionClosed();
    let cancelled = false;
    run.subscribe((event) => {
      if (event.type !== 'node.token' || cancelled) return;
      cancelled = true;
      run.cancel('user stop');
    }, { replay: true });
    const outcome = await run.settled();
    run.close();
    assert.equal(outcome.status, 'cancelled');
    await closed;
    assert.equal(run.state().nodes.get('writer')?.status, 'pending');
  });
});
