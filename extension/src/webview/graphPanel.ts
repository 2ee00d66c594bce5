/**
 * The graph panel in VS Code: creates the WebviewPanel with a strict CSP and the bundled assets, connects it
 * to a PanelChannel, and comes back after a window reload through a WebviewPanelSerializer (the panel
 * persists its run id, selection and zoom with setState; the integrator's resolver turns the run id back
 * into a run, e.g. from its journal). State restores on reload, so retainContextWhenHidden is not needed.
 */
import * as vscode from 'vscode';
import type { BlueprintIR, SourceRange } from '../../../language/src/ir';
import { panelPersistedStateSchema, type PanelPersistedState } from '../../../protocol/src/messages';
import { PanelChannel } from './channel';
import { panelHtml } from './html';
import type { PanelContent, PanelRunSource, PanelServices } from './source';

export const GRAPH_PANEL_VIEW_TYPE = 'raro.graph';

export interface GraphPanelOptions {
  /** The extension's root (context.extensionUri): assets are served from its dist/webview/ only. */
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

export class GraphPanel implements vscode.Disposable {
  private readonly channel: PanelChannel;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  /** Opens a panel on a live (or finished) run. */
  static forRun(options: GraphPanelOptions, source: PanelRunSource, column = vscode.ViewColumn.Beside): GraphPanel {
    return new GraphPanel(options, GraphPanel.createWebviewPanel(options, `RARO run ${source.runId}`, column), { kind: 'run', source });
  }

  /** Opens "Show Graph": the blueprint's static graph, no run. Update it with `show` as the user types. */
  static forBlueprint(options: GraphPanelOptions, blueprint: BlueprintIR, graph?: string, column = vscode.ViewColumn.Beside): GraphPanel {
    const content: PanelContent = graph === undefined ? { kind: 'static', blueprint } : { kind: 'static', blueprint, graph };
    return new GraphPanel(options, GraphPanel.createWebviewPanel(options, `Graph: ${blueprint.name}`, column), content);
  }

  /** Adopts a panel VS Code restored after a reload (called from the serializer). */
  static revive(options: GraphPanelOptions, panel: vscode.WebviewPanel, content: PanelContent): GraphPanel {
    panel.webview.options = webviewOptions(options.extensionUri);
    return new GraphPanel(options, panel, content);
  }

  private static createWebviewPanel(options: GraphPanelOptions, title: string, column: vscode.ViewColumn): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(GRAPH_PANEL_VIEW_TYPE, title, { viewColumn: column, preserveFocus: true }, {
      ...webviewOptions(options.extensionUri),
      retainContextWhenHidden: false,
    });
  }

  private constructor(private readonly options: GraphPanelOptions, readonly panel: vscode.WebviewPanel, content: PanelContent) {
    const webview = panel.webview;
    const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(options.extensionUri, 'dist', 'webview', file)).toString();
    webview.html = panelHtml({ cspSource: webview.cspSource, script: asset('graph.js'), style: asset('graph.css'), worker: asset('layout-worker.js'), title: panel.title });
    this.channel = new PanelChannel((m) => webview.postMessage(m), content, this.services());
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.channel.receive(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get runId(): string {
    return this.channel.runId;
  }

  /** Shows other content in this panel (a forked run, or the recompiled blueprint of a preview). */
  show(content: PanelContent): void {
    this.channel.show(content);
    this.panel.title = content.kind === 'run' ? `RARO run ${content.source.runId}` : `Graph: ${content.blueprint.name}`;
  }

  /** Brings the panel forward and, with a node id, selects that node. */
  reveal(nodeId?: string): void {
    this.panel.reveal(undefined, true);
    if (nodeId !== undefined) this.channel.select(nodeId);
  }

  private services(): PanelServices {
    const log = this.options.log;
    return {
      log: { error: (m) => log.error(m), info: (m) => log.info(m) },
      reveal: (range) => revealRange(range),
      save: (format, content) => saveExport(format, content),
    };
  }

  dispose(): void {
    this.channel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

async function revealRange(range: SourceRange): Promise<void> {
  const [file, sl, sc, el, ec] = range;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(sl, sc, el, ec), viewColumn: vscode.ViewColumn.One });
}

async function saveExport(format: 'svg' | 'mermaid', content: string): Promise<void> {
  const ext = format === 'svg' ? 'svg' : 'mmd';
  const target = await vscode.window.showSaveDialog({ filters: { [format === 'svg' ? 'SVG image' : 'Mermaid']: [ext] }, saveLabel: 'Export graph' });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
}

/**
 * Restores graph panels after a window reload. `resolve` turns what the panel persisted (its run id; for a
 * static preview `static:<blueprint file>#<graph>`) back into content, or undefined to close the panel.
 */
export function registerGraphPanelSerializer(
  options: GraphPanelOptions,
  resolve: (state: PanelPersistedState) => Promise<PanelContent | undefined>,
  onRevived: (panel: GraphPanel) => void,
): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(GRAPH_PANEL_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      const parsed = panelPersistedStateSchema.safeParse(state);
      const content = parsed.success ? await resolve(parsed.data) : undefined;
      if (!content) {
        const why = parsed.success ? `no content for ${parsed.data.mode} ${parsed.data.runId}` : `saved state ${JSON.stringify(state)?.slice(0, 200)} is not a panel state`;
        options.log.info(`graph panel: nothing to restore after reload (${why}), closing it`);
        panel.dispose();
        return;
      }
      onRevived(GraphPanel.revive(options, panel, content));
    },
  });
}
