import type { Locator, Page } from 'playwright-core';
import { HarnessError } from './errors';

const INPUT = '.quick-input-widget .quick-input-box input';
const ROW = '.quick-input-list .monaco-list-row';
/** How long one opening of the palette waits for a matching entry before it is reopened. */
const ATTEMPT_MS = 2_000;

/**
 * Opens the command palette (F1), or quick open (Ctrl+P) for a query without '>', and fills it with `query`.
 * The workbench binds its keys on the window, so no click is needed (a click could change the active
 * editor); the key is pressed again if the workbench was not ready to handle it yet.
 */
async function openQuickInput(page: Page, query: string, deadline: number): Promise<Locator> {
  const input = page.locator(INPUT);
  for (;;) {
    await page.keyboard.press(query.startsWith('>') ? 'F1' : 'Control+P');
    const opened = await input.waitFor({ state: 'visible', timeout: ATTEMPT_MS }).then(() => true, () => false);
    if (opened) break;
    if (Date.now() > deadline) throw new HarnessError('E2E_WORKBENCH_TIMEOUT', 'the quick input did not open');
  }
  await input.fill(query);
  return input;
}

async function closeQuickInput(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator(INPUT).waitFor({ state: 'hidden' });
}

/** Labels (the `.label-name` text) of the rendered rows, with their position in the whole list. */
async function renderedRows(page: Page): Promise<{ label: string; position: number; size: number }[]> {
  return page.locator(ROW).evaluateAll((rows) =>
    rows.map((row) => ({
      label: (row.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' '),
      position: Number(row.getAttribute('aria-posinset')),
      size: Number(row.getAttribute('aria-setsize')),
    })),
  );
}

/**
 * The palette only shows commands that were registered when it opened, and extensions register a few
 * seconds after the workbench appears. So: open, wait a moment for a matching row, and reopen until
 * `deadline` if none came. Returns false when the deadline passed without a match (palette left closed).
 */
async function openUntilMatch(page: Page, query: string, row: string | Locator, deadline: number): Promise<boolean> {
  const match = typeof row === 'string' ? page.locator(row).first() : row;
  while (Date.now() < deadline) {
    await openQuickInput(page, query, deadline);
    const wait = Math.min(ATTEMPT_MS, Math.max(1, deadline - Date.now()));
    const found = await match.waitFor({ state: 'visible', timeout: wait }).then(() => true, () => false);
    if (found) return true;
    await closeQuickInput(page);
  }
  return false;
}

/** Scrolls the (virtualised) list until every row has been rendered once; returns all labels in order. */
async function collectAllRows(page: Page): Promise<string[]> {
  const byPosition = new Map<number, string>();
  for (;;) {
    const rows = await renderedRows(page);
    for (const row of rows) byPosition.set(row.position, row.label);
    const size = rows[0]?.size ?? 0;
    const lastSeen = Math.max(0, ...byPosition.keys());
    if (byPosition.size >= size) break;
    await page.locator('.quick-input-list').hover();
    await page.mouse.wheel(0, 200);
    await page.waitForFunction(
      ([selector, after]) => Array.from(document.querySelectorAll(selector)).some((r) => Number(r.getAttribute('aria-posinset')) > after),
      [ROW, lastSeen] as const,
    );
  }
  return [...byPosition.entries()].sort(([a], [b]) => a - b).map(([, label]) => label);
}

/** Palette entries whose label starts with `prefix` (e.g. "RARO: "); [] if none appear before the timeout. */
export async function paletteEntries(page: Page, prefix: string, timeoutMs: number): Promise<string[]> {
  const found = await openUntilMatch(page, `>${prefix}`, `${ROW}[aria-label^=${JSON.stringify(prefix)}]`, Date.now() + timeoutMs);
  if (!found) return [];
  const labels = await collectAllRows(page);
  await closeQuickInput(page);
  return labels.filter((label) => label.startsWith(prefix));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs the palette command whose full title (e.g. "RARO: Show Run Log") matches exactly. */
export async function runPaletteCommand(page: Page, title: string, timeoutMs: number): Promise<void> {
  // Match the label itself: a row's aria-label also carries the command's keybinding when it has one.
  const row = page.locator(ROW, { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) }).first();
  if (!(await openUntilMatch(page, `>${title}`, row, Date.now() + timeoutMs))) {
    throw new HarnessError('E2E_WORKBENCH_TIMEOUT', `the command palette has no entry "${title}"`);
  }
  await row.click();
  // The palette closes, or (for a command that asks something) turns into that command's own quick pick.
  await page.waitForFunction(
    ([selector, query]) => {
      const input = document.querySelector<HTMLInputElement>(selector);
      return !input || input.offsetParent === null || input.value !== query;
    },
    [INPUT, `>${title}`] as const,
  );
}

/** Opens a workspace file through quick open (Ctrl+P) and waits for its editor tab to be active. */
export async function openWorkspaceFile(page: Page, relativePath: string, timeoutMs: number): Promise<void> {
  const baseName = relativePath.split('/').pop() ?? relativePath;
  const row = `${ROW}[aria-label^=${JSON.stringify(baseName)}]`;
  if (!(await openUntilMatch(page, relativePath, row, Date.now() + timeoutMs))) {
    throw new HarnessError('E2E_WORKBENCH_TIMEOUT', `quick open found no file "${relativePath}"`);
  }
  await page.locator(row).first().click();
  await page.locator(`.tabs-container .tab.active[aria-label^=${JSON.stringify(baseName)}]`).waitFor({ timeout: timeoutMs });
}
