/**
 * Registers every RARO command (ids in commandIds.ts). A failing command shows its message and logs the
 * stack to the RARO output channel: no command fails silently.
 */
import * as vscode from 'vscode';
import { RuntimeError } from '../../runtime/src/errors';
import { KernelError } from '../../kernel/src';
import { COMMANDS, type CommandId } from './commandIds';
import type { Ctx } from './ctx';
import { pauseRun, replayRun, rerunFromNode, resumeRun, showRunLog, stopRun } from './commands/controlCommands';
import { newBlueprint, setApiKey } from './commands/setupCommands';
import { showGraph } from './commands/showGraph';
import { startFromCommand } from './commands/startCommands';
import { estimateCost } from './estimate/estimateCommand';

type Handler = (ctx: Ctx, ...args: unknown[]) => unknown;

/** The Runs view registers its own commands (open journal, delete, compare). */
type RunsViewCommand = typeof COMMANDS.openJournal | typeof COMMANDS.deleteRun | typeof COMMANDS.compareRuns;

function handlers(): Record<Exclude<CommandId, RunsViewCommand>, Handler> {
  return {
    [COMMANDS.runGraph]: (ctx, arg) => startFromCommand(ctx, arg, 'run'),
    [COMMANDS.runGraphWithInputs]: (ctx, arg) => startFromCommand(ctx, arg, 'inputs'),
    [COMMANDS.simulateGraph]: (ctx, arg) => startFromCommand(ctx, arg, 'simulate'),
    [COMMANDS.recordRun]: (ctx, arg) => startFromCommand(ctx, arg, 'record'),
    [COMMANDS.estimateCost]: (ctx, arg) => estimateCost(ctx, ctx.estimateDocuments, arg),
    [COMMANDS.stopRun]: (ctx, arg) => stopRun(ctx, arg),
    [COMMANDS.pauseRun]: (ctx, arg) => pauseRun(ctx, arg),
    [COMMANDS.resumeRun]: (ctx, arg) => resumeRun(ctx, arg),
    [COMMANDS.rerunFromNode]: (ctx, arg) => rerunFromNode(ctx, arg),
    [COMMANDS.replayRun]: (ctx, arg) => replayRun(ctx, arg),
    [COMMANDS.showGraph]: (ctx, arg) => showGraph(ctx, arg),
    [COMMANDS.showRunLog]: (ctx, arg) => showRunLog(ctx, arg),
    [COMMANDS.openRunHistory]: () => vscode.commands.executeCommand('raro.runs.focus'),
    [COMMANDS.setGeminiApiKey]: (ctx) => setApiKey(ctx, 'gemini'),
    [COMMANDS.setOpenAiApiKey]: (ctx) => setApiKey(ctx, 'openai'),
    [COMMANDS.newBlueprint]: (ctx) => newBlueprint(ctx),
    [COMMANDS.answerTicket]: (ctx, runId, ticketId, choice) => answerTicket(ctx, runId, ticketId, choice),
    [COMMANDS.reviewWrite]: (ctx, runId, ticketId) => {
      const run = typeof runId === 'string' ? ctx.registry.get(runId) : undefined;
      return run && typeof ticketId === 'string' ? ctx.tickets.review(run, ticketId) : undefined;
    },
  };
}

function answerTicket(ctx: Ctx, runId: unknown, ticketId: unknown, choice: unknown): Promise<boolean> | undefined {
  const run = typeof runId === 'string' ? ctx.registry.get(runId) : undefined;
  if (!run || typeof ticketId !== 'string' || typeof choice !== 'string') {
    void vscode.window.showWarningMessage('RARO: that ticket belongs to a run that is no longer in this window.');
    return undefined;
  }
  return ctx.tickets.answer(run, ticketId, choice);
}

/** User errors (bad journal, bad script) are a message; anything else is also logged with its stack. */
function report(ctx: Ctx, id: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof RuntimeError || err instanceof KernelError)) ctx.log.error(`${id} failed: ${err instanceof Error ? err.stack ?? message : message}`);
  else ctx.log.warn(`${id}: ${message}`);
  void vscode.window.showErrorMessage(`RARO: ${message}`);
}

export function registerCommands(ctx: Ctx): void {
  for (const [id, handler] of Object.entries(handlers())) {
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(ctx, ...args);
      } catch (err) {
        report(ctx, id, err);
        return undefined;
      }
    }));
  }
}

