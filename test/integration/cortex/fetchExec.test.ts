/**
 * web.fetch against a real local HTTP server on 127.0.0.1 (limits, redirects re-judged), and shell.exec
 * as a real child process (cwd, scrubbed environment, output cap, timeout, process group killed on abort).
 */
import { strict as assert } from 'node:assert';
import { promises as fs, watch } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { ToolCallRequest, ToolResult } from '../../../kernel/src';
import type { JsonValue } from '../../../language/src/ir';
import { CortexToolHost, type CortexToolHostOptions } from '../../../cortex/src';
import { rule, tempWorkspace } from '../../unit/cortex/helpers';

const logger = { warn: (m: string) => assert.fail(`unexpected warning: ${m}`), error: (m: string) => assert.fail(`unexpected error: ${m}`) };
let index = 0;
function call(name: string, args: JsonValue): ToolCallRequest {
  const i = index++;
  return { runId: 'r', nodeId: 'n', name, args, callIndex: i, idempotencyKey: `r:n:${i}` };
}
function value(result: ToolResult): Record<string, JsonValue> {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.value as Record<string, JsonValue>;
}
function error(result: ToolResult): string {
  assert.equal(result.ok, false, JSON.stringify(result));
  return result.ok ? '' : result.error;
}

describe('cortex tools: web.fetch on a local server', () => {
  let server: http.Server;
  let base: string;
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let host: CortexToolHost;
  const hanging: http.ServerResponse[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/ok') res.end('hello');
      else if (url === '/big') res.end('x'.repeat(50_000));
      else if (url === '/slow') hanging.push(res);
      else if (url === '/to-ok') res.writeHead(302, { location: '/ok' }).end();
      else if (url === '/to-elsewhere') res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/ok` }).end();
      else if (url === '/loop') res.writeHead(301, { location: '/loop' }).end();
      else res.writeHead(404).end('no');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ws = await tempWorkspace();
    const options: CortexToolHostOptions = {
      workspace: ws.ws, stateDir: path.join(ws.base, 'runs'), approvals: 'none', logger,
      policy: { blueprint: [rule('allow', 'fetch', `${base}/**`)] },
      limits: { fetch: { maxBytes: 1000, timeoutMs: 400, maxRedirects: 3 } },
    };
    host = new CortexToolHost(options);
  });
  after(async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await ws.cleanup();
  });

  it('fetches an allowed URL', async () => {
    const got = value(await host.execute(call('web.fetch', { url: `${base}/ok` }), new AbortController().signal));
    assert.deepEqual([got.status, got.text, got.truncated], [200, 'hello', false]);
  });

  it('caps the size', async () => {
    const got = value(await host.execute(call('web.fetch', { url: `${base}/big` }), new AbortController().signal));
    assert.deepEqual([got.bytes, got.truncated, (got.text as string).length], [1000, true, 1000]);
  });

  it('gives up after the time limit', async () => {
    assert.match(error(await host.execute(call('web.fetch', { url: `${base}/slow` }), new AbortController().signal)), /^web.fetch: LIMIT: no complete answer within 400 ms/);
  });

  it('follows a redirect the rules allow and refuses one they do not', async () => {
    const got = value(await host.execute(call('web.fetch', { url: `${base}/to-ok` }), new AbortController().signal));
    assert.deepEqual([got.text, got.redirects], ['hello', [`${base}/ok`]]);
    assert.match(error(await host.execute(call('web.fetch', { url: `${base}/to-elsewhere` }), new AbortController().signal)), /^web.fetch: POLICY_DENIED: .* redirects to http:\/\/localhost:\d+\/ok.*ask by default:ask-fetch/);
    assert.match(error(await host.execute(call('web.fetch', { url: `${base}/loop` }), new AbortController().signal)), /^web.fetch: LIMIT: more than 3 redirects/);
  });

  it('decides: the allowed origin allows, another port asks (so "none" denies)', async () => {
    assert.equal((await host.decide(call('web.fetch', { url: `${base}/ok` }))).action, 'allow');
    assert.equal((await host.decide(call('web.fetch', { url: 'http://127.0.0.1:1/ok' }))).action, 'deny');
  });

  it('stops when the run is cancelled', async () => {
    const controller = new AbortController();
    const pending = host.execute(call('web.fetch', { url: `${base}/slow` }), controller.signal);
    controller.abort(new Error('cancelled by test'));
    await assert.rejects(pending, /cancelled by test/);
  });
});

describe('cortex tools: shell.exec', () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let host: CortexToolHost;

  before(async () => {
    ws = await tempWorkspace();
    await fs.mkdir(path.join(ws.ws, 'src'));
    host = new CortexToolHost({ workspace: ws.ws, stateDir: path.join(ws.base, 'runs'), approvals: 'all', logger, policy: {}, limits: { exec: { maxOutputBytes: 1000, timeoutMs: 20_000 } } });
  });
  after(() => ws.cleanup());

  it('runs in a folder inside the workspace and returns output and exit code', async () => {
    const got = value(await host.execute(call('shell.exec', { command: 'pwd; echo oops >&2; exit 3', cwd: 'src' }), new AbortController().signal));
    assert.deepEqual([got.stdout, got.stderr, got.exitCode, got.timedOut], [`${path.join(ws.ws, 'src')}\n`, 'oops\n', 3, false]);
    assert.equal((await host.decide(call('shell.exec', { command: 'ls', cwd: '../' }))).action, 'deny');
  });

  it('scrubs secrets from the environment', async () => {
    process.env.RARO_TEST_API_KEY = 'sekrit-value';
    process.env.GITHUB_TOKEN = 'ghp_sekrit';
    try {
      const got = value(await host.execute(call('shell.exec', { command: 'env' }), new AbortController().signal));
      assert.doesNotMatch(got.stdout as string, /sekrit/);
      assert.match(got.stdout as string, /^PATH=/m);
    } finally {
      delete process.env.RARO_TEST_API_KEY;
      delete process.env.GITHUB_TOKEN;
    }
  });

  it('caps the output', async () => {
    const got = value(await host.execute(call('shell.exec', { command: 'yes | head -c 200000' }), new AbortController().signal));
    assert.deepEqual([(got.stdout as string).length, got.truncated, got.exitCode], [1000, true, 0]);
  });

  it('kills the command after its timeout', async () => {
    const got = value(await host.execute(call('shell.exec', { command: 'sleep 30', timeoutMs: 300 }), new AbortController().signal));
    assert.deepEqual([got.timedOut, got.signal], [true, 'SIGKILL']);
  });

  it('kills the whole process group when the run is cancelled', async () => {
    const pidFile = path.join(ws.ws, 'bg.pid');
    const controller = new AbortController();
    const appeared = new Promise<void>((resolve) => {
      const watcher = watch(ws.ws, (_event, name) => {
        if (name === 'bg.pid') {
          watcher.close();
          resolve();
        }
      });
    });
    const pending = host.execute(call('shell.exec', { command: 'sleep 30 & echo $! > bg.tmp && mv bg.tmp bg.pid; wait' }), controller.signal);
    await appeared;
    const pid = Number((await fs.readFile(pidFile, 'utf8')).trim());
    controller.abort(new Error('stop'));
    await assert.rejects(pending, /stop/);
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => 'gone');
    assert.ok(stat === 'gone' || /^\d+ \([^)]*\) Z/.test(stat), `background sleep still alive: ${stat}`);
  });
});
