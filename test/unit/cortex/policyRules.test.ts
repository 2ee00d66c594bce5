/**
 * Precedence and explanation: which source wins, that a deny wins from anywhere, that every decision names
 * its rule (source and line or id), and how paths (case, links, NFKC) and URLs (IDNA, percent-encoding,
 * ports, credentials) are judged.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CortexError } from '../../../cortex/src/errors';
import { judgeWith, rule, tempWorkspace } from './helpers';

describe('cortex policy: precedence and explanations', () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;

  before(async () => {
    ws = await tempWorkspace();
    await fs.mkdir(path.join(ws.ws, 'src'));
    await fs.writeFile(path.join(ws.ws, '.env'), 'KEY=1');
    await fs.writeFile(path.join(ws.ws, 'src', 'a.ts'), 'a');
    await fs.symlink('.env', path.join(ws.ws, 'env-link'));
    await fs.symlink('.git', path.join(ws.ws, 'git-link'));
  });
  after(() => ws.cleanup());

  it('built-in defaults: workspace reads allow; writes, deletes, exec, fetch ask; secrets and .git deny', async () => {
    const judge = judgeWith({}, ws.rfs);
    const cases: Array<[string, object, string, RegExp]> = [
      ['rfs.read', { path: 'src/a.ts' }, 'allow', /^default:allow-read-workspace allow read workspace:\/\*\*$/],
      ['rfs.list', {}, 'allow', /^default:allow-read-workspace/],
      ['rfs.write', { path: 'src/a.ts', content: 'b' }, 'ask', /^default:ask-write-workspace ask write/],
      ['rfs.delete', { path: 'src/a.ts' }, 'ask', /^default:ask-delete-workspace/],
      ['shell.exec', { command: 'ls' }, 'ask', /^default:ask-exec ask exec/],
      ['web.fetch', { url: 'https://example.org/' }, 'ask', /^default:ask-fetch ask fetch \*$/],
      ['rfs.read', { path: '.env' }, 'deny', /^default:deny-secrets deny read workspace:\/\*\*\/\.env$/],
      ['rfs.write', { path: 'config/.env.local', content: 'x' }, 'deny', /^default:deny-secrets/],
      ['rfs.read', { path: 'keys/server.pem' }, 'deny', /^default:deny-secrets/],
      ['rfs.read', { path: '.ssh/id_ed25519' }, 'deny', /^default:deny-secrets/],
      ['rfs.write', { path: '.git/hooks/pre-commit', content: 'x' }, 'deny', /^default:deny-git/],
      ['rfs.delete', { path: '.git' }, 'deny', /^default:deny-git/],
      ['rfs.write', { path: 'session:/scratch.md', content: 'x' }, 'allow', /^default:allow-session/],
      ['rfs.write', { path: 'artifacts:/report.md', content: 'x' }, 'ask', /^default:ask-write-artifacts/],
      ['rfs.write', { path: '.raro/runs/x.jsonl', content: 'x' }, 'deny', /^default:deny-raro-internals/],
      ['rfs.read', { path: '../outside' }, 'deny', /^cortex:path-escape/],
      ['rfs.read', { path: '/etc/passwd' }, 'deny', /^cortex:path-escape/],
      ['nope.tool', {}, 'deny', /^cortex:unknown-tool/],
    ];
    for (const [tool, args, action, explained] of cases) {
      const verdict = await judge(tool, args as never);
      assert.equal(verdict.action, action, `${tool} ${JSON.stringify(args)}: ${verdict.rule}`);
      assert.match(verdict.rule, explained);
    }
  });

  it('node-level rules beat the blueprint, the blueprint beats settings, settings beat defaults', async () => {
    const write = { path: 'src/a.ts', content: 'x' };
    const settings = { rules: ['allow write workspace:/src/**'] };
    assert.match((await judgeWith({ settings }, ws.rfs)('rfs.write', write)).rule, /^settings:settings#1 allow write/);
    const blueprint = [rule('ask', 'write', 'workspace:/src/**', 7)];
    const both = await judgeWith({ settings, blueprint }, ws.rfs)('rfs.write', write);
    assert.equal(both.action, 'ask');
    assert.equal(both.rule, 'blueprint:policy.raro:8 ask write workspace:/src/**');
    const node = { coder: [rule('allow', 'write', 'workspace:/src/a.ts', 20)] };
    const all = await judgeWith({ settings, blueprint, node }, ws.rfs)('rfs.write', write);
    assert.equal(all.action, 'allow');
    assert.equal(all.rule, 'node:policy.raro:21 allow write workspace:/src/a.ts');
    const otherAgent = await judgeWith({ settings, blueprint, node }, ws.rfs)('rfs.write', write, { nodeId: 'n2', agent: 'reviewer' });
    assert.equal(otherAgent.action, 'ask', 'node rules apply to their agent only');
  });

  it('a deny wins from any source, even the lowest', async () => {
    const blueprint = [rule('allow', 'read', 'workspace:/**'), rule('allow', 'write', 'workspace:/**')];
    const node = { coder: [rule('allow', 'read', 'workspace:/.env')] };
    const judge = judgeWith({ blueprint, node }, ws.rfs);
    const verdict = await judge('rfs.read', { path: '.env' });
    assert.equal(verdict.action, 'deny');
    assert.match(verdict.rule, /^default:deny-secrets/);
    const settingsDeny = await judgeWith({ node: { coder: [rule('allow', 'write', 'workspace:/src/**')] }, settings: { rules: ['deny write workspace:/src/a.ts'] } }, ws.rfs)('rfs.write', { path: 'src/a.ts', content: 'x' });
    assert.equal(settingsDeny.rule, 'settings:settings#1 deny write workspace:/src/a.ts');
  });

  it('inside one source the last matching rule wins', async () => {
    const first = judgeWith({ blueprint: [rule('ask', 'exec', '/.*/'), rule('allow', 'exec', '"npm test"')] }, ws.rfs);
    assert.equal((await first('shell.exec', { command: 'npm test' })).action, 'allow');
    const second = judgeWith({ blueprint: [rule('allow', 'exec', '"npm test"'), rule('ask', 'exec', '/.*/')] }, ws.rfs);
    assert.equal((await second('shell.exec', { command: 'npm test' })).action, 'ask');
  });

  it('settings can switch a default off by id; an unknown id or a bad rule is an error', async () => {
    const judge = judgeWith({ settings: { disableDefaults: ['deny-secrets'] } }, ws.rfs);
    assert.equal((await judge('rfs.read', { path: '.env' })).rule, 'default:allow-read-workspace allow read workspace:/**');
    assert.throws(() => judgeWith({ settings: { disableDefaults: ['deny-everything'] } }, ws.rfs), CortexError);
    assert.throws(() => judgeWith({ settings: { rules: ['permit read x'] } }, ws.rfs), /settings rule #1/);
    assert.throws(() => judgeWith({ settings: { rules: ['deny exec /(/'] } }, ws.rfs), /invalid pattern/);
  });

  it('paths: links are judged at their real target, case variants of denied names are denied, allow is exact', async () => {
    const judge = judgeWith({ blueprint: [rule('allow', 'write', 'workspace:/src/**'), rule('deny', 'read', 'workspace:/private/**')] }, ws.rfs);
    const viaLink = await judge('rfs.read', { path: 'env-link' });
    assert.equal(viaLink.action, 'deny');
    assert.match(viaLink.about, /really workspace:\/\.env/);
    assert.equal((await judge('rfs.write', { path: 'git-link/config', content: 'x' })).action, 'deny');
    assert.equal((await judge('rfs.read', { path: 'PRIVATE/x.txt' })).action, 'deny');
    assert.equal((await judge('rfs.read', { path: '.ENV' })).action, 'deny');
    assert.equal((await judge('rfs.write', { path: 'src/b.ts', content: 'x' })).action, 'allow');
    assert.equal((await judge('rfs.write', { path: 'SRC/b.ts', content: 'x' })).action, 'ask');
    assert.equal((await judge('rfs.write', { path: 'src/[a].ts', content: 'x' })).action, 'allow');
  });

  it('globs support [abc] character classes and {a,b}', async () => {
    const judge = judgeWith({ blueprint: [rule('allow', 'write', 'workspace:/[ab]/*.{md,txt}')] }, ws.rfs);
    assert.equal((await judge('rfs.write', { path: 'a/x.md', content: '' })).action, 'allow');
    assert.equal((await judge('rfs.write', { path: 'b/x.txt', content: '' })).action, 'allow');
    assert.equal((await judge('rfs.write', { path: 'c/x.md', content: '' })).action, 'ask');
  });

  it('blueprint write rules also judge deletes; settings write rules do not', async () => {
    assert.equal((await judgeWith({ blueprint: [rule('deny', 'write', 'workspace:/src/**')] }, ws.rfs)('rfs.delete', { path: 'src/a.ts' })).action, 'deny');
    assert.equal((await judgeWith({ settings: { rules: ['allow write workspace:/src/**'] } }, ws.rfs)('rfs.delete', { path: 'src/a.ts' })).action, 'ask');
    assert.equal((await judgeWith({ settings: { rules: ['allow delete workspace:/src/**'] } }, ws.rfs)('rfs.delete', { path: 'src/a.ts' })).action, 'allow');
  });

  it('exec redirect targets are judged relative to the command\'s cwd', async () => {
    const judge = judgeWith({ blueprint: [rule('allow', 'exec', '"echo *"'), rule('deny', 'write', 'workspace:/src/generated/**')] }, ws.rfs);
    assert.equal((await judge('shell.exec', { command: 'echo x > generated/a.ts', cwd: 'src' })).action, 'deny');
    assert.equal((await judge('shell.exec', { command: 'echo x > generated/a.ts' })).action, 'ask');
    assert.equal((await judge('shell.exec', { command: 'echo x > ../../escape', cwd: 'src' })).action, 'deny');
  });

  it('tool rules restrict built-in tools by name', async () => {
    const judge = judgeWith({ blueprint: [rule('deny', 'tool', 'shell.*')] }, ws.rfs);
    const verdict = await judge('shell.exec', { command: 'ls' });
    assert.equal(verdict.action, 'deny');
    assert.match(verdict.rule, /deny tool shell\.\*/);
  });

  it('URLs: hosts after IDNA and case folding, subdomain wildcards, ports, percent-decoded paths, credentials', async () => {
    const judge = judgeWith({
      blueprint: [
        rule('allow', 'fetch', 'https://*.example.org/**'), rule('allow', 'fetch', 'b\u00fccher.de'), rule('allow', 'fetch', 'https://api.test/docs/**'),
        rule('deny', 'fetch', 'https://api.test/admin/**'), rule('allow', 'fetch', 'http://127.0.0.1:8080/**'),
      ],
    }, ws.rfs);
    const cases: Array<[string, string]> = [
      ['https://docs.example.org/a', 'allow'], ['https://DOCS.Example.ORG/a', 'allow'], ['https://docs.example.org./a', 'allow'],
      ['https://example.org/a', 'ask'], ['https://docs.example.org.evil.test/', 'ask'], ['https://evil.test/?u=https://docs.example.org/', 'ask'],
      ['http://docs.example.org/a', 'ask'], ['https://docs.example.org:8443/a', 'ask'], ['https://docs.ex%61mple.org/a', 'allow'],
      ['https://b\u00fccher.de/x', 'allow'], ['https://xn--bcher-kva.de/x', 'allow'], ['https://ex\u0430mple.org/', 'ask'],
      ['https://api.test/docs/x', 'allow'], ['https://api.test/docs/..%2fadmin/x', 'deny'], ['https://api.test/docs/%2e%2e/admin/x', 'deny'],
      ['https://api.test/docs/%252e%252e/admin/x', 'deny'], ['https://api.test/ADMIN/x', 'deny'],
      ['http://127.0.0.1:8080/x', 'allow'], ['http://0x7f.1:8080/x', 'allow'], ['http://127.0.0.1:8081/x', 'ask'],
      ['https://user:pw@docs.example.org/', 'deny'], ['file:///etc/passwd', 'deny'], ['javascript:alert(1)', 'deny'], ['not a url', 'deny'],
    ];
    for (const [url, action] of cases) {
      const verdict = await judge('web.fetch', { url });
      assert.equal(verdict.action, action, `${url}: ${verdict.rule}`);
    }
  });
});
