/**
 * Loads the built graph panel in headless Chromium, in the page the extension serves (html.ts, same CSP),
 * from a loopback HTTP server, with `acquireVsCodeApi` stubbed: messages the panel posts are collected in
 * `window.__posted`, and the test posts host messages with `window.postMessage` as VS Code does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { panelHtml } from '../../../extension/src/webview/html';
import type { HostToPanel, PanelToHost } from '../../../protocol/src/messages';
import { parsePanelToHost } from '../../../protocol/src/messages';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist', 'webview');
export const CHROMIUM = process.env.RARO_CHROMIUM ?? '/usr/bin/chromium';

export type Theme = 'light' | 'dark' | 'high-contrast';

const THEMES: Record<Theme, Record<string, string>> = {
  dark: {
    'editor-background': '#1e1e1e', foreground: '#cccccc', 'editorWidget-background': '#252526', focusBorder: '#007fd4', 'panel-border': '#80808059',
    'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-red': '#f14c4c', 'charts-yellow': '#cca700', 'charts-orange': '#d18616', 'charts-purple': '#b180d7',
    disabledForeground: '#cccccc80', 'button-background': '#0e639c', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#3a3d41', 'button-secondaryForeground': '#cccccc',
    'input-background': '#3c3c3c', 'input-foreground': '#cccccc', 'sideBar-background': '#252526', 'sideBarSectionHeader-background': '#00000000', 'sideBarTitle-foreground': '#bbbbbb', 'icon-foreground': '#c5c5c5', 'descriptionForeground': '#ccccccb3', 'editorLineNumber-foreground': '#858585',
  },
  light: {
    'editor-background': '#ffffff', foreground: '#3b3b3b', 'editorWidget-background': '#f3f3f3', focusBorder: '#0090f1', 'panel-border': '#80808059',
    'charts-blue': '#1a85ff', 'charts-green': '#388a34', 'charts-red': '#e51400', 'charts-yellow': '#bf8803', 'charts-orange': '#d18616', 'charts-purple': '#652d90',
    disabledForeground: '#61616180', 'button-background': '#007acc', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b',
    'input-background': '#ffffff', 'input-foreground': '#3b3b3b', 'sideBar-background': '#f3f3f3', 'sideBarSectionHeader-background': '#00000000', 'sideBarTitle-foreground': '#6f6f6f', 'icon-foreground': '#424242', 'descriptionForeground': '#717171', 'editorLineNumber-foreground': '#6e7681',
  },
  'high-contrast': {
    'editor-background': '#000000', foreground: '#ffffff', 'editorWidget-background': '#0c141f', focusBorder: '#f38518', 'panel-border': '#6fc3df', contrastBorder: '#6fc3df',
    'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-red': '#f48771', 'charts-yellow': '#ffd370', 'charts-orange': '#f38518', 'charts-purple': '#b180d7',
    disabledForeground: '#a5a5a5', 'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df', 'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff',
    'input-background': '#000000', 'input-foreground': '#ffffff', 'sideBar-background': '#000000', 'sideBarSectionHeader-background': '#000000', 'sideBarTitle-foreground': '#ffffff', 'icon-foreground': '#ffffff', 'descriptionForeground': '#ffffff', 'editorLineNumber-foreground': '#ffffff',
  },
};

function themeCss(theme: Theme): string {
  const vars = Object.entries(THEMES[theme]).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ');
  return `html { ${vars} --vscode-font-family: sans-serif; --vscode-font-size: 13px; }`;
}

/** Builds dist/webview/ once per process (the panel and its worker). */
let built = false;
export function buildPanel(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['esbuild.config.mjs', '--only=webview'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`panel build failed: ${r.stderr}`);
  built = true;
}

export class PanelHarness {
  private constructor(private readonly server: http.Server, readonly origin: string, readonly browser: Browser) {}

