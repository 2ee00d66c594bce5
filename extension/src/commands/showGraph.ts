/**
 * Show Graph: a run's live panel (`{ runId }` from the status bar, a Runs view row, a finished run's
 * notification), else the static graph of a blueprint (CodeLens `{ uri, graph }`, or the active editor),
 * else the current run of this window.
 */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { asTarget } from './blueprints';
import { asRunRef, pickJournal } from './runPicker';

export async function showGraph(ctx: Ctx, arg: unknown): Promise<void> {
  const ref = asRunRef(arg);
  const live = ref?.runId === undefined ? undefined : ctx.registry.get(ref.runId);
  if (live) return ctx.panels.showRun(live, (arg as { nodeId?: string }).nodeId);
  if (ref?.journal) return ctx.panels.showJournal(ref.journal);
  if (ref?.runId) {
    const dir = ctx.registry.journalDirectory();
    if (dir) return ctx.panels.showJournal(vscode.Uri.joinPath(dir, `${ref.runId}.jsonl`).fsPath);
  }
  const target = asTarget(arg);
  if (target) return ctx.panels.showBlueprint(target.uri, target.graph);
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'raro') return ctx.panels.showBlueprint(editor.document.uri);
  const current = ctx.registry.current();
  if (current) return ctx.panels.showRun(current);
  const journal = await pickJournal(ctx, 'RARO: show the graph of which run?');
  if (journal) return ctx.panels.showJournal(journal);
}
