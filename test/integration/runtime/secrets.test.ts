/**
 * A provider key reaches the provider and nothing else: a run through the shared runtime against a fake
 * Gemini server (one node answered, one refused with 403) leaves no trace of the key in the journal, the
 * effect files, the event descriptions the logs show, or the runtime's logger.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../../../kernel/src';
import { compileBlueprint } from '../../../runtime/src/compile';
import { describeEvent } from '../../../runtime/src/describe';
import { startRun } from '../../../runtime/src/launch';
import type { RunLogger } from '../../../runtime/src/ports';
import { FakeHttpServer, jsonError } from '../providers/fakeHttpServer';
import { geminiText } from '../providers/fakeGemini';

const KEY = 'AIza-raro-test-SECRET-7f3c9e';

const BLUEPRINT = `blueprint "Keys" {
  model flash = gemini "gemini-2.5-flash"
  default model flash
}
agent first { prompt "Say hello" }
agent second { prompt "Then: {{first.text}}"  retry { attempts 1 } }
graph main() -> (out: string = second.text) { first -> second }
`;

describe('runtime: provider keys stay secret', function () {
  this.timeout(30_000);
  let server: FakeHttpServer;
  beforeEach(async () => { server = await FakeHttpServer.start(); });
  afterEach(() => server.close());

  it('uses the key for requests and never writes it to journals, logs or event descriptions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raro-keys-'));
    const file = join(dir, 'keys.raro');
    writeFileSync(file, BLUEPRINT);
    server.reply(geminiText(['hello']), jsonError(403, `API key ${KEY.slice(0, 4)}… is not valid for this project`, 'PERMISSION_DENIED'));
    const logged: string[] = [];
    const logger: RunLogger = { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) };
    const handle = startRun({
      journalDir: join(dir, 'runs'), root: dir, approve: 'all', logger,
      env: { GEMINI_API_KEY: KEY, GEMINI_BASE_URL: server.origin },
    }, await compileBlueprint(file), { inputs: {} });
    const events: RunEvent[] = [];
    handle.subscribe((event) => events.push(event), { replay: true });
    const outcome = await handle.done();
    handle.close();
    assert.equal(outcome.status, 'failed', 'the 403 fails the second node');
    assert.ok(server.requests.length >= 2, 'both nodes called the provider');
    assert.ok(server.requests.every((r) => JSON.stringify(r.headers).includes(KEY)), 'every request carried the key');
    const written = readdirSync(join(dir, 'runs')).map((name) => readFileSync(join(dir, 'runs', name), 'utf8')).join('\n');
    const described = events.map((event) => describeEvent(event) ?? '').join('\n');
    for (const [where, text] of [['journal', written], ['events', JSON.stringify(events)], ['log lines', described], ['logger', logged.join('\n')]]) {
      assert.ok(!text.includes(KEY), `the key appears in the ${where}`);
    }
    assert.match(described, /403|not valid/, 'the failure itself is described');
  });
});
