/**
 * After a window reload (or a crash of the extension host) the runs that were in progress are found in
 * their journals and offered for resumption, or resumed at once when `raro.run.autoResume` is on. Looks at
 * the newest journals only, after activation, so opening a workspace with many runs stays fast.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isFinished, readRun } from '../../../runtime/src/journalFile';
import { resumeRun } from '../commands/controlCommands';
import { workspaceJournals } from '../commands/runPicker';
import { config } from '../config';
import type { Ctx } from '../ctx';

const RECENT = 20;

export async function findInterrupted(ctx: Ctx): Promise<{ journal: string; graph: string; runId: string }[]> {
  const found: { journal: string; graph: string; runId: string }[] = [];
  for (const { journal } of (await workspaceJournals(ctx)).slice(0, RECENT)) {
    const runId = path.basename(journal, '.jsonl');
    if (ctx.registry.get(runId)) continue;
    try {
      const run = await readRun(journal);
      if (!isFinished(run.state)) found.push({ journal, graph: run.state.graphName, runId });
    } catch (err) {
      ctx.log.warn(`could not read ${journal}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return found;
}

export async function offerInterruptedRuns(ctx: Ctx): Promise<void> {
  const interrupted = await findInterrupted(ctx);
  for (const run of interrupted) {
    ctx.log.info(`run ${run.runId} (${run.graph}) did not finish in an earlier session: ${run.journal}`);
    if (config.autoResume()) {
      await resumeRun(ctx, { journal: run.journal, runId: run.runId });
      continue;
    }
    void vscode.window.showInformationMessage(
      `RARO: run ${run.graph} ${run.runId.slice(-6)} was interrupted (window reload or VS Code closed). Nothing is lost: resume it where it stopped.`,
      'Resume', 'Show Log',
    ).then(async (choice) => {
      if (choice === 'Resume') await resumeRun(ctx, { journal: run.journal, runId: run.runId });
      if (choice === 'Show Log') await vscode.commands.executeCommand('raro.showRunLog', { journal: run.journal, runId: run.runId });
    }).then(undefined, (err: unknown) => ctx.log.error(`resuming ${run.runId} failed: ${err instanceof Error ? err.message : String(err)}`));
  }
}
