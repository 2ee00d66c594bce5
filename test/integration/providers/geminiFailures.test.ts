/**
 * The real `@google/genai` SDK against a fake Gemini API server on loopback, for the ways a request fails:
 * 429 (with Google's RetryInfo as Retry-After), 500, a stream cut mid-way, a safety block, a malformed
 * chunk, a server that sends no usage, a server that never answers. The SDK must not retry on its own.
 */
import { strict as assert } from 'node:assert';
import { GeminiProvider, ProviderError } from '../../../kernel/src';
import { FakeHttpServer, jsonError } from './fakeHttpServer';
import { geminiResponse, geminiStream } from './fakeGemini';
import { drain, providerRequest, streamError, texts } from './providerHarness';

const RETRY_INFO = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '17s' }];

describe('Gemini provider: failures against a fake server', () => {
  let server: FakeHttpServer;
  let provider: GeminiProvider;

  beforeEach(async () => {
    server = await FakeHttpServer.start();
    provider = new GeminiProvider({ apiKey: 'test-key', baseUrl: server.origin });
  });
  afterEach(() => server.close());

  async function providerError(target = provider): Promise<ProviderError> {
    const error = await streamError(target, providerRequest());
    assert.ok(error instanceof ProviderError, String(error));
    return error;
  }

  it('reads the RetryInfo of a 429 as its Retry-After; the SDK does not retry', async () => {
    server.reply(jsonError(429, 'Resource has been exhausted', 'RESOURCE_EXHAUSTED', {}, RETRY_INFO));
    const error = await providerError();
    assert.deepEqual([error.status, error.retryable, error.retryAfterMs], [429, true, 17_000]);
    assert.equal(server.requests.length, 1);
  });

  it('turns a 500 into a retryable error; the SDK does not retry', async () => {
    server.reply(jsonError(500, 'Internal error', 'INTERNAL'), geminiStream([{ parts: [{ text: 'never read' }] }]));
    const error = await providerError();
    assert.deepEqual([error.status, error.retryable, error.retryAfterMs], [500, true, undefined]);
    assert.equal(server.requests.length, 1);
  });

  it('fails retryably when the connection is cut mid-stream', async () => {
    server.reply(geminiStream([{ parts: [{ text: 'The answer ' }] }, { parts: [{ text: 'is' }] }], { cut: true }));
    const error = await providerError();
    assert.equal(error.retryable, true);
    assert.match(error.message, /^Gemini connection failed: terminated/);
  });

  it('fails retryably when the stream ends cleanly before a finish reason', async () => {
    server.reply(geminiStream([{ parts: [{ text: 'The answer ' }] }], { unfinished: true }));
    const error = await providerError();
    assert.equal(error.retryable, true);
    assert.match(error.message, /stream ended before the answer was complete/);
  });

  it('fails without retry on a blocked prompt and on an answer stopped for safety', async () => {
    server.reply({ chunks: [`data: ${JSON.stringify({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4 } })}\r\n\r\n`] });
    server.reply(geminiStream([{ parts: [{ text: 'Here is how' }] }, { parts: [], finishReason: 'SAFETY', usage: { prompt: 4, candidates: 3 } }]));
    const prompt = await providerError();
    assert.equal(prompt.retryable, false);
    assert.match(prompt.message, /Gemini blocked the prompt \(SAFETY\)/);
    const answer = await providerError();
    assert.equal(answer.retryable, false);
    assert.match(answer.message, /Gemini stopped the answer \(SAFETY\)/);
  });

  it('fails retryably on a chunk that is not JSON', async () => {
    server.reply({ chunks: [`data: ${JSON.stringify(geminiResponse({ parts: [{ text: 'ok' }] }))}\r\n\r\n`, 'data: {"candidates": [{"content": \r\n\r\n'] });
    const error = await providerError();
    assert.equal(error.retryable, true);
    assert.match(error.message, /unreadable stream event/);
  });

  it('estimates the usage, flagged, when the server sends none', async () => {
    server.reply(geminiStream([{ parts: [{ text: 'Hello ' }] }, { parts: [{ text: 'there' }] }]));
    const chunks = await drain(provider, providerRequest());
    assert.deepEqual(texts(chunks), ['Hello ', 'there']);
    // 'Say hello.' = 10 chars -> 3 tokens; 'Hello there' = 11 chars -> 3 tokens.
    assert.deepEqual(chunks[chunks.length - 1], { type: 'usage', inputTokens: 3, outputTokens: 3, estimated: true });
  });

  it('times out retryably when the server never answers', async () => {
    server.reply({ chunks: [], stall: true });
    const impatient = new GeminiProvider({ apiKey: 'k', baseUrl: server.origin, timeoutMs: 200 });
    const error = await providerError(impatient);
    assert.equal(error.retryable, true);
    assert.match(error.message, /did not answer within 200 ms/);
  });
});
