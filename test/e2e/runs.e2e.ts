// Runs in the extension host, driven as a user: simulate the research-team example from the palette,
// answer its approval in the notification, read the run log, and reload the window mid-run to resume it.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot, useWorkbench } from './harness';

interface JournalEvent { type: string; nodeId?: string; ticketId?: string; seq: number }

/** A workspace holding the examples (their tools read `examples/docs/...`) and the slow-chain fixture. */
function runsWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'raro-runs-fixture-'));
  cpSync(join(repoRoot, 'examples'), join(dir, 'examples'), { recursive: true });
  cpSync(join(repoRoot, 'test', 'e2e', 'fixtures', 'runs'), dir, { recursive: true });
  return dir;
}

function journals(workspace: string): string[] {
  const dir = join(workspace, '.raro', 'runs');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f)) : [];
}

function events(journal: string): JournalEvent[] {
  return readFileSync(journal, 'utf8').split('\n').filter((l) => l.trim()).flatMap((l) => {
    try {
      return [JSON.parse(l) as JournalEvent];
    } catch {
      return [];
    }
  });
}

/** The pid of the newest extension host, from code-server's log ("<pid> Launched Extension Host Process"). */
function extensionHostPid(rootDir: string): number {
  const launched = [...readFileSync(join(rootDir, 'code-server.log'), 'utf8').matchAll(/<(\d+)> Launched Extension Host Process/g)];
  const pid = Number(launched.at(-1)?.[1]);
  assert.ok(pid > 0, 'code-server logged the extension host it launched');
  return pid;
}

/** Waits (polling the file system, which the extension writes) until `check` holds. */
async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function acceptInputs(page: Page): Promise<void> {
  // The graph's one parameter is offered with its default: Enter keeps it.
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

async function clickNotificationButton(page: Page, text: string, button: string, timeoutMs = 60_000): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  await toast.locator('.monaco-button', { hasText: button }).first().click();
}

/** Types `filter` into the Output view's filter box and returns the rendered lines once `expected` shows. */
async function filteredOutput(page: Page, filter: string, expected: string): Promise<string> {
  const box = page.locator('.part.panel .viewpane-filter input, .part.panel input[placeholder="Filter"]').first();
  await box.fill(filter);
  const lines = page.locator('.part.panel .output-view .monaco-editor .view-lines');
  await page.waitForFunction(([selector, text]) => (document.querySelector(selector)?.textContent ?? '').replace(/\u00a0/g, ' ').includes(text), ['.part.panel .output-view .monaco-editor .view-lines', expected] as const);
  // Long lines wrap in the view: join a wrapped line's pieces back into one.
  return (await lines.innerText()).replace(/\u00a0/g, ' ').replace(/\s*\n(?!\d{4}-\d\d-\d\d )/g, ' ');
}

describe('runs: graphs run inside VS Code', function () {
  const fixture = runsWorkspace();
  const workbench = useWorkbench({ fixture, settings: { 'window.confirmBeforeClose': 'never' } });
  let researchRunId = '';

  it('simulates the research team from the palette; the approval is answered in a notification and the run completes', async function () {
    const page = workbench().page;
    await workbench().openFile('examples/research-team.raro');
    await workbench().runCommand('RARO: Simulate Graph with Puppet Script…');
    await acceptInputs(page);
    await clickNotificationButton(page, 'Publish the report?', 'Approve');
    await workbench().waitForNotification('run completed', 60_000);
    await workbench().screenshot('runs-1-completed');
    const status = await page.locator('.statusbar-item', { hasText: 'RARO main' }).first().innerText();
    assert.match(status, /completed/);
    const ws = workbench().workspaceDir;
    const journal = await waitFor('a journal with run.completed', () => journals(ws).find((j) => events(j).some((e) => e.type === 'run.completed')));
    const types = events(journal).map((e) => e.type);
    assert.ok(types.includes('graph.spliced'), 'the researcher delegated sub-researchers');
    assert.equal(events(journal).filter((e) => e.type === 'ticket.answered').length, 1, 'the approval was answered (the policy allows the report write)');
    researchRunId = journal.replace(/^.*\//, '').replace(/\.jsonl$/, '');
    // The Runs view lists it with its figures.
    await workbench().runCommand('RARO: Open Run History');
    const row = page.locator('.part.sidebar .monaco-list-row', { hasText: 'main' }).filter({ hasText: 'tok' }).first();
    await row.waitFor();
    assert.match(await row.innerText(), /3\.2k tok · \$0/, "tokens and cost (a puppet run is free)");
    await workbench().screenshot('runs-1-runs-view');
  });

  it('shows the run log in the Output panel with the spliced nodes and the approval', async function () {
    await workbench().runCommand('RARO: Show Run Log');
    await workbench().outputChannelText(`RARO run: main ${researchRunId.slice(-6)}`, 'run completed');
    // The log is longer than the panel: filter it as a user would, with the Output view's filter box.
    const spliced = await filteredOutput(workbench().page, 'graph.spliced', 'researcher/invention');
    assert.match(spliced, /researcher spliced 2 node\(s\) in \(delegation\): researcher\/invention, researcher\/impact/);
    await workbench().screenshot('runs-2-log-spliced');
    const answered = await filteredOutput(workbench().page, 'ticket.answered', 'answered approve');
    assert.match(answered, /answered approve by human/);
    await workbench().screenshot('runs-2-log-approval');
  });

  it('resumes a run whose extension host died, after a window reload; no completed node runs twice', async function () {
    const page = workbench().page;
    const ws = workbench().workspaceDir;
    const before = new Set(journals(ws));
    await workbench().openFile('slow-chain.raro');
    await workbench().runCommand('RARO: Simulate Graph with Puppet Script…');
    await acceptInputs(page);
    const journal = await waitFor('the slow run to start its second node', () => journals(ws).find((j) => !before.has(j) && events(j).some((e) => e.type === 'node.started' && e.nodeId === 'second')));
    // The extension host dies mid-run (as in a crash), then the user reloads the window. In this headless
    // workbench a reload alone is held until the extension host goes idle, which would let the run finish.
    const host = extensionHostPid(workbench().rootDir);
    process.kill(host, 'SIGKILL');
    await workbench().runCommand('Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor();
    await workbench().screenshot('runs-3-reloaded');
    await clickNotificationButton(page, 'was interrupted', 'Resume', 90_000);
    await waitFor('the resumed run to complete', () => events(journal).some((e) => e.type === 'run.completed'), 60_000);
    await workbench().screenshot('runs-4-resumed');
    const all = events(journal);
    for (const node of ['first', 'second', 'third', 'fourth']) {
      assert.equal(all.filter((e) => e.type === 'node.completed' && e.nodeId === node).length, 1, `${node} completed once`);
    }
    assert.equal(all.filter((e) => e.type === 'node.started' && e.nodeId === 'first').length, 1, 'first (completed before the reload) did not run again');
  });
});
