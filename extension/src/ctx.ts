/**
 * What the commands and views of the extension share: the run registry, the ticket center, the logs and
 * the secrets. Built once at activation; everything in it is disposed with the extension.
 */
import type * as vscode from 'vscode';
import type { RunRegistry } from './runs/runRegistry';
import type { ExtensionSecrets } from './secrets';
import type { TicketCenter } from './tickets/ticketCenter';
import type { RunOrigins } from './runs/runOrigins';
import type { GraphPanels } from './webview/graphPanels';
import type { BlueprintEstimates } from './estimate/blueprintEstimates';
import type { EstimateDocuments } from './estimate/estimateDocuments';

export interface Ctx {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly registry: RunRegistry;
  readonly tickets: TicketCenter;
  readonly secrets: ExtensionSecrets;
  readonly origins: RunOrigins;
  readonly panels: GraphPanels;
  readonly estimates: BlueprintEstimates;
  readonly estimateDocuments: EstimateDocuments;
}
