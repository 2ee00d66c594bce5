import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { saveFailureArtifacts, artifactDirFor } from './artifacts';
import { CodeServerProcess, installExtension, type CodeServerDirs } from './codeServer';
import { HarnessError } from './errors';
import { renderedEditorText } from './monacoText';
import { openWorkspaceFile, paletteEntries, runPaletteCommand } from './palette';
import { chromiumPath, codeServerPackagePath, packagedVsixPath, repoRoot } from './paths';

/** Default time any single workbench wait may take (the workbench itself is ready in ~5 s here). */
export const DEFAULT_TIMEOUT_MS = 30_000;

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A quiet, deterministic workbench: no welcome page, no tips, no trust prompt. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

export interface WorkbenchOptions {
  /** Fixture folder copied into a fresh temp workspace; default test/e2e/fixtures/workspace. */
  readonly fixture?: string;
  /** Install the packaged .vsix (default true; RARO_E2E_NO_INSTALL=1 turns it off to prove journeys fail without it). */
  readonly installExtension?: boolean;
  /** Extra user settings merged over the harness defaults. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /**
   * Runs an extension-tests bundle inside the real extension host through the workbench `payload` URL
   * parameter; the extension is then loaded from `developmentPath` (nothing is installed).
   */
  readonly extensionTests?: { readonly developmentPath: string; readonly testsEntry: string };
}

/** One real VS Code workbench (code-server + headless Chromium) on a private copy of a fixture workspace. */
export class Workbench {
  readonly browserConsole: string[] = [];
  private server: CodeServerProcess | undefined;
  private browser: Browser | undefined;
  private currentPage: Page | undefined;
  private readonly extensionTestsExit: Promise<number>;
  private reportExtensionTestsExit: (code: number) => void = () => undefined;

  private constructor(
    readonly rootDir: string,
    readonly workspaceDir: string,
    private readonly dirs: CodeServerDirs,
    private readonly options: WorkbenchOptions,
  ) {
    this.extensionTestsExit = new Promise((resolveExit) => (this.reportExtensionTestsExit = resolveExit));
  }

