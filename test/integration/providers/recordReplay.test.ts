/**
 * Record and replay: a run against the fake Gemini server (real SDK) with a rate limit and its Retry-After,
 * a tool round trip, a delegation splice, a streamed answer, an answer without usage and a structured
 * output, recorded as a puppet script; the replay with the puppet provider, offline, gives the same events
 * (run id, timestamps and cost aside) at zero cost.
 */
import { strict as assert } from 'node:assert';
import type { BlueprintIR, ModelIR } from '../../../language/src/ir';
import {
  GeminiProvider, Kernel, MemoryJournalStore, NEVER_MS, PuppetProvider, PuppetRecorder, comparableEvents, parsePuppetScript, singleProvider,
  type ProviderResolver, type RunEvent, type RunState, type ToolHost,
} from '../../../kernel/src';
import { R, agent, blueprint, e, graph, n } from '../../unit/kernel/helpers';
import { FakeHttpServer, jsonError } from './fakeHttpServer';
import { geminiStream, geminiText } from './fakeGemini';

const flash: ModelIR = { name: 'flash', provider: 'gemini', model: 'gemini-2.5-flash', options: {}, range: R };

function teamBlueprint(): BlueprintIR {
  return blueprint(
    [
      agent('researcher', { model: 'flash', prompt: 'Find the answer.', tools: ['lookup'], delegate: { maxChildren: 2, maxDepth: 1 }, retry: { attempts: 2, backoff: 'none', baseDelayMs: 0 } }),
      agent('writer', { model: 'flash', prompt: 'Title it.', output: { kind: 'object', fields: [{ name: 'title', shape: { kind: 'string' }, optional: false }] } }),
    ],
    [graph('main', [n.agent('researcher'), n.agent('writer')], [e('researcher', 'writer')])],
    { models: [flash], defaultModel: 'flash' },
  );
}

const lookupHost: ToolHost = {
  decide: () => ({ action: 'allow', rule: 'test:allow' }),
  execute: (call) => Promise.resolve({ ok: true, value: { answer: 42, asked: call.args } }),
};

const DELEGATION = 'Checking it.\n```json:delegation\n{"reason":"double-check","strategy":"child","nodes":[{"id":"check","prompt":"Check 42."}]}\n```';

async function runWith(providers: ProviderResolver): Promise<{ events: RunEvent[]; state: RunState; status: string }> {
  let id = 0;
  const kernel = new Kernel({ journal: new MemoryJournalStore(), providers, tools: lookupHost, random: () => 0.5, newRunId: () => `run-${++id}-${Math.random()}` });
  const run = kernel.start({ blueprint: teamBlueprint(), graph: 'main', concurrency: 1 });
  const events: RunEvent[] = [];
  run.subscribe((event) => events.push(event), { replay: true });
  const outcome = await run.settled();
  const state = run.state();
  run.close();
  return { events, state, status: outcome.status };
}

describe('record a real run as a puppet script, replay it offline', () => {
  let server: FakeHttpServer;
  beforeEach(async () => { server = await FakeHttpServer.start(); });
  afterEach(() => server.close());

  it('replays the recorded run event for event, with the same splice, at zero cost', async function () {
    this.timeout(20_000);
    server.reply(
      jsonError(429, 'Resource has been exhausted', 'RESOURCE_EXHAUSTED', {}, [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.05s' }]),
      geminiStream([{ parts: [{ functionCall: { name: 'lookup', args: { q: 'meaning' } } }], usage: { prompt: 10, candidates: 3 } }]),
      geminiText([DELEGATION.slice(0, 20), DELEGATION.slice(20)], { prompt: 40, candidates: 30 }),
      geminiStream([{ parts: [{ text: 'Checked: ' }] }, { parts: [{ text: '42 holds.' }] }]),
      geminiText(['{"title": "Forty-two"}'], { prompt: 8, candidates: 6 }),
    );
    const recorder = new PuppetRecorder();
    const recorded = await runWith(recorder.wrap(singleProvider(new GeminiProvider({ apiKey: 'k', baseUrl: server.origin }))));
    assert.equal(recorded.status, 'completed');
    assert.equal(server.requests.length, 5);
    assert.ok(recorded.events.some((event) => event.type === 'graph.spliced'), 'the run spliced the child');
    assert.ok(recorded.state.usage.costUsd > 0);
    assert.equal(recorded.state.nodes.get('researcher/check')?.usage.estimated, true, 'the child answer came without usage');

    // The script is plain JSON that the puppet validates, as `raro run --record` would write it.
    const script = parsePuppetScript(recorder.toJson());
    assert.deepEqual(Object.keys(script.responses).sort(), ['researcher', 'researcher/check', 'writer']);
    assert.equal(script.responses.researcher.length, 3, 'the failed attempt, the tool turn and the answer');
    assert.deepEqual(script.responses.researcher[0].error, { message: script.responses.researcher[0].error?.message, status: 429, retryable: true, retryAfterMs: 50, verbatim: true });

    const puppet = new PuppetProvider(script);
    const replayed = await runWith(singleProvider(puppet));
    assert.equal(replayed.status, 'completed');
    assert.equal(puppet.totalCalls, 5);
    assert.equal(replayed.state.usage.costUsd, 0, 'a replay is free');
    assert.deepEqual(comparableEvents(replayed.events), comparableEvents(recorded.events));
  });

  it('records a call the run cancelled as one that never answers', async () => {
    server.reply(geminiStream([{ parts: [{ text: 'The answer ' }] }, { parts: [{ text: 'is' }] }], { hold: true }));
    const recorder = new PuppetRecorder();
    const kernel = new Kernel({ journal: new MemoryJournalStore(), providers: recorder.wrap(singleProvider(new GeminiProvider({ apiKey: 'k', baseUrl: server.origin }))), tools: lookupHost });
    const run = kernel.start({ blueprint: teamBlueprint(), graph: 'main' });
    run.subscribe((event) => { if (event.type === 'node.token') run.cancel('user stop'); }, { replay: true });
    assert.equal((await run.settled()).status, 'cancelled');
    run.close();
    const [response] = recorder.script().responses.researcher;
    assert.equal(response.delayMs, NEVER_MS);
    assert.equal(response.error, undefined);
  });
});
