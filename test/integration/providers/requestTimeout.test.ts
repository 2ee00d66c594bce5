/**
 * The request timeout reaches the real providers through the runtime (the CLI's and the extension's way to
 * build them): RARO_REQUEST_TIMEOUT_MS for every provider, the host's per-provider option over it. A server
 * that never answers makes a retryable ProviderError that names the timeout and how to raise it.
 */
import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../kernel/src';
import { createProviderResolver, requestTimeoutFor } from '../../../runtime/src/providers';
import { RuntimeError } from '../../../runtime/src/errors';
import { FakeHttpServer } from './fakeHttpServer';
import { modelBinding, providerRequest, streamError } from './providerHarness';

describe('runtime: provider request timeout', function () {
  this.timeout(20_000);
  let server: FakeHttpServer;
  beforeEach(async () => { server = await FakeHttpServer.start(); });
  afterEach(() => server.close());

  it('RARO_REQUEST_TIMEOUT_MS times out a Gemini request the server never answers: retryable, with the fix', async () => {
    server.reply({ chunks: [], stall: true });
    const model = modelBinding('gemini', 'gemini-2.5-flash');
    const resolver = createProviderResolver({ blueprintDir: '.', models: [model], env: { GEMINI_API_KEY: 'k', GEMINI_BASE_URL: server.origin, RARO_REQUEST_TIMEOUT_MS: '150' } });
    const error = await streamError(resolver.resolve(model, undefined), providerRequest({ model }));
    assert.ok(error instanceof ProviderError, String(error));
    assert.equal(error.retryable, true);
    assert.match(error.message, /Gemini did not answer within 150 ms \(its request timeout; raise it with --request-timeout or RARO_REQUEST_TIMEOUT_MS\)/);
    assert.equal(server.requests.length, 1);
  });

  it("the host's per-provider option wins over the variable (OpenAI-compatible server)", async () => {
    server.reply({ chunks: [], stall: true });
    const model = modelBinding('openai', 'llama3', { base_url: `${server.origin}/v1` });
    const resolver = createProviderResolver({ blueprintDir: '.', models: [model], env: { RARO_REQUEST_TIMEOUT_MS: '60000' }, requestTimeoutMs: { openai: 120 } });
    const error = await streamError(resolver.resolve(model, undefined), providerRequest({ model }));
    assert.ok(error instanceof ProviderError, String(error));
    assert.equal(error.retryable, true);
    assert.match(error.message, /did not answer within 120 ms/);
  });

  it('a malformed RARO_REQUEST_TIMEOUT_MS is a RuntimeError before any call; absent, the provider default stays', () => {
    assert.throws(
      () => createProviderResolver({ blueprintDir: '.', models: [], env: { RARO_REQUEST_TIMEOUT_MS: '2s' } }),
      (err: unknown) => err instanceof RuntimeError && err.code === 'OPTIONS_INVALID' && /RARO_REQUEST_TIMEOUT_MS must be a whole number of milliseconds/.test(err.message),
    );
    assert.equal(requestTimeoutFor('gemini', undefined, {}), undefined);
    assert.equal(requestTimeoutFor('gemini', { openai: 5 }, { RARO_REQUEST_TIMEOUT_MS: '900' }), 900);
  });
});
