/**
 * "Re-run from Node" offers to rewind the workspace with the run: the files the re-run node and its
 * downstream wrote are reverted before they run again. A quick pick (not a modal) asks; a file changed
 * since the run wrote it (on disk, or unsaved in an editor) is reported in the run log and a warning,
 * never overwritten.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReadRun } from '../../../runtime/src/journalFile';
import { applyRerunRewind, describeRewind, planRerunRewind, type RewindPlan } from '../../../runtime/src/rewind';

export type RewindChoice = { plan: RewindPlan; revert: boolean } | undefined;

const WORKSPACE_VOLUME = 'workspace:/';

/** A file with unsaved edits is the user's work in progress: it is a conflict even if the disk still matches. */
function withDirtyEditorsAsConflicts(plan: RewindPlan, root: string): RewindPlan {
  const dirty = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.fsPath));
  const isDirty = (p: string): boolean => dirty.has(path.join(root, ...p.slice(WORKSPACE_VOLUME.length).split('/')));
  return {
    ...plan,
    changes: plan.changes.filter((s) => !isDirty(s.path)),
    conflicts: [...plan.conflicts, ...plan.changes.filter((s) => isDirty(s.path)).map((s) => ({ ...s, action: 'conflict' as const, reason: `${s.path} has unsaved changes in an editor; left as it is` }))],
  };
}

function listOf(plan: RewindPlan): string {
  const names = plan.changes.map((s) => s.path.slice(WORKSPACE_VOLUME.length));
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/**
 * Plans the rewind and, when files would change, asks whether to revert them. undefined: the user
 * cancelled (nothing re-runs). With nothing to revert it does not ask.
 */
export async function chooseRewind(source: ReadRun, journal: string, node: string, root: string): Promise<RewindChoice> {
  const plan = withDirtyEditorsAsConflicts(await planRerunRewind(source, journal, node, root), root);
  if (plan.changes.length === 0) return { plan, revert: false };
  const n = plan.changes.length;
  const conflicts = plan.conflicts.length === 0 ? '' : ` (${plan.conflicts.length} changed since: not reverted)`;
  const revert = { label: `Re-run and revert ${n} file${n === 1 ? '' : 's'} (${listOf(plan)})`, detail: `Put back what ${node} and its downstream wrote, as it was before${conflicts}`, id: 'revert' };
  const keep = { label: 'Re-run, keep files', detail: 'The files stay as the run left them', id: 'keep' };
  const cancel = { label: 'Cancel', detail: 'Nothing re-runs', id: 'cancel' };
  const picked = await vscode.window.showQuickPick([revert, keep, cancel], { title: `RARO: re-run from ${node}: ${n} workspace file(s) were written by it or downstream`, ignoreFocusOut: true });
  if (picked === undefined || picked.id === 'cancel') return undefined;
  return { plan, revert: picked.id === 'revert' };
}

/** Applies the chosen rewind; returns the lines for the new run's log (conflicts also raise a warning). */
export async function applyRewindChoice(choice: NonNullable<RewindChoice>): Promise<{ info: string[]; warnings: string[] }> {
  if (!choice.revert) return { info: [], warnings: [] };
  await applyRerunRewind(choice.plan);
  const lines = describeRewind(choice.plan);
  const warnings = lines.filter((l) => l.startsWith('not reverted'));
  if (warnings.length > 0) void vscode.window.showWarningMessage(`RARO: ${warnings.length} file(s) were not reverted because they changed since the run wrote them: ${choice.plan.conflicts.map((s) => s.path).join(', ')}. See the run log.`);
  return { info: lines.filter((l) => !l.startsWith('not reverted')), warnings };
}
