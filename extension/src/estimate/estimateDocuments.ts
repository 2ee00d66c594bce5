/**
 * The read-only documents "RARO: Estimate Cost and Tokens" shows (scheme `raro-estimate`): virtual, never on
 * disk; a new estimate of the same graph replaces the old text in place.
 */
import * as vscode from 'vscode';

export const ESTIMATE_SCHEME = 'raro-estimate';

/** Serves the estimate texts; a new estimate of the same graph replaces the old one in place. */
export class EstimateDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This estimate is no longer available: run "RARO: Estimate Cost and Tokens" again.';
  }

  show(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
