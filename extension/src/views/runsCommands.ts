/**
 * The Runs view's own commands: open a run's journal, delete runs (journal and effect ledger, after a modal
 * confirmation), and compare two runs. Each works from the view (the clicked element, or the selection:
 * the tree allows several) and from the palette (quick picks of the same rows, newest first).
 */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { RunState } from '../../../kernel/src';
import { compareRuns } from '../../../runtime/src/compare';
import { comparisonMarkdown } from '../../../runtime/src/compareMarkdown';
import { readRun } from '../../../runtime/src/journalFile';
import { CompareDocuments, showComparison } from './compareDocuments';
import type { RunElement, RunsViewElement } from './runElements';
import { runDescription } from './runLabels';
import { describe, type RunsTreeProvider } from './runsTree';

export interface RunsCommandDeps {
  tree: RunsTreeProvider;
  compare: CompareDocuments;
  log: vscode.LogOutputChannel;
}

/** Run rows of a command's arguments: the selection when several rows are selected, else the clicked row. */
function selectedRuns(arg: unknown, selected: unknown): RunElement[] {
  const all = Array.isArray(selected) && selected.length > 0 ? (selected as unknown[]) : [arg];
  return all.filter((e): e is RunElement => isElement(e) && e.kind === 'run');
}

function isElement(value: unknown): value is RunsViewElement {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
    && typeof (value as { journal?: unknown }).journal === 'string';
}

const readable = (run: RunElement): boolean => run.status !== 'unreadable';

/** A run that still writes its journal: it cannot be deleted. */
function writing(run: RunElement): boolean {
  const status = run.live?.state().status;
  return status === 'running' || status === 'paused';
}

function labelOf(run: RunElement): string {
  return run.figures ? `${run.figures.graph} (${run.runId})` : run.runId;
}

async function pickRun(deps: RunsCommandDeps, title: string, filter: (run: RunElement) => boolean): Promise<RunElement | undefined> {
  const runs = (await deps.tree.runs()).filter(filter);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('RARO: no run to choose from in the journal folder.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((run) => ({
      label: run.figures?.graph ?? `${run.runId}.jsonl`,
      description: run.figures ? runDescription(run.figures) : 'unreadable',
      detail: `${run.status} · ${run.runId}`,
      run,
    })),
    { title, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.run;
}

export async function openJournal(deps: RunsCommandDeps, arg?: unknown): Promise<void> {
  const journal = isElement(arg) ? arg.journal : (await pickRun(deps, 'RARO: open the journal of which run?', () => true))?.journal;
  if (journal === undefined) return;
  await vscode.window.showTextDocument(vscode.Uri.file(journal), { preview: true });
}

export async function deleteRuns(deps: RunsCommandDeps, arg?: unknown, selected?: unknown): Promise<void> {
  let targets = selectedRuns(arg, selected);
  if (targets.length === 0) {
    const picked = await pickRun(deps, 'RARO: delete which run?', (run) => !writing(run));
    if (!picked) return;
    targets = [picked];
  }
  const busy = targets.filter(writing);
  if (busy.length > 0) {
    void vscode.window.showWarningMessage(`RARO: ${busy.map(labelOf).join(', ')} is still running; stop it before deleting it.`);
    targets = targets.filter((run) => !writing(run));
    if (targets.length === 0) return;
  }
  const what = targets.length === 1 ? `the run ${labelOf(targets[0])}` : `${targets.length} runs`;
  const answer = await vscode.window.showWarningMessage(
    `Delete ${what}?`,
    { modal: true, detail: 'The journal and the effect ledger are deleted from disk. This cannot be undone.' },
    'Delete',
  );
  if (answer !== 'Delete') return;
  for (const run of targets) {
    await fs.rm(run.journal);
    // The ledger exists only for runs whose tools had effects: `force` because absent is fine here.
    await fs.rm(run.journal.replace(/\.jsonl$/, '.effects.ndjson'), { force: true });
    deps.tree.history.forget(run.journal);
    deps.tree.journalChanged(run.journal);
    deps.log.info(`deleted run ${run.runId} (${run.journal} and its effect ledger)`);
  }
}

async function stateOf(run: RunElement): Promise<Readonly<RunState>> {
  return run.live ? run.live.state() : (await readRun(run.journal)).state;
}

export async function compareTwoRuns(deps: RunsCommandDeps, arg?: unknown, selected?: unknown): Promise<void> {
  const chosen = selectedRuns(arg, selected).filter(readable);
  if (chosen.length > 2) {
    void vscode.window.showWarningMessage(`RARO: select two runs to compare (${chosen.length} are selected).`);
    return;
  }
  let [left, right] = chosen as (RunElement | undefined)[];
  left ??= await pickRun(deps, 'RARO: compare which run?', readable);
  if (!left) return;
  const first = left;
  right ??= await pickRun(deps, `RARO: compare ${labelOf(first)} with which run?`, (run) => readable(run) && run.runId !== first.runId);
  if (!right) return;
  // The older run on the left, so "before" reads before "after".
  if (right.sortKey < left.sortKey) [left, right] = [right, left];
  const markdown = comparisonMarkdown(compareRuns(await stateOf(left), await stateOf(right)));
  await showComparison(deps.compare.add(left.runId, right.runId, markdown), deps.log);
}

/** A command handler whose failures reach the user and the log, never the void. */
export function guarded(name: string, log: vscode.LogOutputChannel, handler: (...args: unknown[]) => Promise<void>): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    try {
      await handler(...args);
    } catch (error) {
      log.error(`${name}: ${describe(error)}`);
      void vscode.window.showErrorMessage(`RARO: ${name} failed: ${describe(error)}`);
    }
  };
}
