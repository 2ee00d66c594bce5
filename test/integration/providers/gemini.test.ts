import { strict as assert } from 'node:assert';
import { AbortedError, GeminiProvider, ProviderError, type ChatMessage } from '../../../kernel/src';
import { FakeHttpServer, jsonError } from './fakeHttpServer';
import { geminiBody, geminiStream, geminiText } from './fakeGemini';
import { drain, modelBinding, providerRequest, streamError, texts } from './providerHarness';

describe('Gemini provider against a fake Gemini API server', () => {
  let server: FakeHttpServer;
  let provider: GeminiProvider;

  beforeEach(async () => {
    server = await FakeHttpServer.start();
    provider = new GeminiProvider({ apiKey: 'test-key', baseUrl: server.origin });
  });
  afterEach(() => server.close());

  it('streams text in several chunks, then the usage', async () => {
    server.reply(geminiText(['Hel', 'lo, ', 'world'], { prompt: 12, candidates: 7 }));
    const chunks = await drain(provider, providerRequest({ model: modelBinding('gemini', 'gemini-2.5-flash') }));
    assert.deepEqual(texts(chunks), ['Hel', 'lo, ', 'world']);
    assert.deepEqual(chunks[chunks.length - 1], { type: 'usage', inputTokens: 12, outputTokens: 7 });
    const request = server.requests[0];
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    assert.equal(request.headers['x-goog-api-key'], 'test-key');
    assert.deepEqual(geminiBody(request).contents, [{ role: 'user', parts: [{ text: 'Say hello.' }] }]);
  });

  it('counts thinking tokens as output and skips thought parts', async () => {
    server.reply(geminiStream([
      { parts: [{ text: 'pondering', thought: true }] },
      { parts: [{ text: 'answer' }], usage: { prompt: 3, candidates: 2, thoughts: 5 } },
    ]));
    const chunks = await drain(provider, providerRequest());
    assert.deepEqual(texts(chunks), ['answer']);
    assert.deepEqual(chunks[chunks.length - 1], { type: 'usage', inputTokens: 3, outputTokens: 7 });
  });

  it('sends the system instruction and the model options', async () => {
    server.reply(geminiText(['ok']));
    const model = modelBinding('gemini', 'gemini-2.5-pro', { temperature: 0.2, top_p: 0.9, top_k: 40, max_tokens: 8000 });
    await drain(provider, providerRequest({ model, system: 'You are terse.' }));
    const body = geminiBody(server.requests[0]);
    assert.equal(server.requests[0].url, '/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
    assert.deepEqual(body.systemInstruction?.parts, [{ text: 'You are terse.' }]);
    assert.deepEqual(body.generationConfig, { temperature: 0.2, topP: 0.9, topK: 40, maxOutputTokens: 8000 });
  });

  it('asks for structured output with a JSON schema translated from the output shape', async () => {
    server.reply(geminiText(['{"title":"x","tags":[]}']));
    const outputShape = {
      kind: 'object' as const,
      fields: [
        { name: 'title', shape: { kind: 'string' as const }, optional: false },
        { name: 'tags', shape: { kind: 'list' as const, of: { kind: 'string' as const } }, optional: true },
      ],
    };
    await drain(provider, providerRequest({ outputShape }));
    const config = geminiBody(server.requests[0]).generationConfig ?? {};
    assert.equal(config.responseMimeType, 'application/json');
    assert.deepEqual(config.responseJsonSchema, {
      type: 'object',
      properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
      required: ['title'],
      additionalProperties: false,
    });
  });

  it('round-trips a function call: declares the tools, reports the call, sends the result back', async () => {
    server.reply(geminiStream([{ parts: [{ functionCall: { name: 'rfs.read', args: { path: 'notes.md' } }, thoughtSignature: 'sig-1' }], usage: { prompt: 20, candidates: 5 } }]));
    const first = await drain(provider, providerRequest({ tools: ['rfs.read', 'lookup', 'delegate'] }));
    assert.deepEqual(first.filter((c) => c.type === 'tool_call'), [{ type: 'tool_call', name: 'rfs.read', args: { path: 'notes.md' } }]);
    const declarations = geminiBody(server.requests[0]).tools?.[0].functionDeclarations ?? [];
    assert.deepEqual(declarations.map((d) => d.name), ['rfs.read', 'lookup', 'delegate']);
    assert.deepEqual(declarations[1].parametersJsonSchema, { type: 'object' });
    assert.ok(declarations.every((d) => (d.description ?? '').length > 0));

    server.reply(geminiText(['The notes say hi.']));
    const messages: ChatMessage[] = [
      { role: 'user', text: 'Say hello.' },
      { role: 'assistant', text: '', toolCalls: [{ name: 'rfs.read', args: { path: 'notes.md' } }] },
      { role: 'tool', name: 'rfs.read', callIndex: 0, ok: true, result: 'hi' },
    ];
    const second = await drain(provider, providerRequest({ tools: ['rfs.read', 'lookup', 'delegate'], messages }));
    assert.deepEqual(texts(second), ['The notes say hi.']);
    assert.deepEqual(geminiBody(server.requests[1]).contents, [
      { role: 'user', parts: [{ text: 'Say hello.' }] },
      { role: 'model', parts: [{ functionCall: { name: 'rfs.read', args: { path: 'notes.md' } }, thoughtSignature: 'sig-1' }] },
      { role: 'user', parts: [{ functionResponse: { name: 'rfs.read', response: { output: 'hi' } } }] },
    ]);
  });

  it('turns 429 and 503 into retryable ProviderErrors', async () => {
    server.reply(jsonError(429, 'Resource has been exhausted', 'RESOURCE_EXHAUSTED'), jsonError(503, 'overloaded', 'UNAVAILABLE'));
    for (const status of [429, 503]) {
      const error = await streamError(provider, providerRequest());
      assert.ok(error instanceof ProviderError, String(error));
      assert.equal(error.status, status);
      assert.equal(error.retryable, true);
    }
    assert.equal(server.requests.length, 2, 'the SDK must not retry on its own: the kernel does');
  });

  it('turns 401/403 and an invalid key into non-retryable errors that name GEMINI_API_KEY', async () => {
    server.reply(jsonError(403, 'Permission denied', 'PERMISSION_DENIED'), jsonError(401, 'unauthenticated', 'UNAUTHENTICATED'));
    server.reply(jsonError(400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT'));
    for (const status of [403, 401, 400]) {
      const error = await streamError(provider, providerRequest());
      assert.ok(error instanceof ProviderError, String(error));
      assert.equal(error.status, status);
      assert.equal(error.retryable, false);
      assert.match(error.message, new RegExp(`^Gemini API key rejected \\(${status}\\): set GEMINI_API_KEY`));
    }
  });

  it('turns 404 into a non-retryable error naming the model', async () => {
    server.reply(jsonError(404, 'models/gemini-9 is not found', 'NOT_FOUND'));
    const error = await streamError(provider, providerRequest({ model: modelBinding('gemini', 'gemini-9') }));
    assert.ok(error instanceof ProviderError);
    assert.equal(error.retryable, false);
    assert.match(error.message, /model 'gemini-9'/);
  });

  it('turns a refused connection into a retryable error', async () => {
    const origin = server.origin;
    await server.close();
    const offline = new GeminiProvider({ apiKey: 'k', baseUrl: origin });
    const error = await streamError(offline, providerRequest());
    assert.ok(error instanceof ProviderError, String(error));
    assert.equal(error.retryable, true);
    server = await FakeHttpServer.start();
  });

  it('stops with AbortedError when the signal aborts mid-stream', async () => {
    server.reply(geminiStream([{ parts: [{ text: 'first' }] }], { hold: true }));
    const controller = new AbortController();
    const iterator = provider.stream(providerRequest({ signal: controller.signal }))[Symbol.asyncIterator]();
    const first = await iterator.next();
    assert.deepEqual(first.value, { type: 'text', text: 'first' });
    const closed = server.heldConnectionClosed();
    const started = Date.now();
    controller.abort();
    await assert.rejects(iterator.next(), AbortedError);
    assert.ok(Date.now() - started < 1000, 'the abort must end the stream promptly');
    await closed;
  });

  it('counts tokens with countTokens (for the estimate before a run)', async () => {
    server.reply({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ totalTokens: 7 })] });
    assert.equal(await provider.countTokens('gemini-2.5-flash', 'Say hello to the world.'), 7);
    assert.equal(server.requests[0].url, '/v1beta/models/gemini-2.5-flash:countTokens');
    assert.deepEqual(geminiBody(server.requests[0]).contents, [{ role: 'user', parts: [{ text: 'Say hello to the world.' }] }]);
  });
});
