// The live graph panel in the real workbench: a simulated research-team run opens its panel, the publish
// approval is answered in the panel, every node (spliced and loop nodes included) ends completed, the panel
// comes back after a window reload, and CodeLens "Show graph" opens a static preview that follows edits.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { repoRoot, useWorkbench } from './harness';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'raro-panel-fixture-'));
  cpSync(join(repoRoot, 'examples'), join(dir, 'examples'), { recursive: true });
  cpSync(join(repoRoot, 'test', 'e2e', 'fixtures', 'runs'), dir, { recursive: true });
  return dir;
}

function completedJournal(ws: string): boolean {
  const dir = join(ws, '.raro', 'runs');
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.jsonl') && readFileSync(join(dir, f), 'utf8').includes('"run.completed"'));
}

/** The webview frame whose document holds `selector` (webviews live in nested iframes). */
async function frameWith(page: Page, selector: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview frame shows ${selector}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function nodeLabel(frame: Frame, id: string): Promise<string> {
  return (await frame.locator(`g.node[data-id=${JSON.stringify(id)}]`).first().getAttribute('aria-label')) ?? '';
}

async function untilLabel(frame: Frame, id: string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const label = await nodeLabel(frame, id).catch(() => '');
    if (pattern.test(label)) return label;
    if (Date.now() > deadline) throw new Error(`node ${id} never matched ${pattern} (last: ${label})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('graph panel: the glass box in a real workbench', function () {
  const workbench = useWorkbench({ fixture: workspace() });

  it('a simulated run opens its panel; the approval is answered in the panel; every node ends completed', async function () {
    const page = workbench().page;
    await workbench().openFile('examples/research-team.raro');
    await workbench().runCommand('RARO: Simulate Graph with Puppet Script…');
    await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    const panel = await frameWith(page, '#tickets [data-choice="approve"]');
    await workbench().screenshot('panel-1-waiting');
    await panel.locator('#tickets [data-choice="approve"]').first().click();
    // The publisher's write to artifacts:/ is allowed by the blueprint's policy: no further ticket.
    const deadline = Date.now() + 60_000;
    while (!completedJournal(workbench().workspaceDir)) {
      assert.ok(Date.now() < deadline, 'the run completed');
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const id of ['researcher', 'researcher/invention', 'researcher/impact', 'review#2.critic', 'writer', 'publish', 'publisher']) {
      await untilLabel(panel, id, /completed/);
    }
    assert.match(await nodeLabel(panel, 'notetaker'), /skipped/);
    await workbench().screenshot('panel-2-completed');
  });

  it('comes back after a window reload with the same state', async function () {
    const page = workbench().page;
    // The run has ended, so the extension host is idle and the palette's reload goes through at once.
    await workbench().runCommand('Developer: Reload Window');
    await page.waitForLoadState('domcontentloaded');
    await page.locator('.monaco-workbench').waitFor();
    const panel = await frameWith(page, 'g.node[data-id="publisher"]', 90_000);
    await untilLabel(panel, 'publisher', /completed/);
    await untilLabel(panel, 'researcher/impact', /completed/);
    await workbench().screenshot('panel-3-after-reload');
  });

  it('follows the workbench theme: light, dark and high contrast', async function () {
    const page = workbench().page;
    const seen = new Map<string, string>();
    const places = new Set<string>();
    for (const [theme, bodyClass] of [['Light Modern', 'vscode-light'], ['High Contrast', 'vscode-high-contrast'], ['Dark Modern', 'vscode-dark']] as const) {
      await workbench().runCommand('Preferences: Color Theme');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible' });
      await input.fill(theme);
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: theme }).first().waitFor();
      await page.keyboard.press('Enter');
      const panel = await frameWith(page, `body.${bodyClass} g.node[data-id="publisher"]`);
      await untilLabel(panel, 'publisher', /completed/);
      const colours = await panel.evaluate(() => {
        const node = document.querySelector('g.node[data-id="publisher"] rect.box');
        return `${getComputedStyle(document.body).backgroundColor} ${node ? getComputedStyle(node).stroke : ''}`;
      });
      seen.set(theme, colours);
      // A theme change repaints; it must not lay the graph out again (nodes keep their places).
      places.add(await panel.locator('g.node[data-id="publisher"]').first().getAttribute('transform') ?? '');
      await workbench().screenshot(`panel-theme-${bodyClass}`);
    }
    assert.equal(new Set(seen.values()).size, 3, `each theme paints the panel its own way: ${JSON.stringify([...seen])}`);
    assert.equal(places.size, 1, `the nodes stay where they were: ${[...places].join(' / ')}`);
  });

  it('CodeLens "Show graph" opens the static preview, and an edit to the blueprint updates it', async function () {
    const page = workbench().page;
    await workbench().openFile('slow-chain.raro');
    await page.locator('.codelens-decoration a', { hasText: 'Show graph' }).first().click();
    const preview = await frameWith(page, 'g.node[data-id="fourth"]');
    assert.equal(await preview.locator('g.node[data-id="fifth"]').count(), 0);
    // Add an agent and chain it after the fourth, as a user types it.
    await page.locator('.editor-instance .view-line', { hasText: 'first -> second -> third -> fourth' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' -> fifth');
    await page.locator('.editor-instance .view-line', { hasText: 'agent fourth' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('agent fifth { prompt "Step five" }');
    await preview.locator('g.node[data-id="fifth"]').first().waitFor({ timeout: 30_000 });
    await workbench().screenshot('panel-4-preview-updated');
  });
});
