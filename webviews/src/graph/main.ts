/**
 * Entry of the graph panel bundle (dist/webview/graph.js). The host page (extension/src/webview/html.ts)
 * provides the containers and, on <body data-worker>, the URL of the layout worker bundle.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import './graph.css';
import { App } from './app';

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
