// The Cortex in the real workbench, beyond one diff: a workspace setting (raro.cortex.rules) denies a write
// (the run log names the rule); the two parallel writes of a map node are reviewed together and approved
// at once; "Re-run from Node" offers to revert what that node wrote, and the files on disk go back.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { journalFiles as journals, repoRoot, untilOnDisk as until, useWorkbench } from './harness';

const fixture = join(repoRoot, 'test', 'e2e', 'fixtures', 'cortex');

function read(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

async function clickNotificationButton(page: Page, button: string): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-toast', { has: page.locator('.monaco-button', { hasText: button }) }).first();
  await toast.waitFor({ state: 'visible', timeout: 60_000 });
  await toast.locator('.monaco-button', { hasText: button }).first().click();
}

async function pickRow(page: Page, text: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
}

describe('cortex: settings rules, writes reviewed together, rewind on re-run', function () {
  const workbench = useWorkbench({
    fixture,
    settings: { 'raro.run.openGraph': false, 'files.autoSave': 'off', 'raro.cortex.rules': ['deny write workspace:/secrets/**'] },
  });

  it('denies by setting, reviews a node\'s two writes together, and re-run reverts them on disk', async function () {
    const page = workbench().page;
    const dir = workbench().workspaceDir;
    await workbench().openFile('writers.raro');
    await workbench().runCommand('RARO: Simulate Graph with Puppet Script…');

    // Both map instances wait for approval at once: the node's writes are offered together.
    await clickNotificationButton(page, 'Review all 2 writes of writer');
    await page.locator('.multiDiffEditor, .monaco-diff-editor').first().waitFor({ timeout: 30_000 });
    await workbench().screenshot('cortex-1-review-all');
    assert.equal(read(join(dir, 'a.md')), 'a as the user wrote it\n', 'nothing written before approval');
    assert.equal(read(join(dir, 'b.md')), undefined);
    await clickNotificationButton(page, 'Approve all 2');
    await until('both reviewed writes on disk', () => read(join(dir, 'a.md')) === 'a by the writer\n' && read(join(dir, 'b.md')) === 'b by the writer\n');
    await until('the run to complete', () => journals(dir).some((j) => (read(j) ?? '').includes('"run.completed"')));
    assert.equal(existsSync(join(dir, 'secrets', 'token.txt')), false, 'the setting denied the secret write');

    // The run log names the settings rule that denied it (outputChannelText waits until that line is rendered).
    const [journal] = journals(dir);
    const runId = basename(journal, '.jsonl');
    assert.match(readFileSync(journal, 'utf8'), /"action":"deny"[^\n]*"rule":"settings:settings#1 deny write workspace:\/secrets\/\*\*"/);
    await workbench().outputChannelText(`RARO run: main ${runId.slice(-6)}`, 'settings:settings#1 deny write workspace:/secrets/**');
    // Scrolled to the top, where the denied call is, for the screenshot.
    await page.locator('.part.panel .output-view .monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+Home');
    await workbench().screenshot('cortex-2-run-log-deny');

    // Re-run from the map node: the rewind is offered, and chosen.
    await workbench().runCommand('RARO: Re-run from Node…');
    await pickRow(page, runId.slice(-6));
    await page.locator('.quick-input-widget .quick-input-box input').fill('writer');
    // The map node itself (not one instance): its row's label is exactly "writer".
    await page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^writer$/ }) }).first().click({ timeout: 30_000 });
    const revert = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Re-run and revert 2 files' }).first();
    await revert.waitFor({ timeout: 30_000 });
    await workbench().screenshot('cortex-3-rewind-offered');
    await revert.click();
    await until('the files reverted on disk', () => read(join(dir, 'a.md')) === 'a as the user wrote it\n' && read(join(dir, 'b.md')) === undefined);
    await until('the re-run journal', () => journals(dir).length === 2);
    // The re-run's own log says what was reverted.
    const fork = basename(journals(dir).find((j) => j !== journal) as string, '.jsonl');
    await workbench().outputChannelText(`RARO run: main ${fork.slice(-6)}`, 'rewind  reverted workspace:/a.md to its text before the run');
    await page.locator('.part.panel .output-view .monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+Home');
    await workbench().screenshot('cortex-4-reverted');
  });
});

describe('cortex: a newer proposal for the same file supersedes the older', function () {
  const workbench = useWorkbench({ fixture, settings: { 'raro.run.openGraph': false, 'files.autoSave': 'off' } });

  it('names the proposal it supersedes; the older, approved after the newer landed, is refused with its reason', async function () {
    const page = workbench().page;
    const shared = join(workbench().workspaceDir, 'shared.md');
    await workbench().openFile('clash.raro');
    await workbench().runCommand('RARO: Simulate Graph with Puppet Script…');
    const newer = page.locator('.notifications-toasts .notification-toast', { hasText: /supersedes editor\[\d\]'s proposal for workspace:\/shared\.md/ }).first();
    await newer.waitFor({ timeout: 60_000 });
    const text = await newer.innerText();
    const [, olderNode] = /supersedes (editor\[\d\])'s proposal/.exec(text) ?? [];
    assert.ok(olderNode, text);
    const newerNode = olderNode === 'editor[0]' ? 'editor[1]' : 'editor[0]';
    assert.match(text, new RegExp(`${newerNode.replace(/[[\]]/g, '\\$&')} wants to change workspace:/shared\\.md`));
    await workbench().screenshot('cortex-5-supersedes');
    await newer.locator('.monaco-button', { hasText: 'Approve' }).first().click();
    const newerText = newerNode === 'editor[0]' ? 'version one\n' : 'version two\n';
    await until('the newer proposal on disk', () => read(shared) === newerText);
    // The older one stayed answerable; approving it now is refused because the file changed.
    await clickNotificationButton(page, 'Approve');
    const refused = await workbench().waitForNotification('the approved write was not applied: workspace:/shared.md');
    // Which reason depends on whether VS Code has finished saving the newer write when the older is approved:
    // either way the older text is refused, visibly, and the file keeps the newer one.
    assert.match(await refused.innerText(), /workspace:\/shared\.md (changed since the write was proposed|has unsaved changes in an editor); not modified/);
    await workbench().screenshot('cortex-6-stale-refused');
    assert.equal(read(shared), newerText, 'the older proposal did not overwrite the newer');
  });
});
