/**
 * `raro.cortex.rules` / `raro.cortex.disableDefaults`: checked with messages naming the setting and the
 * index, read by the CLI from .vscode/settings.json (JSONC), and obeyed by a real run (a deny holds even
 * under approvals mode "all").
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RULE_IDS } from '../../../cortex/src';
import { compileBlueprint } from '../../../runtime/src/compile';
import { checkCortexSettings, checkWorkspaceCortex, readWorkspaceCortex } from '../../../runtime/src/cortexSettings';
import { RuntimeError } from '../../../runtime/src/errors';
import { startRun } from '../../../runtime/src/launch';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function settingsError(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => error instanceof RuntimeError && error.code === 'SETTINGS_INVALID' && message.test(error.message));
}

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'raro-settings-'));
}

describe('runtime: Cortex settings', function () {
  this.timeout(20_000);

  it('accepts rule strings and known default ids as they are', () => {
    const checked = checkCortexSettings({ rules: ['deny write workspace:/secrets/**', 'allow exec "npm test"'], disableDefaults: ['ask-exec'] }, 'VS Code settings');
    assert.deepEqual(checked, { rules: ['deny write workspace:/secrets/**', 'allow exec "npm test"'], disableDefaults: ['ask-exec'] });
    assert.deepEqual(checkCortexSettings({}, 'x'), {});
  });

  it('names the setting and the index of an invalid rule', () => {
    settingsError(() => checkCortexSettings({ rules: ['deny write workspace:/a', 'permit read x'] }, 'VS Code settings'),
      /^VS Code settings raro\.cortex\.rules\[1\] "permit read x": expected "<allow\|ask\|deny> <capability> <pattern>".*the run was not started$/);
    settingsError(() => checkCortexSettings({ rules: ['deny launch x'] }, 'S'), /raro\.cortex\.rules\[0\] "deny launch x": unknown capability 'launch'/);
    settingsError(() => checkCortexSettings({ rules: ['deny exec /[/'] }, 'S'), /raro\.cortex\.rules\[0\] "deny exec \/\[\/": invalid pattern/);
    settingsError(() => checkCortexSettings({ rules: [42] }, 'S'), /raro\.cortex\.rules\[0\]: expected a rule string, got 42/);
    settingsError(() => checkCortexSettings({ rules: 'deny write x' }, 'S'), /raro\.cortex\.rules: expected an array/);
    settingsError(() => checkCortexSettings({ disableDefaults: ['ask-nothing'] }, 'S'), /raro\.cortex\.disableDefaults: .*unknown rules: ask-nothing/);
  });

  it('the CLI reads .vscode/settings.json with comments and trailing commas; no file, no settings', async () => {
    const root = workspace();
    assert.deepEqual(await readWorkspaceCortex(root), { settings: {} });
    mkdirSync(join(root, '.vscode'));
    writeFileSync(join(root, '.vscode', 'settings.json'), `{
  // secrets stay secret
  "raro.cortex.rules": ["deny write workspace:/secrets/**",],
  "editor.tabSize": 2, /* unrelated */
}`);
    assert.deepEqual(await readWorkspaceCortex(root), { settings: { rules: ['deny write workspace:/secrets/**'] } });
    writeFileSync(join(root, '.vscode', 'settings.json'), '{\n  "raro.cortex.rules": ["deny write"]\n}');
    await assert.rejects(readWorkspaceCortex(root), /settings\.json raro\.cortex\.rules\[0\] "deny write"/);
    writeFileSync(join(root, '.vscode', 'settings.json'), '{\n  "raro.cortex.rules": [\n}');
    await assert.rejects(readWorkspaceCortex(root), /settings\.json:3: not valid JSON with comments/);
  });

  it('a settings deny stops a write even when every ticket is approved, and names its rule', async () => {
    const root = workspace();
    writeFileSync(join(root, 'b.raro'), `blueprint "B" { model local = puppet "b.puppet.json"  default model local }
