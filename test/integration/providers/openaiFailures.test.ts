/**
 * The `openai` SDK (not a mock) against a fake chat-completions server on loopback, for the ways a request
 * fails: 429 with Retry-After (and the kernel waiting for it), 500, a stream cut mid-way, a malformed chunk,
 * a content filter stop, a server that sends no usage, a server that never answers. The SDK must not retry.
 */
import { strict as assert } from 'node:assert';
import type { BlueprintIR, ModelIR } from '../../../language/src/ir';
import { Kernel, MemoryJournalStore, OpenAiProvider, ProviderError, singleProvider, type RunEvent } from '../../../kernel/src';
import { R, agent, blueprint, graph, n } from '../../unit/kernel/helpers';
import { FakeHttpServer, jsonError } from './fakeHttpServer';
import { openAiCutText, openAiFiltered, openAiMalformed, openAiText, openAiTextWithoutUsage } from './fakeOpenAi';
import { drain, providerRequest, streamError, texts } from './providerHarness';

describe('OpenAI-compatible provider: failures against a fake server', () => {
  let server: FakeHttpServer;
  let provider: OpenAiProvider;

  beforeEach(async () => {
    server = await FakeHttpServer.start();
    provider = new OpenAiProvider({ apiKey: 'sk-test', baseUrl: `${server.origin}/v1` });
  });
  afterEach(() => server.close());

  async function providerError(): Promise<ProviderError> {
    const error = await streamError(provider, providerRequest());
    assert.ok(error instanceof ProviderError, String(error));
    return error;
  }

  it('keeps the Retry-After of a 429 on the error, and the SDK does not retry', async () => {
    server.reply(jsonError(429, 'Rate limit reached', 'ERROR', { 'retry-after': '3' }));
    const error = await providerError();
    assert.deepEqual([error.status, error.retryable, error.retryAfterMs], [429, true, 3000]);
    assert.match(error.message, /rate limit/i);
    assert.equal(server.requests.length, 1);
  });

  it('turns a 500 into a retryable error without Retry-After, and the SDK does not retry', async () => {
    server.reply(jsonError(500, 'boom'), openAiText(['never read']));
    const error = await providerError();
    assert.deepEqual([error.status, error.retryable, error.retryAfterMs], [500, true, undefined]);
    assert.equal(server.requests.length, 1);
  });

  it('fails retryably when the connection is cut mid-stream', async () => {
    server.reply(openAiCutText(['The answer ', 'is'], true));
    const error = await providerError();
    assert.equal(error.retryable, true);
    assert.match(error.message, /connection failed: terminated/);
  });

  it('fails retryably when the stream ends cleanly but before the model finished', async () => {
    server.reply(openAiCutText(['The answer ', 'is'], false));
    const error = await providerError();
    assert.equal(error.retryable, true);
    assert.match(error.message, /stream ended before the answer was complete/);
  });

  it('fails retryably on a chunk that is not JSON', async () => {
    server.reply(openAiMalformed());
    const error = await providerError();
    assert.equal(error.retryable, true);
    assert.match(error.message, /unreadable stream event/);
  });

  it('fails without retry when the content filter stopped the answer', async () => {
    server.reply(openAiFiltered());
    const error = await providerError();
    assert.equal(error.retryable, false);
    assert.match(error.message, /content filter/);
  });

  it('estimates the usage, flagged, when the server sends none', async () => {
    server.reply(openAiTextWithoutUsage(['Hello ', 'there']));
    const chunks = await drain(provider, providerRequest({ system: 'Be brief.' }));
    assert.deepEqual(texts(chunks), ['Hello ', 'there']);
    // 'Be brief.' + 'Say hello.' = 19 chars -> 5 tokens; 'Hello there' = 11 chars -> 3 tokens.
    assert.deepEqual(chunks[chunks.length - 1], { type: 'usage', inputTokens: 5, outputTokens: 3, estimated: true });
  });

  it('reports cached prompt tokens', async () => {
    server.reply({
      chunks: [
        `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }] })}\n\n`,
        `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 100, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 80 } } })}\n\n`,
        'data: [DONE]\n\n',
      ],
    });
    const chunks = await drain(provider, providerRequest());
    assert.deepEqual(chunks[chunks.length - 1], { type: 'usage', inputTokens: 100, outputTokens: 2, cachedInputTokens: 80 });
  });

  it('times out retryably when the server never answers', async () => {
    server.reply({ chunks: [], stall: true });
    const impatient = new OpenAiProvider({ baseUrl: `${server.origin}/v1`, timeoutMs: 200 });
    const error = await streamError(impatient, providerRequest());
    assert.ok(error instanceof ProviderError, String(error));
    assert.equal(error.retryable, true);
    assert.match(error.message, /did not answer within 200 ms/);
  });
});

describe('kernel with the OpenAI-compatible provider: Retry-After', () => {
  let server: FakeHttpServer;
  beforeEach(async () => { server = await FakeHttpServer.start(); });
  afterEach(() => server.close());

  it('waits for the server\'s Retry-After before the retry, not just its own backoff', async () => {
    const model: ModelIR = { name: 'gpt', provider: 'openai', model: 'gpt-4.1-mini', options: {}, range: R };
    const ir: BlueprintIR = blueprint(
      [agent('writer', { model: 'gpt', prompt: 'Write.', retry: { attempts: 2, backoff: 'none', baseDelayMs: 0 } })],
      [graph('main', [n.agent('writer')], [])],
      { models: [model], defaultModel: 'gpt' },
    );
    server.reply(jsonError(429, 'slow down', 'ERROR', { 'retry-after-ms': '150' }), openAiText(['done']));
    const kernel = new Kernel({ journal: new MemoryJournalStore(), providers: singleProvider(new OpenAiProvider({ baseUrl: `${server.origin}/v1` })) });
    const run = kernel.start({ blueprint: ir, graph: 'main' });
    const events: RunEvent[] = [];
    run.subscribe((event) => events.push(event), { replay: true });
    const outcome = await run.settled();
    run.close();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    const retrying = events.find((event) => event.type === 'node.retrying');
    assert.ok(retrying?.type === 'node.retrying');
    assert.equal(retrying.delayMs, 150, 'backoff "none" would have retried at once');
    assert.equal(retrying.error.retryAfterMs, 150);
  });
});
