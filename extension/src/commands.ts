import * as vscode from 'vscode';
import { COMMANDS, CommandId } from './commandIds';

type Handler = (...args: unknown[]) => unknown;

/** Handlers of capabilities that have landed; every other command says plainly that it is not available yet. */
const implemented: Partial<Record<CommandId, (log: vscode.LogOutputChannel) => Handler>> = {
  [COMMANDS.showRunLog]: (log) => () => log.show(true),
};

export function registerCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  for (const id of Object.values(COMMANDS)) {
    const make = implemented[id];
    const handler: Handler = make ? make(log) : () => notAvailableYet(id, log);
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}

function notAvailableYet(id: string, log: vscode.LogOutputChannel): void {
  log.warn(`${id}: not available yet in this build`);
  void vscode.window.showInformationMessage(`RARO: "${id}" is not available yet in this build.`);
}
