// Language journeys: in a real VS Code workbench the blueprint language server (started by the packaged
// extension) completes names while typing, and shows a diagnostic squiggle plus a Problems count for an
// unknown name, both of which go away once the name is fixed.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readManifest, useWorkbench } from './harness';

const BLUEPRINT = `blueprint "Language journey" {
  model local = puppet "journey.puppet.json"
  default model local
}

agent researcher {
  prompt "Research {{input.topic}}"
  output { findings: string[] }
}

agent writer {
  prompt "Write from {{researcher.findings}}"
}

graph main(topic: string) {
  researcher -> writer
}

graph probe(topic: string) {
  researcher -> writer
}
`;
/** 1-based line of the statement inside `graph probe`, the line the journey edits. */
const PROBE_LINE = BLUEPRINT.split('\n').findIndex((_line, index, lines) => index > 0 && lines[index - 1].startsWith('graph probe')) + 1;

/** A private fixture folder holding the blueprint (the harness copies it into a fresh workspace). */
function languageFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'raro-e2e-language-'));
  writeFileSync(join(dir, 'journey.raro'), BLUEPRINT);
  return dir;
}

const languageName = readManifest().contributes.languages.find((language) => language.id === 'raro')?.aliases?.[0] ?? 'raro';
const EDITOR = '.part.editor .editor-group-container.active .monaco-editor';

/**
 * Replaces the text of the probe line (keeping its indentation), as a user would: `keys` types it key by
 * key; `paste` enters it as one edit. A line typed key by key passes through other valid blueprints on
 * the way (`researcher` alone is a valid step), whose diagnostics can arrive after a check for the final
 * text already passed; one edit has no such intermediate versions.
 */
async function retypeProbeLine(page: Page, text: string, how: 'keys' | 'paste' = 'paste'): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(String(PROBE_LINE));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  if (how === 'keys') await page.keyboard.type(text);
  else await page.keyboard.insertText(text);
}

/** Error squiggles currently rendered in the active editor. */
function errorSquiggles(page: Page): ReturnType<Page['locator']> {
  return page.locator(`${EDITOR} .squiggly-error`);
}

/**
 * Waits until the active editor renders no error squiggle. Not "the first squiggle is detached": the editor
 * re-renders its lines, so a squiggle's element can be replaced by a new one for the same marker.
 */
async function waitForNoSquiggles(page: Page): Promise<void> {
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, `${EDITOR} .squiggly-error`);
}

/** Waits until the status bar's Problems item shows `expected` errors (it reads "<errors> <warnings>"). */
async function waitForProblemErrors(page: Page, expected: number): Promise<void> {
  await page.waitForFunction(
    (count) => /\d+/.exec(document.querySelector('#status\\.problems')?.textContent ?? '')?.[0] === String(count),
    expected,
  );
}

describe('language: editing a blueprint in a real workbench', function () {
  const workbench = useWorkbench({ fixture: languageFixture() });

  before(async function () {
    await workbench().openFile('journey.raro');
    assert.equal(await workbench().waitForLanguageMode(languageName), languageName);
    await workbench().page.locator(EDITOR).first().click();
  });

  it('shows a completion list with the agents in scope while typing a graph step', async function () {
    const page = workbench().page;
    await retypeProbeLine(page, 'res', 'keys');
    await page.keyboard.press('Control+Space');
    const row = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'researcher' }).first();
    await row.waitFor();
    assert.match(await row.innerText(), /researcher/);
    await page.keyboard.press('Escape');
    // Back to the clean blueprint, so the next journey starts from zero problems.
    await retypeProbeLine(page, 'researcher -> writer');
    await page.keyboard.press('Escape');
    await waitForProblemErrors(page, 0);
  });

  it('underlines an unknown name, counts it in Problems, and clears both when it is fixed', async function () {
    const page = workbench().page;
    // A name nothing completes to, so no suggestion can be accepted in its place.
    // Precondition: the previous journey left the blueprint clean (its last diagnostics rendered).
    await waitForProblemErrors(page, 0);
    await waitForNoSquiggles(page);
    await retypeProbeLine(page, 'researcher -> nosuchagent');
    await page.keyboard.press('Escape');
    await errorSquiggles(page).first().waitFor();
    await waitForProblemErrors(page, 1);

    await retypeProbeLine(page, 'researcher -> writer');
    await page.keyboard.press('Escape');
    // Both must clear (a wait that never ends fails the test): Problems first, as it follows the server.
    await waitForProblemErrors(page, 0);
    await waitForNoSquiggles(page);
    assert.match(await workbench().editorText('researcher -> writer'), /researcher -> writer/);
  });
});
