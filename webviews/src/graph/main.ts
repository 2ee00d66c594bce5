/**
 * Entry of the graph panel bundle (dist/webview/graph.js). The host page (extension/src/webview/html.ts)
 * provides the containers and, on <body data-worker>, the URL of the layout worker bundle.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import './graph.css';
import { z } from 'zod';
import { App } from './app';

// The CSP forbids eval: zod is told not to probe `new Function` for compiled validators (the probe is refused
// by the CSP; its interpreted fallback is what runs either way).
z.config({ jitless: true });

function required(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`graph panel: #${id} is missing from the page`);
  return el;
}

const app = new App(
  { graph: required('graph'), inspector: required('inspector'), toolbar: required('toolbar'), tickets: required('tickets'), bottom: required('bottom') },
  document.body.dataset.worker ?? '',
);
(window as unknown as { raroPanel: App }).raroPanel = app;
