// Models in VS Code, driven as a user: estimate a Gemini-bound blueprint, set the Gemini key with the
// palette command (masked, never shown or written anywhere), run the blueprint against a fake Gemini
// server on 127.0.0.1, and read the cost (from the raro.prices setting) in the status bar and Runs view.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FakeHttpServer } from '../integration/providers/fakeHttpServer';
import { geminiText } from '../integration/providers/fakeGemini';
import { repoRoot, useWorkbench } from './harness';

const KEY = 'AIzaFAKE-e2e-key-7c1f0b93d2';

/** Every file under `dir` (journals, logs), for the key scan. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() && statSync(full).size < 20_000_000 ? [full] : [];
  });
}

/** Picks a graph in the open "which graph?" quick pick. */
async function pickGraph(page: Page, graph: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(graph);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: graph }).first().waitFor();
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

describe('models: a Gemini key set in VS Code, a run billed from the price table', function () {
  let gemini: FakeHttpServer | undefined;
  // Filled in before the workbench launches (the fake server's port is known only once it listens).
  const settings: Record<string, unknown> = { 'window.confirmBeforeClose': 'never', 'raro.run.openGraph': false };
  before(async function () {
    gemini = await FakeHttpServer.start();
    settings['raro.gemini.baseUrl'] = gemini.origin;
    // $1 / $10 per million tokens instead of the list price: the figure proves the setting reached the kernel.
    settings['raro.prices'] = { 'gemini-2.5-flash': { inputPerMTok: 1, outputPerMTok: 10 } };
  });
  after(async function () {
    await gemini?.close();
  });
  const workbench = useWorkbench({ fixture: join(repoRoot, 'test', 'e2e', 'fixtures', 'models'), settings });

  it('estimates the blueprint: per-node bounds and a total cost range, in a read-only document beside it', async function () {
    const page = workbench().page;
    await workbench().openFile('gemini-note.raro');
    await workbench().runCommand('RARO: Estimate Cost and Tokens');
    await pickGraph(page, 'main');
    const editor = page.locator('.part.editor .editor-group-container', { has: page.locator('.tab', { hasText: 'estimate.txt' }) }).locator('.monaco-editor').first();
    await editor.locator('.view-lines', { hasText: 'total' }).waitFor();
    const text = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    await workbench().screenshot('models-1-estimate');
    assert.match(text, /writer\s+gemini "gemini-2\.5-flash"/, 'a row for the node and its binding');
    assert.match(text, /total\s+1\s+\S+\s+\S+\s+\$0\.\d+–\$0\.\d+/, 'the total is a cost range priced from raro.prices');
    // The Estimate lens shows the graph's bounds (resolved lazily, per document version).
    const lens = page.locator('.codelens-decoration a', { hasText: 'Estimate:' }).first();
    await lens.waitFor();
    assert.match(await lens.innerText(), /^Estimate: \d+–\d+ tokens, \$0\.0002–\$0\.02$/);
  });

  it('a run without a key does not start: the message names the binding and the fix, whose button asks for the key', async function () {
    const page = workbench().page;
    await workbench().openFile('gemini-note.raro');
    await workbench().runCommand('RARO: Run Graph');
    await pickGraph(page, 'main');
    const toast = await workbench().waitForNotification('gemini-note.raro cannot run');
    assert.match(await toast.innerText(), /model 'flash' \(gemini "gemini-2\.5-flash"\), used by agent writer: no Gemini API key is set in VS Code; run "RARO: Set Gemini API Key"/);
    await workbench().screenshot('models-2-no-key');
    assert.equal(gemini?.requests.length, 0, 'no request went out');
    await toast.locator('.monaco-button', { hasText: 'Set Gemini API Key' }).first().click();
  });

  it('stores the Gemini key from a masked input box; the key is never shown', async function () {
    const page = workbench().page;
    // The box the notification's button opened.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('type'), 'password', 'the input box masks the key');
    await input.pressSequentially(KEY);
    await workbench().screenshot('models-2-key-masked');
    await page.keyboard.press('Enter');
    await workbench().waitForNotification("Gemini API key stored in VS Code's secret storage");
    assert.ok(!(await page.locator('body').innerText()).includes(KEY), 'the key is not on screen');
  });

  it('runs the Gemini-bound graph against the fake server; status bar and Runs view show the cost', async function () {
    const page = workbench().page;
    assert.ok(gemini);
    gemini.reply(geminiText(['Rivers carve ', 'patient valleys.'], { prompt: 40_000, candidates: 10_000 }));
    await workbench().openFile('gemini-note.raro');
    await workbench().runCommand('RARO: Run Graph');
    // The graph pick of a run shows what each graph may cost.
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'main' }).first();
    await row.waitFor();
    assert.match(await row.innerText(), /estimate: \d+–\d+ tokens, \$0\.0002–\$0\.02/);
    await workbench().screenshot('models-3-graph-pick');
    await pickGraph(page, 'main');
    await workbench().waitForNotification('run completed', 60_000);
    const request = gemini.requests[0];
    assert.ok(request, 'the fake Gemini server was called');
    assert.match(request.url, /gemini-2\.5-flash:streamGenerateContent/);
    assert.equal(request.headers['x-goog-api-key'], KEY, 'the stored key reached the provider');
    // 40k input at $1/M + 10k output at $10/M = $0.14 (the list price would give $0.04).
    const status = page.locator('.statusbar-item', { hasText: 'RARO main' }).first();
    await status.filter({ hasText: '$0.14' }).waitFor();
    assert.match(await status.innerText(), /completed · 1\/1 · 50\.0k tok · \$0\.14/);
    await workbench().screenshot('models-3-status-bar');
    await workbench().runCommand('RARO: Open Run History');
    const runRow = page.locator('.part.sidebar .monaco-list-row', { hasText: 'main' }).filter({ hasText: 'tok' }).first();
    await runRow.waitFor();
    assert.match(await runRow.innerText(), /50k tok · \$0\.14/);
    await workbench().screenshot('models-3-runs-view');
  });

  it('never shows or writes the key: screen, RARO output channel, browser console, journals and logs on disk', async function () {
    const page = workbench().page;
    const raroLog = await workbench().outputChannelText('RARO', 'run ');
    assert.ok(!raroLog.includes(KEY), 'not in the RARO output channel');
    assert.ok(!(await page.locator('body').innerText()).includes(KEY), 'not on screen');
    assert.ok(!workbench().browserConsole.some((line) => line.includes(KEY)), 'not in the browser console');
    const files = [
      ...filesUnder(join(workbench().workspaceDir, '.raro')),
      ...filesUnder(join(workbench().rootDir, 'user-data', 'logs')),
      join(workbench().rootDir, 'code-server.log'),
    ];
    assert.ok(files.some((f) => f.endsWith('.jsonl')), 'the run wrote its journal');
    for (const file of files) assert.ok(!readFileSync(file, 'utf8').includes(KEY), `not in ${file}`);
  });
});

describe('models: a bad raro.prices entry', function () {
  const workbench = useWorkbench({
    fixture: join(repoRoot, 'test', 'e2e', 'fixtures', 'models'),
    settings: { 'window.confirmBeforeClose': 'never', 'raro.prices': { 'gemini-2.5-flash': { inputPerMTok: -1, outputPerMTok: 10 } } },
  });

  it('does not start a run, and the message names the entry and opens the setting', async function () {
    const page = workbench().page;
    await workbench().openFile('gemini-note.raro');
    await workbench().runCommand('RARO: Run Graph');
    await pickGraph(page, 'main');
    const toast = await workbench().waitForNotification('raro.prices setting has 1 problem(s)');
    const text = await toast.innerText();
    assert.match(text, /the run did not start/);
    assert.match(text, /model 'gemini-2\.5-flash': inputPerMTok: /);
    await workbench().screenshot('models-5-bad-prices');
    assert.equal(filesUnder(join(workbench().workspaceDir, '.raro')).filter((f) => f.endsWith('.jsonl')).length, 0, 'no run started');
    await toast.locator('.monaco-button', { hasText: 'Open Settings' }).first().click();
    await page.locator('.settings-editor').first().waitFor();
    await workbench().screenshot('models-5-settings-opened');
  });
});
