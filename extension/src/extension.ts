import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { startLanguageClient } from './languageClient';

/**
 * Activation is lazy (a .raro file, a RARO command, or a workspace holding blueprints). Everything created
 * here is pushed to `context.subscriptions` so deactivation disposes it.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('RARO', { log: true });
  context.subscriptions.push(log);
  registerCommands(context, log);
  context.subscriptions.push(startLanguageClient(context, log));
  const manifest = context.extension.packageJSON as { version: string };
  log.info(`RARO ${manifest.version} activated`);
}

export function deactivate(): void {
  // Nothing global to tear down: every resource is owned by context.subscriptions.
}
