/**
 * Typed getters for the `raro.*` settings (package.json `contributes.configuration` declares them with
 * descriptions and defaults). Read at the moment of use, so a changed setting applies to the next run.
 */
import * as vscode from 'vscode';
import { APPROVE_MODES, type ApproveMode } from '../../runtime/src/answerer';

function section(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('raro', scope);
}

export const config = {
  concurrency(scope?: vscode.Uri): number {
    return Math.max(1, Math.floor(section(scope).get<number>('run.concurrency', 4)));
  },
  journalDirectory(scope?: vscode.Uri): string {
    return section(scope).get<string>('run.journalDirectory', '.raro/runs') || '.raro/runs';
  },
  approvalsMode(scope?: vscode.Uri): ApproveMode {
    const mode = section(scope).get<string>('approvals.mode', 'ask');
    return (APPROVE_MODES as readonly string[]).includes(mode) ? (mode as ApproveMode) : 'ask';
  },
  logRetention(): number {
    return Math.max(1, Math.floor(section().get<number>('run.logRetention', 10)));
  },
  progressNotification(): boolean {
    return section().get<boolean>('run.progressNotification', true);
  },
  autoResume(): boolean {
    return section().get<boolean>('run.autoResume', false);
  },
  geminiBaseUrl(): string | undefined {
    return section().get<string>('gemini.baseUrl')?.trim() || undefined;
  },
  openaiBaseUrl(): string | undefined {
    return section().get<string>('openaiCompatible.baseUrl')?.trim() || undefined;
  },
};
