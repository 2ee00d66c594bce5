/**
 * The graph panels of this window: one per run (Show Graph on a run reveals its panel), and one live
 * preview of a blueprint's static graph that follows the user's typing (recompiled after a pause in the
 * edits, like the Markdown preview). Panels come back after a window reload through the serializer.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { blueprintCompiler } from '../../../runtime/src/compile';
import { readRun } from '../../../runtime/src/journalFile';
import type { PanelPersistedState } from '../../../protocol/src/messages';
import type { LiveRun } from '../runs/liveRun';
import type { RunRegistry } from '../runs/runRegistry';
import { GraphPanel, registerGraphPanelSerializer, type GraphPanelOptions } from './graphPanel';
import { journalSource, liveSource, type Rerun } from './runSources';
import type { PanelContent } from './source';

const PREVIEW_DELAY_MS = 300;

interface Preview { panel: GraphPanel; uri: string; graph?: string }

export class GraphPanels implements vscode.Disposable {
  private readonly byRun = new Map<string, GraphPanel>();
  private preview: Preview | undefined;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly options: GraphPanelOptions, private readonly registry: RunRegistry, private readonly rerun: Rerun) {
    this.disposables.push(
      registerGraphPanelSerializer(options, (state) => this.resolve(state), (panel) => this.adopt(panel)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e.document)),
    );
  }

  /** Opens (or reveals) the panel of a live run. */
  showRun(run: LiveRun, nodeId?: string): void {
    const open = this.byRun.get(run.runId);
    if (open) return open.reveal(nodeId);
    this.adopt(GraphPanel.forRun(this.options, liveSource(run, this.rerun)));
  }

  /** Opens the panel of a run known from its journal (not running in this window). */
  async showJournal(journal: string): Promise<void> {
    const run = this.registry.get(path.basename(journal, '.jsonl'));
    if (run) return this.showRun(run);
    const open = this.byRun.get(path.basename(journal, '.jsonl'));
    if (open) return open.reveal();
    this.adopt(GraphPanel.forRun(this.options, journalSource(journal, await readRun(journal), this.rerun)));
  }

  /** The static graph of a blueprint, kept in step with the editor's text. */
  async showBlueprint(uri: vscode.Uri, graph?: string): Promise<void> {
    const ir = await this.compile(uri);
    if (!ir) return;
    if (this.preview) {
      this.preview.uri = uri.toString();
      this.preview.graph = graph;
      this.preview.panel.show(graph === undefined ? { kind: 'static', blueprint: ir } : { kind: 'static', blueprint: ir, graph });
      return this.preview.panel.reveal();
    }
    const panel = GraphPanel.forBlueprint(this.options, ir, graph);
    this.preview = { panel, uri: uri.toString(), ...(graph === undefined ? {} : { graph }) };
    panel.onDidDispose(() => { if (this.preview?.panel === panel) this.preview = undefined; });
  }

  private adopt(panel: GraphPanel): void {
    if (panel.runId.startsWith('static:')) {
      this.preview = { panel, uri: vscode.Uri.file(panel.runId.slice('static:'.length).split('#')[0]).toString() };
      panel.onDidDispose(() => { if (this.preview?.panel === panel) this.preview = undefined; });
      return;
    }
    this.byRun.set(panel.runId, panel);
    panel.onDidDispose(() => { if (this.byRun.get(panel.runId) === panel) this.byRun.delete(panel.runId); });
  }

  /** Compiles the text the user sees (saved or not); a blueprint with errors keeps the last good graph. */
  private async compile(uri: vscode.Uri): Promise<import('../../../language/src/ir').BlueprintIR | undefined> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? await vscode.workspace.openTextDocument(uri);
    const result = await blueprintCompiler().compileText(document.getText(), uri.fsPath);
    if (!result.ir) {
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      void vscode.window.setStatusBarMessage(`RARO: the graph preview waits for ${errors} error(s) to be fixed`, 4000);
    }
    return result.ir;
  }

  private onEdit(document: vscode.TextDocument): void {
    const preview = this.preview;
    if (!preview || document.uri.toString() !== preview.uri) return;
    if (this.previewTimer) clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => {
      this.previewTimer = undefined;
      void this.compile(document.uri).then((ir) => {
        if (ir && this.preview === preview) preview.panel.show(preview.graph === undefined ? { kind: 'static', blueprint: ir } : { kind: 'static', blueprint: ir, graph: preview.graph });
      }, (err: unknown) => this.options.log.error(`graph preview: ${err instanceof Error ? err.message : String(err)}`));
    }, PREVIEW_DELAY_MS);
  }

  private async resolve(state: PanelPersistedState): Promise<PanelContent | undefined> {
    if (state.mode === 'static') {
      // A preview's id is `static:<blueprint file>#<graph>`.
      const [file, graph] = state.blueprint === undefined ? state.runId.slice('static:'.length).split('#') : [state.blueprint, state.graph];
      const ir = await this.compile(vscode.Uri.file(file));
      if (!ir) return undefined;
      return graph ? { kind: 'static', blueprint: ir, graph } : { kind: 'static', blueprint: ir };
    }
    const live = this.registry.get(state.runId);
    if (live) return { kind: 'run', source: liveSource(live, this.rerun) };
    const dir = this.registry.journalDirectory();
    if (!dir) return undefined;
    const journal = vscode.Uri.joinPath(dir, `${state.runId}.jsonl`).fsPath;
    return { kind: 'run', source: journalSource(journal, await readRun(journal), this.rerun) };
  }

  dispose(): void {
    if (this.previewTimer) clearTimeout(this.previewTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
