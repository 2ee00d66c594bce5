import * as vscode from 'vscode';
import { GraphCodeLensProvider } from './codeLens';
import { BlueprintEstimates } from './estimate/blueprintEstimates';
import { EstimateDocuments, ESTIMATE_SCHEME } from './estimate/estimateDocuments';
import { rerunFromNode } from './commands/controlCommands';
import { GraphPanels } from './webview/graphPanels';
import { registerCommands } from './commands';
import type { Ctx } from './ctx';
import { startLanguageClient } from './languageClient';
import { offerInterruptedRuns } from './runs/interrupted';
import { RunOrigins } from './runs/runOrigins';
import { RunLogs } from './runs/runLog';
import { RunRegistry } from './runs/runRegistry';
import { RunStatusBar } from './runs/statusBar';
import { config } from './config';
import { VsCodeLmProvider, vscodeLmAccess } from './providers/vscodeLmProvider';
import { ExtensionSecrets } from './secrets';
import { WriteReviews } from './cortex/writeReviews';
import { TicketCenter } from './tickets/ticketCenter';
import { InterventionsView } from './views/interventionsView';
import { registerRunsView } from './views/runsView';

/**
 * Activation is lazy (a .raro file, a RARO command, or a workspace holding blueprints). Everything created
 * here is pushed to `context.subscriptions` so deactivation disposes it. Nothing here waits on I/O: the
 * language server starts in the background and interrupted runs are looked for after activation.
 */
export function activate(context: vscode.ExtensionContext): Ctx {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('RARO', { log: true });
  const logger = { info: (m: string) => log.info(m), warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) };
  const reviews = new WriteReviews(() => vscode.workspace.workspaceFolders?.[0]?.uri);
  const tickets = new TicketCenter(logger, reviews);
  const logs = new RunLogs(() => config.logRetention());
  const secrets = new ExtensionSecrets(context.secrets);
  const lm = vscodeLmAccess(context);
  const hostProviders = { 'vscode-lm': new VsCodeLmProvider(lm) };
  const estimates = new BlueprintEstimates(lm, log);
  const estimateDocuments = new EstimateDocuments();
  const registry = new RunRegistry({ secrets, logs, logger, hostProviders, writeApplier: (fallback) => reviews.applier(fallback), onEvent: (run, event) => tickets.onRunEvent(run, event) });
  const panels = new GraphPanels({ extensionUri: context.extensionUri, log }, registry, (journal, nodeId) => rerunFromNode(ctx, { journal, nodeId }));
  const ctx: Ctx = { extension: context, log, registry, tickets, secrets, origins: new RunOrigins(context.workspaceState), panels, estimates, estimateDocuments };
  // Disposed in this order: runs pause (and journal it) before the logs and channels they write to go.
  context.subscriptions.push(panels, registry, new RunStatusBar(registry, tickets), new InterventionsView(tickets), tickets, reviews, logs, log);
  registerCommands(ctx);
  registerRunsView(context, registry, log);
  context.subscriptions.push(registry.onDidChange(() => {
    void vscode.commands.executeCommand('setContext', 'raro.hasActiveRun', registry.all().some((r) => r.isActive()));
  }));
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ language: 'raro' }, new GraphCodeLensProvider(estimates)));
  context.subscriptions.push(estimateDocuments, vscode.workspace.registerTextDocumentContentProvider(ESTIMATE_SCHEME, estimateDocuments));
  context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((document) => estimates.forget(document)));
  context.subscriptions.push(startLanguageClient(context, log));
  const manifest = context.extension.packageJSON as { version: string };
  log.info(`RARO ${manifest.version} activated in ${(performance.now() - started).toFixed(1)} ms`);
  setTimeout(() => void offerInterruptedRuns(ctx).catch((err: unknown) => log.error(`looking for interrupted runs failed: ${String(err)}`)), 0);
  return ctx;
}

export function deactivate(): void {
  // Nothing global to tear down: every resource is owned by context.subscriptions.
}
