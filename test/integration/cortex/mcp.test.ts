/**
 * A real MCP server process (test/fixtures/mcp/fixtureServer.ts, built with the SDK) over stdio, behind
 * the Cortex: tools listed, calls gated by the policy (a server's read-only hint is not trusted), the
 * environment reduced to an allow-list, a changed description/schema asks again, a crash gives a clear
 * error and one restart.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { ToolCallRequest } from '../../../kernel/src';
import type { JsonValue } from '../../../language/src/ir';
import { CortexToolHost } from '../../../cortex/src';
import { McpToolGate, MemoryPinStore } from '../../../cortex/src/tools/mcp/mcpGate';
import type { McpServerSpec } from '../../../cortex/src/tools/mcp/connection';
import { rule, tempWorkspace } from '../../unit/cortex/helpers';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'mcp', 'fixtureServer.ts');
let index = 0;
function call(name: string, args: JsonValue): ToolCallRequest {
  const i = index++;
  return { runId: 'r', nodeId: 'n', name, args, callIndex: i, idempotencyKey: `r:n:${i}` };
}

function server(variant?: string): McpServerSpec {
  return { name: 'fixture', command: process.execPath, args: ['--import', 'tsx', FIXTURE], cwd: path.join(__dirname, '..', '..', '..'), env: variant ? { FIXTURE_VARIANT: variant } : {} };
}

describe('cortex MCP over stdio', function () {
  this.timeout(60_000);
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  const gates: McpToolGate[] = [];
  const warnings: string[] = [];
  const logger = { warn: (m: string) => warnings.push(m), error: (m: string) => assert.fail(`unexpected error: ${m}`) };

  async function hostWith(gate: McpToolGate, approvals: 'ask' | 'all' | 'none', blueprint = [rule('allow', 'tool', 'mcp.fixture.echo')]): Promise<CortexToolHost> {
    gates.push(gate);
    await gate.start();
    return new CortexToolHost({ workspace: ws.ws, stateDir: path.join(ws.base, 'runs'), policy: { blueprint }, approvals, logger, mcp: gate });
  }

  before(async () => {
    ws = await tempWorkspace();
  });
  after(async () => {
    await Promise.all(gates.map((g) => g.close()));
    await ws.cleanup();
  });

  it('lists the server\'s tools as mcp.<server>.<tool>', async () => {
    const gate = new McpToolGate({ servers: [server()], logger });
    await hostWith(gate, 'ask');
    assert.deepEqual(gate.toolSpecs().map((t) => t.name).sort(), ['mcp.fixture.crash', 'mcp.fixture.echo', 'mcp.fixture.fail']);
  });

  it('gates calls by the policy, ignoring the server\'s readOnlyHint; passes only allow-listed environment', async () => {
    process.env.RARO_TEST_SECRET_TOKEN = 'sekrit';
    try {
      const host = await hostWith(new McpToolGate({ servers: [server()], logger }), 'ask', []);
      const asked = await host.decide(call('mcp.fixture.echo', { text: 'hi' }));
      assert.deepEqual([asked.action, asked.rule], ['ask', 'default:ask-mcp ask tool mcp.*']);
      const denying = await hostWith(new McpToolGate({ servers: [server()], logger }), 'all', [rule('deny', 'tool', 'mcp.fixture.*')]);
      assert.equal((await denying.decide(call('mcp.fixture.echo', { text: 'hi' }))).action, 'deny');
      assert.match((await host.decide(call('mcp.fixture.nope', {}))).rule, /^cortex:mcp-unknown-tool/);
      assert.match((await host.decide(call('mcp.other.echo', {}))).rule, /^cortex:mcp-unknown-server/);
      const result = await host.execute(call('mcp.fixture.echo', { text: 'hi' }), new AbortController().signal);
      assert.ok(result.ok, JSON.stringify(result));
      const payload = JSON.parse(((result.value as JsonValue[])[0] as { text: string }).text) as { text: string; env: string[] };
      assert.equal(payload.text, 'hi');
      assert.ok(!payload.env.includes('RARO_TEST_SECRET_TOKEN'), payload.env.join(','));
      assert.ok(payload.env.includes('PATH'));
    } finally {
      delete process.env.RARO_TEST_SECRET_TOKEN;
    }
  });

  it('a tool error is a failed result', async () => {
    const host = await hostWith(new McpToolGate({ servers: [server()], logger }), 'all');
    const result = await host.execute(call('mcp.fixture.fail', {}), new AbortController().signal);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /it failed/);
  });

  it('pins a tool when first carried out; a changed description or schema asks again, even where rules allow', async () => {
    const pins = new MemoryPinStore();
    const first = await hostWith(new McpToolGate({ servers: [server()], logger, pins }), 'ask');
    assert.equal((await first.decide(call('mcp.fixture.echo', { text: 'a' }))).action, 'allow');
    assert.equal((await first.execute(call('mcp.fixture.echo', { text: 'a' }), new AbortController().signal)).ok, true);
    const updated = await hostWith(new McpToolGate({ servers: [server('changed')], logger, pins }), 'ask');
    const decision = await updated.decide(call('mcp.fixture.echo', { text: 'a' }));
    assert.equal(decision.action, 'ask');
    assert.match(decision.rule, /^cortex:mcp-tool-changed \(mcp\.fixture\.echo: description or schema changed/);
  });

  it('a crash mid-call is a clear error naming the server; the next call restarts it once', async () => {
    warnings.length = 0;
    const host = await hostWith(new McpToolGate({ servers: [server()], logger, maxRestarts: 1 }), 'all', [rule('allow', 'tool', 'mcp.fixture.*')]);
    const crashed = await host.execute(call('mcp.fixture.crash', {}), new AbortController().signal);
    assert.equal(crashed.ok, false);
    assert.match(crashed.ok ? '' : crashed.error, /MCP server "fixture" .*exited.*crashing on purpose/s);
    const again = await host.execute(call('mcp.fixture.echo', { text: 'back' }), new AbortController().signal);
    assert.ok(again.ok, JSON.stringify(again));
    assert.deepEqual(warnings, ['MCP server "fixture" is not running; restarting it (1/1)']);
    await host.execute(call('mcp.fixture.crash', {}), new AbortController().signal);
    const gone = await host.execute(call('mcp.fixture.echo', { text: 'x' }), new AbortController().signal);
    assert.match(gone.ok ? '' : gone.error, /is not running and was restarted 1 time\(s\) already/);
  });
});
