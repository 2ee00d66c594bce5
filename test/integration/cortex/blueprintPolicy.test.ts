/**
 * The policy example of docs/blueprint-language.md, compiled by the real language compiler and judged by
 * the Cortex: the IR the compiler produces is what the Cortex matches (quoted command globs, regexes,
 * volume globs, URL and domain patterns, tool names), and each decision names the blueprint line.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { NodeFileSystem } from 'langium/node';
import { createBlueprintCompiler } from '../../../language/src';
import { CortexToolHost } from '../../../cortex/src';
import { tempWorkspace } from '../../unit/cortex/helpers';

const SOURCE = `blueprint "Policy example" {
  model m = puppet "x.puppet.json"
}

agent a { tools [rfs.read, rfs.write, shell.exec, web.fetch] }

graph main() { a }

policy {
  allow read  workspace:/**
  ask   write workspace:/src/**          // diff preview + approval
  deny  write workspace:/**/.env
  allow write artifacts:/**
  ask   exec  /.*/
  deny  exec  /rm\\s+-rf/
  allow exec  "npm test"
  allow fetch https://*.wikipedia.org/**
  allow fetch *.example.org
  ask   tool  mcp.github.*
}
`;

describe('cortex: the documented blueprint policy, compiled', () => {
  it('decides as the docs say, naming the blueprint line', async () => {
    const result = await createBlueprintCompiler(NodeFileSystem).compileText(SOURCE, '/bp/example.raro');
    assert.ok(result.ir, JSON.stringify(result.diagnostics));
    const ws = await tempWorkspace();
    try {
      const host = new CortexToolHost({ workspace: ws.ws, stateDir: path.join(ws.base, 'runs'), policy: { blueprint: result.ir.policy }, approvals: 'all', logger: { warn: assert.fail, error: assert.fail } });
      const cases: Array<[string, object, string, string]> = [
        ['rfs.read', { path: 'src/a.ts' }, 'allow', 'blueprint:example.raro:10 allow read workspace:/**'],
        ['rfs.write', { path: 'src/a.ts', content: '' }, 'allow', 'blueprint:example.raro:11 ask write workspace:/src/** [approvals: all]'],
        ['rfs.write', { path: 'src/.env', content: '' }, 'deny', 'blueprint:example.raro:12 deny write workspace:/**/.env'],
        ['rfs.write', { path: 'artifacts:/r.md', content: '' }, 'allow', 'blueprint:example.raro:13 allow write artifacts:/**'],
        ['shell.exec', { command: 'npm test' }, 'allow', 'blueprint:example.raro:16 allow exec "npm test"'],
        ['shell.exec', { command: 'npm test && sudo rm -rf /' }, 'deny', 'blueprint:example.raro:15 deny exec /rm\\s+-rf/'],
        ['web.fetch', { url: 'https://en.wikipedia.org/wiki/X' }, 'allow', 'blueprint:example.raro:17 allow fetch https://*.wikipedia.org/**'],
        ['web.fetch', { url: 'https://docs.example.org/' }, 'allow', 'blueprint:example.raro:18 allow fetch *.example.org'],
      ];
      for (const [tool, args, action, rule] of cases) {
        const decision = await host.decide({ runId: 'r', nodeId: 'a', agent: 'a', name: tool, args: args as never, callIndex: 0, idempotencyKey: 'r:a:0' });
        assert.deepEqual([decision.action, decision.rule], [action, rule], `${tool} ${JSON.stringify(args)}`);
      }
    } finally {
      await ws.cleanup();
    }
  });
});
