/**
 * The graph panel's page. No `vscode` import, so the Chromium tests load exactly this page.
 *
 * CSP: nothing by default; scripts only from the extension's dist/ with this page's nonce; styles from dist/
 * (vscode-elements adopt constructable stylesheets, which CSP does not block); the layout worker
 * script is fetched from dist/ (connect-src) and started from a Blob URL (worker-src blob:), because
 * webviews cannot start a worker from a vscode-resource URL in every VS Code version.
 */
import { randomBytes } from 'node:crypto';

export interface PanelAssets {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  cspSource: string;
  /** URIs (as strings) of dist/webview/graph.js, graph.css and layout-worker.js for this webview. */
  script: string;
  style: string;
  worker: string;
  title: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `connect-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
}

export function panelHtml(assets: PanelAssets, nonce: string = newNonce()): string {
  const esc = escapeAttr;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(assets.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${esc(assets.style)}">
<title>${esc(assets.title)}</title>
</head>
<body data-worker="${esc(assets.worker)}">
<div id="app">
  <div id="toolbar" role="toolbar" aria-label="Run controls"></div>
  <div id="tickets" aria-label="Open tickets"></div>
  <div id="main">
    <div id="graph" tabindex="0" aria-label="Run graph: arrow keys move between nodes, Enter opens the inspector, slash finds a node"></div>
    <aside id="inspector" aria-label="Node inspector" hidden></aside>
  </div>
  <div id="bottom" aria-label="Timeline and cost" hidden></div>
</div>
<script nonce="${esc(nonce)}" src="${esc(assets.script)}"></script>
</body>
</html>`;
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