  /** Copies the fixture, installs the .vsix, starts code-server and Chromium, waits for `.monaco-workbench`. */
  static async launch(options: WorkbenchOptions = {}): Promise<Workbench> {
    // Prerequisites first, so a missing one leaves no temp folder behind.
    const packagePath = codeServerPackagePath();
    const install = options.installExtension ?? (process.env.RARO_E2E_NO_INSTALL !== '1' && !options.extensionTests);
    const vsix = install ? packagedVsixPath() : undefined;
    const rootDir = mkdtempSync(join(tmpdir(), 'raro-e2e-'));
    const workspaceDir = join(rootDir, 'workspace');
    cpSync(options.fixture ?? join(repoRoot, 'test', 'e2e', 'fixtures', 'workspace'), workspaceDir, { recursive: true });
    const dirs: CodeServerDirs = {
      packagePath,
      extensionsDir: join(rootDir, 'extensions'),
      userDataDir: join(rootDir, 'user-data'),
      configFile: join(rootDir, 'code-server.yaml'),
    };
    mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
    mkdirSync(dirs.extensionsDir, { recursive: true });
    writeFileSync(join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...options.settings }, null, 2));
    writeFileSync(dirs.configFile, 'auth: none\n');
    const workbench = new Workbench(rootDir, workspaceDir, dirs, options);
    try {
      if (vsix) await installExtension(dirs, vsix);
      await workbench.start();
    } catch (error) {
      await workbench.saveFailure('launch failed');
      await workbench.dispose();
      throw error;
    }
    return workbench;
  }

  private async start(): Promise<void> {
    this.server = await CodeServerProcess.start(this.dirs, this.workspaceDir, join(this.rootDir, 'code-server.log'));
    this.browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    const page = await this.browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
    page.on('console', (message) => this.browserConsole.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => this.browserConsole.push(`[pageerror] ${error.message}`));
    this.currentPage = page;
    let query = `folder=${encodeURIComponent(this.workspaceDir)}`;
    const tests = this.options.extensionTests;
    if (tests) {
      // The web workbench calls window.codeAutomationExit(code) when the extension tests end.
      await page.exposeFunction('codeAutomationExit', (code: number) => this.reportExtensionTestsExit(code));
      const remote = (path: string): string => `vscode-remote://${new URL(this.server?.url ?? '').host}${path}`;
      const payload = [['extensionDevelopmentPath', remote(tests.developmentPath)], ['extensionTestsPath', remote(tests.testsEntry)]];
      query += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    }
    await page.goto(`${this.server.url}/?${query}`);
    await page.locator('.monaco-workbench').waitFor();
  }

  /** The Playwright page, for anything the helpers below do not cover yet. */
  get page(): Page {
    if (!this.currentPage) throw new HarnessError('E2E_NOT_RUNNING', 'the workbench page is not open');
    return this.currentPage;
  }

  /** Runs a command from the palette by its full title, e.g. "RARO: Show Run Log". */
  runCommand(title: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return runPaletteCommand(this.page, title, timeoutMs);
  }

  /** Palette entries starting with `prefix`, e.g. "RARO: "; [] if none show up within the timeout. */
  paletteEntries(prefix: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string[]> {
    return paletteEntries(this.page, prefix, timeoutMs);
  }

  /** Opens `relativePath` (relative to the workspace) in an editor and waits for its tab. */
  openFile(relativePath: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return openWorkspaceFile(this.page, relativePath, timeoutMs);
  }

  /** Waits for a notification toast containing `text` and returns it (its buttons: `.monaco-button`). */
  async waitForNotification(text: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Locator> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout: timeoutMs });
    return toast;
  }

  /** Waits until the status bar's language mode item reads `languageName`; returns what it read. */
  async waitForLanguageMode(languageName: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    const item = this.page.locator('#status\\.editor\\.mode');
    await this.page
      .waitForFunction((expected) => document.querySelector('#status\\.editor\\.mode')?.textContent?.trim() === expected, languageName, { timeout: timeoutMs })
      .catch(() => undefined);
    return (await item.textContent({ timeout: timeoutMs }))?.trim() ?? '';
  }

  /**
   * Shows the output channel `channel` in the panel (through the channel picker of the Output view) and
   * waits until its rendered text contains `expected`; returns the rendered text either way.
   */
  async outputChannelText(channel: string, expected = '', timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    await this.runCommand('Output: Show Output Channels...', timeoutMs);
    // The channel list is virtualised and grows with every extension: filter it to the channel first.
    await this.page.locator('.quick-input-widget .quick-input-box input').fill(channel);
    await this.page.locator(`.quick-input-list .monaco-list-row[aria-label=${JSON.stringify(channel)}]`).first().click({ timeout: timeoutMs });
    const editor = this.page.locator('.part.panel .output-view .monaco-editor').first();
    await editor.waitFor({ timeout: timeoutMs });
    await this.waitForText(editor, expected, timeoutMs);
    return renderedEditorText(editor);
  }

  /** Rendered text of the active editor, after waiting until it contains `expected`. */
  async editorText(expected = '', timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    const editor = this.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
    await editor.waitFor({ timeout: timeoutMs });
    await this.waitForText(editor, expected, timeoutMs);
    return renderedEditorText(editor);
  }

  private async waitForText(editor: Locator, expected: string, timeoutMs: number): Promise<void> {
    if (expected === '') return;
    await editor
      .locator('.view-lines')
      .first()
      .evaluate(
        (viewLines, [text, timeout]) =>
          // No named helpers in here: tsx would wrap them in a `__name` call that does not exist in the page.
          new Promise<void>((resolveSeen) => {
            if ((viewLines.textContent ?? '').replace(/\u00a0/g, ' ').includes(text)) return resolveSeen();
            const observer = new MutationObserver(() => {
              if (!(viewLines.textContent ?? '').replace(/\u00a0/g, ' ').includes(text)) return;
              observer.disconnect();
              resolveSeen();
            });
            observer.observe(viewLines, { childList: true, subtree: true, characterData: true });
            // Resolve (not reject) at the deadline: the caller's assertion then shows the text it got.
            setTimeout(() => {
              observer.disconnect();
              resolveSeen();
            }, timeout);
          }),
        [expected, timeoutMs] as const,
      );
  }

  /** Exit code of the in-host extension tests (0 = passed); only meaningful with `extensionTests`. */
  async waitForExtensionTestsExit(timeoutMs = DEFAULT_TIMEOUT_MS * 4): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, rejectLate) => {
      timer = setTimeout(() => rejectLate(new HarnessError('E2E_WORKBENCH_TIMEOUT', `extension tests did not finish in ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.extensionTestsExit, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Saves a screenshot under test-output/e2e/<folder>/<name>.png and returns its path. */
  async screenshot(name: string, folder = 'screenshots'): Promise<string> {
    const path = join(artifactDirFor(folder), `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Screenshot, code-server log, workbench logs and browser console into test-output/e2e/<test title>/. */
  saveFailure(testTitle: string): Promise<string> {
    return saveFailureArtifacts(testTitle, {
      page: this.currentPage,
      serverLogFile: this.server?.logFile,
      userDataDir: this.dirs.userDataDir,
      browserConsole: this.browserConsole,
    });
  }

  /** Closes the browser, stops the server's process group and removes the temp folder. Safe to call twice. */
  async dispose(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    this.currentPage = undefined;
    await browser?.close().catch(() => undefined);
    await this.server?.stop();
    if (process.env.RARO_E2E_KEEP !== '1') rmSync(this.rootDir, { recursive: true, force: true });
  }
}