agent writer { prompt "write" tools [rfs.write] }
graph main() -> (out: string = writer.text) { writer }
`);
    writeFileSync(join(root, 'b.puppet.json'), JSON.stringify({ version: 1, responses: { writer: [
      { toolCalls: [{ name: 'rfs.write', args: { path: 'workspace:/secrets/key.txt', content: 'leaked' } }] },
      { toolCalls: [{ name: 'rfs.write', args: { path: 'workspace:/notes.txt', content: 'fine' } }] },
      { text: 'done' },
    ] } }));
    const settings = checkCortexSettings({ rules: ['deny write workspace:/secrets/**'] }, 'test');
    const handle = startRun({ journalDir: join(root, 'runs'), root, approve: 'all', logger: quiet, settings }, await compileBlueprint(join(root, 'b.raro')), { inputs: {} });
    const outcome = await handle.done();
    handle.close();
    assert.equal(outcome.status, 'completed');
    assert.equal(existsSync(join(root, 'secrets', 'key.txt')), false, 'the denied file was not written');
    assert.equal(readFileSync(join(root, 'notes.txt'), 'utf8'), 'fine', 'the other write landed');
    const journal = readFileSync(handle.journalLocation, 'utf8');
    assert.match(journal, /settings:settings#1 deny write workspace:\/secrets\/\*\*/);
  });

  it('library folders and write quotas: checked, resolved against the workspace, with messages naming the setting', () => {
    const checked = checkWorkspaceCortex({ library: { docs: 'shared/docs', 'std.lib': '/opt/lib' }, quota: { maxBytesWritten: 1000, maxFilesWritten: 2 } }, 'S', '/ws');
    assert.deepEqual(checked, { settings: {}, library: { docs: '/ws/shared/docs', 'std.lib': '/opt/lib' }, quota: { maxBytesWritten: 1000, maxFilesWritten: 2 } });
    settingsError(() => checkWorkspaceCortex({ library: ['docs'] }, 'S', '/ws'), /S raro\.cortex\.library: expected an object of names to folders/);
    settingsError(() => checkWorkspaceCortex({ library: { '../up': '/x' } }, 'S', '/ws'), /raro\.cortex\.library\.\.\.\/up: a library name is/);
    settingsError(() => checkWorkspaceCortex({ library: { docs: 3 } }, 'S', '/ws'), /raro\.cortex\.library\.docs: expected a folder path/);
    settingsError(() => checkWorkspaceCortex({ quota: { maxBytes: 1 } }, 'S', '/ws'), /raro\.cortex\.quota\.maxBytes: unknown field/);
    settingsError(() => checkWorkspaceCortex({ quota: { maxFilesWritten: -1 } }, 'S', '/ws'), /raro\.cortex\.quota\.maxFilesWritten: expected a whole number/);
  });

  it('a run reads a settings library folder as library:/<name>/, never writes there, and stops at the quota', async () => {
    const root = workspace();
    mkdirSync(join(root, 'shared'));
    writeFileSync(join(root, 'shared', 'style.md'), 'Write short sentences.');
    writeFileSync(join(root, 'l.raro'), `blueprint "L" { model local = puppet "l.puppet.json"  default model local }
agent writer { prompt "write" tools [rfs.read, rfs.write] }
graph main() -> (out: string = writer.text) { writer }
`);
    writeFileSync(join(root, 'l.puppet.json'), JSON.stringify({ version: 1, responses: { writer: [
      { toolCalls: [{ name: 'rfs.read', args: { path: 'library:/style/style.md' } }] },
      { toolCalls: [{ name: 'rfs.write', args: { path: 'library:/style/style.md', content: 'changed' } }] },
      { toolCalls: [{ name: 'rfs.write', args: { path: 'workspace:/one.txt', content: 'one' } }] },
      { toolCalls: [{ name: 'rfs.write', args: { path: 'workspace:/two.txt', content: 'two' } }] },
      { text: 'done' },
    ] } }));
    const cortex = checkWorkspaceCortex({ library: { style: 'shared' }, quota: { maxFilesWritten: 1 } }, 'test', root);
    const handle = startRun({ journalDir: join(root, 'runs'), root, approve: 'all', logger: quiet, ...cortex }, await compileBlueprint(join(root, 'l.raro')), { inputs: {} });
    const outcome = await handle.done();
    handle.close();
    assert.equal(outcome.status, 'completed');
    const results = readFileSync(handle.journalLocation, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; ok?: boolean; value?: unknown; error?: string })
      .filter((e) => e.type === 'node.tool_result');
    assert.equal(results[0].ok, true);
    assert.match(JSON.stringify(results[0].value), /Write short sentences/, 'the library file was read');
    assert.equal(results[1].ok, false, 'library: is read-only');
    assert.equal(readFileSync(join(root, 'shared', 'style.md'), 'utf8'), 'Write short sentences.');
    assert.equal(results[2].ok, true);
    assert.equal(results[3].ok, false, 'the second file would cross the quota of one');
    assert.equal(existsSync(join(root, 'two.txt')), false);
  });

  it('package.json offers exactly the built-in rule ids for raro.cortex.disableDefaults', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { items?: { enum?: string[] } }> } };
    };
    assert.deepEqual(manifest.contributes.configuration.properties['raro.cortex.disableDefaults']?.items?.enum, [...DEFAULT_RULE_IDS]);
  });
});
