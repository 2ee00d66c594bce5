/**
 * Stop, Pause, Resume, Re-run from Node…, Replay Run and Show Run Log. Resume continues a paused run of this
 * window, or a run from its journal (interrupted by a window reload, or paused in an earlier session).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeEvent } from '../../../runtime/src/describe';
import { isFinished, readRun } from '../../../runtime/src/journalFile';
import { applyRewindChoice, chooseRewind } from '../cortex/rerunRewind';
import type { Ctx } from '../ctx';
import type { LiveRun } from '../runs/liveRun';
import { runLogName } from '../runs/runLog';
import { followWithProgress } from './startCommands';
import { asRunRef, journalOf, liveRunOf, workspaceJournals } from './runPicker';

function nothingTo(what: string): void {
  void vscode.window.showInformationMessage(`RARO: no run to ${what}. Start one with "RARO: Run Graph".`);
}

export function stopRun(ctx: Ctx, arg: unknown): void {
  const run = liveRunOf(ctx, arg, (r) => r.isActive());
  if (!run?.isActive()) return nothingTo('stop');
  run.handle.cancel('stopped by the user');
}

export function pauseRun(ctx: Ctx, arg: unknown): void {
  const run = liveRunOf(ctx, arg, (r) => r.state().status === 'running');
  if (run?.state().status !== 'running') return nothingTo('pause');
  run.handle.pause();
  void vscode.window.showInformationMessage(`RARO ${run.graph}: paused. Running nodes finish; nothing new starts until you resume.`);
}

export async function resumeRun(ctx: Ctx, arg: unknown): Promise<LiveRun | undefined> {
  const live = liveRunOf(ctx, arg, (r) => r.state().status === 'paused');
  if (live && live.state().status === 'paused') {
    if (live.state().pauseReason !== 'user') {
      void vscode.window.showInformationMessage(`RARO ${live.graph}: this run waits for a decision; answer its ticket in Pending Interventions.`);
      await vscode.commands.executeCommand('raro.interventions.focus');
      return live;
    }
    live.handle.resume();
    return live;
  }
  const journal = await journalOf(ctx, arg, 'RARO: resume which run?');
  if (!journal) return undefined;
  const runId = path.basename(journal, '.jsonl');
  if (ctx.registry.get(runId)?.isActive()) {
    void vscode.window.showInformationMessage(`RARO: run ${runId} is already running in this window.`);
    return ctx.registry.get(runId);
  }
  const previous = await readRun(journal);
  if (isFinished(previous.state)) {
    void vscode.window.showInformationMessage(`RARO: run ${runId} already ${previous.state.status}; nothing to resume. Use "Re-run from Node…" to run part of it again.`);
    return undefined;
  }
  const run = await ctx.registry.resume(journal, ctx.origins.puppetOf(runId));
  ctx.log.info(`run ${run.runId} resumed from ${journal}`);
  followWithProgress(ctx, run);
  return run;
}

export async function rerunFromNode(ctx: Ctx, arg: unknown): Promise<LiveRun | undefined> {
  const journal = await journalOf(ctx, arg, 'RARO: re-run which run?');
  if (!journal) return undefined;
  const source = await readRun(journal);
  const given = (arg as { nodeId?: unknown } | undefined)?.nodeId;
  let node = typeof given === 'string' ? given : undefined;
  if (node === undefined) {
    const picked = await vscode.window.showQuickPick(
      [...source.state.nodes.values()].map((n) => ({ label: n.spec.id, description: n.status, detail: n.spec.agent ? `agent ${n.spec.agent}` : n.spec.kind })),
      { title: `RARO: re-run ${source.state.graphName} from which node?`, placeHolder: 'Its upstream outputs are reused from the journal; it and everything downstream run again' },
    );
    node = picked?.label;
  }
  if (node === undefined) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(journal)) ?? vscode.workspace.workspaceFolders?.[0];
  // The files are reverted before the fork starts, so its nodes never race the rewind.
  let reverted: { info: string[]; warnings: string[] } = { info: [], warnings: [] };
  if (folder) {
    const choice = await chooseRewind(source, journal, node, folder.uri.fsPath);
    if (choice === undefined) return undefined;
    reverted = await applyRewindChoice(choice);
  }
  const sourceId = path.basename(journal, '.jsonl');
  const run = await ctx.registry.fork(journal, node, ctx.origins.puppetOf(sourceId));
  await ctx.origins.remember(run.runId, ctx.origins.puppetOf(sourceId));
  ctx.log.info(`run ${run.runId} forked from ${sourceId} at ${node}`);
  for (const line of reverted.info) run.log.channel.info(`rewind  ${line}`);
  for (const line of reverted.warnings) run.log.channel.warn(`rewind  ${line}`);
  followWithProgress(ctx, run);
  return run;
}

/** Re-folds a journal into a fresh log channel: no kernel, no provider call. */
export async function replayRun(ctx: Ctx, arg: unknown): Promise<void> {
  const journal = await journalOf(ctx, arg, 'RARO: replay which run?');
  if (!journal) return;
  const run = await readRun(journal);
  const channel = vscode.window.createOutputChannel(`${runLogName(run.state.graphName, run.state.runId)} (replay)`, { log: true });
  ctx.extension.subscriptions.push(channel);
  for (const event of run.events) {
    const line = describeEvent(event);
    if (line !== undefined) channel.info(`${event.type}  ${line}`);
  }
  channel.info(`replayed ${run.events.length} events: run ${run.state.status}${run.tornTail ? ' (a torn last line was ignored)' : ''}`);
  channel.show(true);
}

export async function showRunLog(ctx: Ctx, arg: unknown): Promise<void> {
  const ref = asRunRef(arg);
  const live = ref?.runId ? ctx.registry.get(ref.runId) : ref ? undefined : ctx.registry.current();
  if (live) return live.log.show();
  if (ref) return replayRun(ctx, ref);
  // No run in this window: a journal's log, or the extension's own log when the workspace has no run yet.
  if ((await workspaceJournals(ctx)).length === 0) return ctx.log.show(true);
  return replayRun(ctx, undefined);
}
