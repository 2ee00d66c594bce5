// The Cortex in the real workbench: an agent's file write arrives as a notification; Review opens the diff
// without taking focus from the editor the user types in; the user edits the proposal, approves, and the
// file on disk holds exactly the reviewed text (one Undo restores it); a rejected write leaves the file as it was.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { journalTexts, repoRoot, untilOnDisk as until, useWorkbench } from './harness';

const fixture = join(repoRoot, 'test', 'e2e', 'fixtures', 'review');

async function notificationButton(page: Page, text: string, button: string): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: 60_000 });
  await toast.locator('.monaco-button', { hasText: button }).first().click();
}

/** The text of the focused editor's model, read through the DOM of the editor that has focus. */
async function focusedEditorLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    const editor = active?.closest('.editor-instance, .monaco-diff-editor, .notification-toast');
    return `${editor?.getAttribute('aria-label') ?? ''} | ${active?.tagName ?? ''}.${active?.className ?? ''} | ${active?.getAttribute('aria-label') ?? ''}`;
  });
}

describe('cortex: a file write reviewed as a diff', function () {
  const workbench = useWorkbench({ fixture, settings: { 'raro.run.openGraph': false, 'files.autoSave': 'off' } });

  it('Review keeps focus in the user\'s editor; the edited proposal is approved and lands exactly; one Undo restores the file', async function () {
    const page = workbench().page;
    const notes = join(workbench().workspaceDir, 'notes.md');
    // The user works in scratch.txt and starts the agent from the palette (the one blueprint is picked).
    await workbench().openFile('scratch.txt');
    await workbench().runCommand('RARO: Simulate Graph with Puppet Script…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'notes-editor.raro' }).first().waitFor();
    await page.keyboard.press('Enter');
    // ...and keeps typing while the write is proposed: the notification takes no keystroke and no focus.
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'wants to change workspace:/notes.md' }).first();
    let typed = '';
    for (let i = 0; i < 40 && !(await toast.isVisible()); i++) {
      await page.keyboard.type('k');
      typed += 'k';
    }
    await toast.waitFor();
    await page.keyboard.type(' still typing');
    typed += ' still typing';
    const focused = await focusedEditorLabel(page);
    assert.match(focused, /scratch\.txt/, `focus stayed in scratch.txt (focused: ${focused})`);
    await page.locator('.editor-instance .view-line', { hasText: typed }).first().waitFor();
    await notificationButton(page, 'wants to change workspace:/notes.md', 'Review');
    await page.locator('.monaco-diff-editor').first().waitFor();
    assert.equal(await page.locator('.monaco-diff-editor .view-line', { hasText: 'typing' }).count(), 0, 'nothing typed went into the proposal');
    await workbench().screenshot('review-1-diff-opened');
    assert.equal(readFileSync(notes, 'utf8'), 'alpha\nbeta\ngamma\ndelta\n', 'nothing written before approval');
    // The user rewrites the agent's last line in the proposal (the diff's right side).
    await page.locator('.monaco-diff-editor .editor.modified .view-line', { hasText: 'DELTA by the agent' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('delta kept by me');
    await workbench().screenshot('review-2-edited');
    await notificationButton(page, 'wants to change workspace:/notes.md', 'Approve');
    await until('the reviewed text on disk', () => readFileSync(notes, 'utf8') === 'alpha\nBETA by the agent\ngamma\ndelta kept by me\n');
    await until('the run to complete', () => journalTexts(workbench().workspaceDir).some((t) => t.includes('"run.completed"')));
    await workbench().openFile('notes.md');
    await page.locator('.editor-instance .view-line', { hasText: 'BETA by the agent' }).first().waitFor();
    await page.locator('.editor-instance .view-line', { hasText: 'BETA by the agent' }).first().click();
    await page.keyboard.press('Control+Z');
    await page.locator('.editor-instance .view-line', { hasText: 'beta' }).first().waitFor();
    assert.equal(await page.locator('.editor-instance .view-line', { hasText: 'delta kept by me' }).count(), 0, 'one Undo restored every line');
    await workbench().screenshot('review-3-undone');
    await workbench().runCommand('File: Revert File');
  });

  it('a rejected write leaves the file unchanged and the run goes on with the agent told the reason', async function () {
    const page = workbench().page;
    const notes = join(workbench().workspaceDir, 'notes.md');
    const before = readFileSync(notes, 'utf8');
    const runsBefore = journalTexts(workbench().workspaceDir).length;
    await workbench().openFile('notes-editor.raro');
    await workbench().runCommand('RARO: Simulate Graph with Puppet Script…');
    await notificationButton(page, 'wants to change workspace:/notes.md', 'Reject');
    // The reason the agent is told, asked after Reject.
    const reason = page.locator('.quick-input-widget .quick-input-box input');
    await reason.waitFor({ state: 'visible' });
    await reason.fill('keep the notes as they are');
    await workbench().screenshot('review-4-reason');
    await page.keyboard.press('Enter');
    await until('the second run to complete', () => journalTexts(workbench().workspaceDir).length > runsBefore && journalTexts(workbench().workspaceDir).some((t, i) => i >= 0 && t.includes('"run.completed"') && t.includes('"ok":false')));
    assert.equal(readFileSync(notes, 'utf8'), before);
    const rejected = journalTexts(workbench().workspaceDir).find((t) => t.includes('"ok":false'));
    assert.match(rejected ?? '', /"type":"node\.tool_result"[^\n]*"ok":false[^\n]*denied: keep the notes as they are/);
    await workbench().screenshot('review-4-rejected');
  });
});
