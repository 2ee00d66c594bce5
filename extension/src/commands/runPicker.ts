/**
 * Which run a control command is about: the argument (`{ runId }` from the status bar or the graph panel,
 * `{ runId, journal }` from the Runs view), else the current run of this window, else a pick among the
 * journals of the workspace (newest first).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { LiveRun } from '../runs/liveRun';

export interface RunRef { runId?: string; journal?: string }

export function asRunRef(arg: unknown): RunRef | undefined {
  const candidate = arg as { runId?: unknown; journal?: unknown } | undefined;
  if (!candidate || typeof candidate !== 'object') return undefined;
  const ref: RunRef = {};
  if (typeof candidate.runId === 'string') ref.runId = candidate.runId;
  if (typeof candidate.journal === 'string') ref.journal = candidate.journal;
  return ref.runId || ref.journal ? ref : undefined;
}

export function liveRunOf(ctx: Ctx, arg: unknown, accept: (run: LiveRun) => boolean): LiveRun | undefined {
  const ref = asRunRef(arg);
  if (ref?.runId) return ctx.registry.get(ref.runId);
  if (ref) return undefined;
  const current = ctx.registry.current();
  return current && accept(current) ? current : ctx.registry.all().slice().reverse().find(accept);
}

/** Journals of the workspace, newest first (by modification time). */
export async function workspaceJournals(ctx: Ctx): Promise<{ journal: string; mtime: number }[]> {
  const dir = ctx.registry.journalDirectory();
  if (!dir) return [];
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return [];
  }
  const journals = await Promise.all(entries.filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.jsonl')).map(async ([name]) => {
    const uri = vscode.Uri.joinPath(dir, name);
    return { journal: uri.fsPath, mtime: (await vscode.workspace.fs.stat(uri)).mtime };
  }));
  return journals.sort((a, b) => b.mtime - a.mtime);
}

export async function pickJournal(ctx: Ctx, title: string): Promise<string | undefined> {
  const journals = await workspaceJournals(ctx);
  if (journals.length === 0) {
    void vscode.window.showInformationMessage('RARO: no runs in this workspace yet. Run a graph first ("RARO: Run Graph").');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    journals.map((j) => ({ label: path.basename(j.journal, '.jsonl'), description: new Date(j.mtime).toLocaleString(), journal: j.journal })),
    { title },
  );
  return picked?.journal;
}

/** The journal behind an argument, a live run, or a pick. */
export async function journalOf(ctx: Ctx, arg: unknown, title: string): Promise<string | undefined> {
  const ref = asRunRef(arg);
  if (ref?.journal) return ref.journal;
  if (ref?.runId) {
    const live = ctx.registry.get(ref.runId);
    if (live) return live.journal;
    const dir = ctx.registry.journalDirectory();
    if (dir) return vscode.Uri.joinPath(dir, `${ref.runId}.jsonl`).fsPath;
  }
  return pickJournal(ctx, title);
}
