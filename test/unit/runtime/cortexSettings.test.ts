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
import { checkCortexSettings, readWorkspaceCortexSettings } from '../../../runtime/src/cortexSettings';
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
    assert.deepEqual(await readWorkspaceCortexSettings(root), {});
    mkdirSync(join(root, '.vscode'));
    writeFileSync(join(root, '.vscode', 'settings.json'), `{
  // secrets stay secret
  "raro.cortex.rules": ["deny write workspace:/secrets/**",],
  "editor.tabSize": 2, /* unrelated */
}`);
    assert.deepEqual(await readWorkspaceCortexSettings(root), { rules: ['deny write workspace:/secrets/**'] });
    writeFileSync(join(root, '.vscode', 'settings.json'), '{\n  "raro.cortex.rules": ["deny write"]\n}');
    await assert.rejects(readWorkspaceCortexSettings(root), /settings\.json raro\.cortex\.rules\[0\] "deny write"/);
    writeFileSync(join(root, '.vscode', 'settings.json'), '{\n  "raro.cortex.rules": [\n}');
    await assert.rejects(readWorkspaceCortexSettings(root), /settings\.json:3: not valid JSON with comments/);
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

  it('package.json offers exactly the built-in rule ids for raro.cortex.disableDefaults', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { items?: { enum?: string[] } }> } };
    };
    assert.deepEqual(manifest.contributes.configuration.properties['raro.cortex.disableDefaults']?.items?.enum, [...DEFAULT_RULE_IDS]);
  });
});