  static async start(): Promise<PanelHarness> {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set RARO_CHROMIUM)`);
    buildPanel();
    const server = http.createServer((req, res) => serve(req, res, origin));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    return new PanelHarness(server, origin, browser);
  }

  /** A fresh page with the panel loaded; resolves once the panel said `ready`. */
  async open(theme: Theme = 'dark', size = { width: 1200, height: 800 }, persisted?: unknown): Promise<PanelPage> {
    const page = await this.browser.newPage({ viewport: size });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
    // Chromium asks for /favicon.ico by itself; any other failed load is the panel's.
    page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`HTTP ${r.status()} ${r.url()}`); });
    // A string, not a function: tsx compiles functions with a `__name` helper the page does not have.
    await page.addInitScript(`
      window.__name = (f) => f;
      window.__posted = [];
      window.__state = ${JSON.stringify(persisted ?? null)};
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__posted.push(m),
        getState: () => window.__state,
        setState: (s) => { window.__state = s; },
      });`);
    await page.goto(`${this.origin}/panel.html?theme=${theme}`);
    const panel = new PanelPage(page, errors);
    await panel.waitForPosted((m) => m.type === 'ready');
    return panel;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function serve(req: http.IncomingMessage, res: http.ServerResponse, origin: string): void {
  const url = new URL(req.url ?? '/', origin);
  if (url.pathname === '/panel.html') {
    const theme = (url.searchParams.get('theme') ?? 'dark') as Theme;
    const html = panelHtml({ cspSource: origin, script: `${origin}/dist/graph.js`, style: `${origin}/dist/graph.css`, worker: `${origin}/dist/layout-worker.js`, title: 'test' })
      .replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${origin}/theme/${theme}.css">\n<link rel="stylesheet"`)
      .replace('<body ', `<body class="vscode-${theme === 'high-contrast' ? 'high-contrast' : theme}" `);
    return send(res, 'text/html', html);
  }
  const theme = /^\/theme\/(light|dark|high-contrast)\.css$/.exec(url.pathname);
  if (theme) return send(res, 'text/css', themeCss(theme[1] as Theme));
  const file = /^\/dist\/([\w.-]+)$/.exec(url.pathname);
  if (file && existsSync(path.join(DIST, file[1]))) {
    return send(res, file[1].endsWith('.css') ? 'text/css' : 'text/javascript', readFileSync(path.join(DIST, file[1])));
  }
  res.writeHead(404).end();
}

function send(res: http.ServerResponse, type: string, body: string | Buffer): void {
  res.writeHead(200, { 'content-type': type }).end(body);
}

export class PanelPage {
  constructor(readonly page: Page, readonly errors: string[]) {}

  async send(message: HostToPanel): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message as unknown);
  }

  /** Messages the panel posted, each validated as the host would. */
  async posted(): Promise<PanelToHost[]> {
    const raw = await this.page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    return raw.map((m) => parsePanelToHost(m));
  }

  async waitForPosted(pred: (m: PanelToHost) => boolean): Promise<PanelToHost> {
    for (;;) {
      // One read per round: reading the list again for the count could swallow a message posted in between.
      const seen = await this.posted();
      const hit = seen.find(pred);
      if (hit) return hit;
      await this.page.waitForFunction((n) => (window as unknown as { __posted: unknown[] }).__posted.length > n, seen.length);
    }
  }

  async statusOf(id: string): Promise<string | undefined> {
    return this.page.evaluate((nid) => {
      const el = Array.from(document.querySelectorAll('g.node')).find((g) => g.getAttribute('data-id') === nid);
      return el ? Array.from(el.classList).find((c) => c.startsWith('s-'))?.slice(2) : undefined;
    }, id);
  }

  async waitForStatus(id: string, status: string): Promise<void> {
    await this.page.waitForFunction(([nid, s]) => Array.from(document.querySelectorAll('g.node')).some((g) => g.getAttribute('data-id') === nid && g.classList.contains(`s-${s}`)), [id, status]);
  }

  async debug(): Promise<{ seq: number; positions: Record<string, { x: number; y: number }>; layoutMs: number; drawn: number }> {
    return this.page.evaluate(() => (window as unknown as { raroPanel: { debug(): { seq: number; positions: Record<string, { x: number; y: number }>; layoutMs: number; drawn: number } } }).raroPanel.debug());
  }

  /** Where each drawn node is on screen now (its transform attribute), by id. */
  async drawnAt(): Promise<Record<string, { x: number; y: number }>> {
    return this.page.evaluate((): Record<string, { x: number; y: number }> => Object.fromEntries(Array.from(document.querySelectorAll('g.node')).map((g) => {
      const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '');
      return [g.getAttribute('data-id') ?? '', { x: Number(m?.[1]), y: Number(m?.[2]) }];
    })));
  }

  /** Waits until every drawn node sits at its layout position (transitions finished). */
  async waitForSettled(): Promise<void> {
    await this.page.waitForFunction(() => {
      const w = window as unknown as { raroPanel: { debug(): { positions: Record<string, { x: number; y: number }> } } };
      const pos = w.raroPanel.debug().positions;
      return Array.from(document.querySelectorAll('g.node')).every((g) => {
        const p = pos[g.getAttribute('data-id') ?? ''];
        const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '');
        return p !== undefined && m !== null && Math.abs(Number(m[1]) - p.x) < 0.5 && Math.abs(Number(m[2]) - p.y) < 0.5;
      });
    });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
