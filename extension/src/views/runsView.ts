/**
 * The Runs view (`raro.runs`): the journal history of the workspace and the runs of this window, kept live
 * by a file watcher on the journal folder and by the run registry's change events, both coalesced.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RunHistory } from '../../../runtime/src/history';
import { COMMANDS } from '../commandIds';
import type { RunsModel } from '../runs/runsModel';
import { COMPARE_SCHEME, CompareDocuments } from './compareDocuments';
import type { RunsViewElement } from './runElements';
import { compareTwoRuns, deleteRuns, guarded, openJournal, type RunsCommandDeps } from './runsCommands';
import { RunsTreeProvider } from './runsTree';

export type { RunElement, NodeElement, NoteElement, RunsViewElement } from './runElements';
export { runRefOf } from './runElements';

export function registerRunsView(context: vscode.ExtensionContext, model: RunsModel, log: vscode.LogOutputChannel): void {
  // Summaries survive the session in the workspace's storage: the next window stats the journals and reads one file.
  const indexFile = context.storageUri ? path.join(context.storageUri.fsPath, 'run-history.json') : undefined;
  const history = new RunHistory({ ...(indexFile ? { indexFile } : {}), onIndexError: (message) => log.warn(message) });
  const tree = new RunsTreeProvider(model, history, log);
  const watcher = new JournalWatcher(tree);
  let directory: string | undefined;
  const follow = (): void => {
    const dir = model.journalDirectory();
    if (dir?.fsPath === directory && directory !== undefined) return;
    directory = dir?.fsPath;
    tree.setDirectory(directory);
    watcher.watch(dir);
  };
  follow();
  const view = vscode.window.createTreeView<RunsViewElement>('raro.runs', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  const compare = new CompareDocuments();
  const deps: RunsCommandDeps = { tree, compare, log };
  context.subscriptions.push(
    tree,
    view,
    { dispose: () => void history.flushIndex() },
    watcher,
    vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, compare),
    model.onDidChange(() => {
      tree.liveChanged();
      follow();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('raro.run.journalDirectory')) follow();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(follow),
    vscode.commands.registerCommand(COMMANDS.openJournal, guarded('Open Journal', log, (arg) => openJournal(deps, arg))),
    vscode.commands.registerCommand(COMMANDS.deleteRun, guarded('Delete Run', log, (arg, selected) => deleteRuns(deps, arg, selected))),
    vscode.commands.registerCommand(COMMANDS.compareRuns, guarded('Compare Runs', log, (arg, selected) => compareTwoRuns(deps, arg, selected))),
  );
}

/** Watches `*.jsonl` in the journal folder; recreated when the folder setting changes. */
class JournalWatcher implements vscode.Disposable {
  private current: vscode.Disposable[] = [];

  constructor(private readonly tree: RunsTreeProvider) {}

  watch(directory: vscode.Uri | undefined): void {
    this.dispose();
    if (!directory) return;
    const watcher = vscode.workspace.createFileSystemWatcher(journalPattern(directory));
    const changed = (uri: vscode.Uri): void => this.tree.journalChanged(uri.fsPath);
    this.current = [watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed)];
  }

  dispose(): void {
    for (const disposable of this.current) disposable.dispose();
    this.current = [];
  }
}

/**
 * Relative to the workspace folder when the journal folder is inside one: the workspace watcher then sees
 * the folder appear (the first run creates it); a pattern based on a folder that does not exist yet may not.
 */
function journalPattern(directory: vscode.Uri): vscode.RelativePattern {
  const folder = vscode.workspace.getWorkspaceFolder(directory);
  if (folder) {
    const relative = path.relative(folder.uri.fsPath, directory.fsPath).split(path.sep).join('/');
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return new vscode.RelativePattern(folder, relative === '' ? '*.jsonl' : `${relative}/*.jsonl`);
  }
  return new vscode.RelativePattern(directory, '*.jsonl');
}
