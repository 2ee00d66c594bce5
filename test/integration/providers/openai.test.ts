import { strict as assert } from 'node:assert';
import { AbortedError, OpenAiProvider, ProviderError, type ChatMessage } from '../../../kernel/src';
import { FakeHttpServer, jsonError } from './fakeHttpServer';
import { openAiBody, openAiHeldText, openAiText, openAiToolCall } from './fakeOpenAi';
import { drain, modelBinding, providerRequest, streamError, texts } from './providerHarness';

describe('OpenAI-compatible provider against a fake chat-completions server', () => {
  let server: FakeHttpServer;
  let provider: OpenAiProvider;

  beforeEach(async () => {
    server = await FakeHttpServer.start();
    provider = new OpenAiProvider({ apiKey: 'sk-test', baseUrl: `${server.origin}/v1` });
  });
  afterEach(() => server.close());

  it('streams text in several chunks, then the usage', async () => {
    server.reply(openAiText(['Hel', 'lo', '!'], { prompt: 11, completion: 6 }));
    const chunks = await drain(provider, providerRequest({ model: modelBinding('openai', 'gpt-4.1') }));
    assert.deepEqual(texts(chunks), ['Hel', 'lo', '!']);
    assert.deepEqual(chunks[chunks.length - 1], { type: 'usage', inputTokens: 11, outputTokens: 6 });
    const request = server.requests[0];
    assert.equal(request.url, '/v1/chat/completions');
    assert.equal(request.headers.authorization, 'Bearer sk-test');
    const body = openAiBody(request);
    assert.equal(body.model, 'gpt-4.1');
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.deepEqual(body.messages, [{ role: 'user', content: 'Say hello.' }]);
  });

  it('sends the system message and the model options; base_url on the binding wins', async () => {
    server.reply(openAiText(['ok']));
    const elsewhere = new OpenAiProvider({ baseUrl: 'http://127.0.0.1:9/v1' });
    const model = modelBinding('openai', 'llama3', { base_url: `${server.origin}/v1/`, temperature: 0, top_p: 0.5, top_k: 20, max_tokens: 256 });
    await drain(elsewhere, providerRequest({ model, system: 'Be brief.' }));
    const request = server.requests[0];
    assert.equal(request.url, '/v1/chat/completions');
    assert.equal(request.headers.authorization, undefined, 'no key configured: no Authorization header');
    const body = openAiBody(request);
    assert.deepEqual(body.messages[0], { role: 'system', content: 'Be brief.' });
    assert.deepEqual([body.temperature, body.top_p, body.top_k, body.max_tokens], [0, 0.5, 20, 256]);
    assert.equal('base_url' in body, false);
  });

  it('asks for structured output with response_format json_schema', async () => {
    server.reply(openAiText(['{"score":3}']));
    const outputShape = { kind: 'object' as const, fields: [{ name: 'score', shape: { kind: 'number' as const }, optional: false }] };
    await drain(provider, providerRequest({ outputShape }));
    assert.deepEqual(openAiBody(server.requests[0]).response_format, {
      type: 'json_schema',
      json_schema: {
        name: 'output', strict: true,
        schema: { type: 'object', properties: { score: { type: 'number' } }, required: ['score'], additionalProperties: false },
      },
    });
  });

  it('uses a non-strict schema when the shape has optional or open parts', async () => {
    server.reply(openAiText(['{}']));
    const outputShape = { kind: 'object' as const, fields: [{ name: 'extra', shape: { kind: 'any' as const }, optional: true }] };
    await drain(provider, providerRequest({ outputShape }));
    assert.equal(openAiBody(server.requests[0]).response_format?.json_schema.strict, false);
  });

  it('round-trips a tool call: function tools with valid names, assembled arguments, a role:tool result', async () => {
    server.reply(openAiToolCall('rfs_read', ['{"pa', 'th":"notes', '.md"}']));
    const first = await drain(provider, providerRequest({ tools: ['rfs.read', 'delegate'] }));
    assert.deepEqual(first.filter((c) => c.type === 'tool_call'), [{ type: 'tool_call', name: 'rfs.read', args: { path: 'notes.md' } }]);
    assert.deepEqual(first[first.length - 1], { type: 'usage', inputTokens: 30, outputTokens: 9 });
    const tools = openAiBody(server.requests[0]).tools ?? [];
    assert.deepEqual(tools.map((t) => [t.type, t.function.name]), [['function', 'rfs_read'], ['function', 'delegate']]);

    server.reply(openAiText(['The notes say hi.']));
    const messages: ChatMessage[] = [
      { role: 'user', text: 'Say hello.' },
      { role: 'assistant', text: '', toolCalls: [{ name: 'rfs.read', args: { path: 'notes.md' } }] },
      { role: 'tool', name: 'rfs.read', callIndex: 0, ok: true, result: 'hi' },
    ];
    const second = await drain(provider, providerRequest({ tools: ['rfs.read', 'delegate'], messages }));
    assert.deepEqual(texts(second), ['The notes say hi.']);
    assert.deepEqual(openAiBody(server.requests[1]).messages, [
      { role: 'user', content: 'Say hello.' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'rfs_read', arguments: '{"path":"notes.md"}' } }] },
      { role: 'tool', tool_call_id: 'call_0', content: 'hi' },
    ]);
  });

  it('turns 429 and 500 into retryable ProviderErrors', async () => {
    server.reply(jsonError(429, 'Rate limit reached'), jsonError(500, 'boom'));
    for (const status of [429, 500]) {
      const error = await streamError(provider, providerRequest());
      assert.ok(error instanceof ProviderError, String(error));
      assert.equal(error.status, status);
      assert.equal(error.retryable, true);
    }
  });

  it('turns 401/403 into non-retryable errors that name OPENAI_API_KEY', async () => {
    server.reply(jsonError(401, 'Incorrect API key provided'), jsonError(403, 'forbidden'));
    for (const status of [401, 403]) {
      const error = await streamError(provider, providerRequest());
      assert.ok(error instanceof ProviderError, String(error));
      assert.equal(error.retryable, false);
      assert.match(error.message, new RegExp(`API key rejected \\(${status}\\): set OPENAI_API_KEY`));
    }
  });

  it('reports an error event inside the stream as a ProviderError', async () => {
    server.reply({ chunks: ['data: {"error":{"message":"model crashed","code":500}}\n\n'] });
    const error = await streamError(provider, providerRequest());
    assert.ok(error instanceof ProviderError);
    assert.match(error.message, /model crashed/);
    assert.equal(error.retryable, true);
  });

  it('stops with AbortedError when the signal aborts mid-stream', async () => {
    server.reply(openAiHeldText('first'));
    const controller = new AbortController();
    const iterator = provider.stream(providerRequest({ signal: controller.signal }))[Symbol.asyncIterator]();
    assert.deepEqual((await iterator.next()).value, { type: 'text', text: 'first' });
    const closed = server.heldConnectionClosed();
    const started = Date.now();
    controller.abort();
    await assert.rejects(iterator.next(), AbortedError);
    assert.ok(Date.now() - started < 1000, 'the abort must end the stream promptly');
    await closed;
  });
});
