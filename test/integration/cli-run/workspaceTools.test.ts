/**
 * The CLI's tool host on a real temporary folder: confinement (.., absolute paths, symlinks that escape,
 * unknown volumes), the ticket rule for writes, and write idempotency by the kernel's key across hosts.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ToolCallRequest } from '../../../kernel/src';
import type { JsonValue } from '../../../language/src/ir';
import { EffectLedger } from '../../../runtime/src/tools/effectLedger';
import { WorkspaceToolHost } from '../../../runtime/src/tools/workspaceTools';

let counter = 0;
function call(name: string, args: JsonValue, key?: string): ToolCallRequest {
  const callIndex = counter++;
  return { runId: 'run-t', nodeId: 'n', name, args, callIndex, idempotencyKey: key ?? `run-t:n:${callIndex}` };
}

describe('cli-run: workspace tool host', () => {
  let root: string;
  let outside: string;
  let host: WorkspaceToolHost;
  const signal = new AbortController().signal;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'raro-tools-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'raro-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    host = new WorkspaceToolHost({ root, autoApproveWrites: false, ledger: new EffectLedger(path.join(root, '.raro', 'runs')) });
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('reads and lists inside the root, with or without the workspace: volume', async () => {
    assert.deepEqual(await host.execute(call('rfs.read', { path: 'src/a.ts' }), signal), { ok: true, value: { path: 'src/a.ts', content: 'export const a = 1;\n' } });
    assert.deepEqual(await host.execute(call('rfs.list', { path: 'workspace:/src' }), signal), { ok: true, value: { path: 'workspace:/src', entries: ['a.ts'] } });
  });

  const escapes: [string, string, RegExp][] = [
    ['a .. segment', 'src/../../etc/passwd', /'\.\.' is not allowed/],
    ['an absolute path', '/etc/passwd', /absolute paths are not allowed/],
    ['an encoded separator', 'src%2f..%2fx', /encoded/],
    ['an unknown volume', 'library:/x', /volume 'library:' is not available/],
  ];
  for (const [what, requested, message] of escapes) {
    it(`rejects ${what} with a clear error`, async () => {
      const result = await host.execute(call('rfs.read', { path: requested }), signal);
      assert.equal(result.ok, false);
      assert.match((result as { error: string }).error, message);
    });
  }

  it('rejects a symlink that leaves the root, for reads and for writes below it', async () => {
    fs.symlinkSync(outside, path.join(root, 'link'));
    const read = await host.execute(call('rfs.read', { path: 'link/secret.txt' }), signal);
    assert.match((read as { error: string }).error, /leaves the working directory through a symlink/);
    const write = await host.execute(call('rfs.write', { path: 'link/new.txt', content: 'x' }), signal);
    assert.match((write as { error: string }).error, /symlink/);
    assert.equal(fs.existsSync(path.join(outside, 'new.txt')), false);
  });

  it('asks before writes unless --approve all, allows reads, denies unknown tools', () => {
    assert.equal(host.decide(call('rfs.write', { path: 'x', content: '' })).action, 'ask');
    assert.equal(host.decide(call('rfs.read', { path: 'x' })).action, 'allow');
    assert.equal(host.decide(call('shell.exec', { cmd: 'ls' })).action, 'deny');
    const trusting = new WorkspaceToolHost({ root, autoApproveWrites: true, ledger: new EffectLedger(root) });
    assert.deepEqual(trusting.decide(call('rfs.write', { path: 'x', content: '' })), { action: 'allow', rule: 'cli:--approve all' });
  });

  it('applies a write once per idempotency key, even from a new host after a restart', async () => {
    const first = await host.execute(call('rfs.write', { path: 'artifacts:/out.txt', content: 'first' }, 'run-t:n:7'), signal);
    assert.deepEqual(first, { ok: true, value: { path: 'artifacts:/out.txt', bytes: 5 } });
    const file = path.join(root, '.raro', 'artifacts', 'out.txt');
    fs.writeFileSync(file, 'changed by hand');
    const restarted = new WorkspaceToolHost({ root, autoApproveWrites: true, ledger: new EffectLedger(path.join(root, '.raro', 'runs')) });
    const again = await restarted.execute(call('rfs.write', { path: 'artifacts:/out.txt', content: 'second' }, 'run-t:n:7'), signal);
    assert.deepEqual(again, first);
    assert.equal(fs.readFileSync(file, 'utf8'), 'changed by hand');
  });
});
