/**
 * Run comparisons as read-only virtual Markdown documents (`raro-compare:` scheme), shown in the Markdown
 * preview. Why Markdown: the two runs' figures sit in real tables that wrap and follow the theme whatever
 * the width of a node id or an output, differences are bold, outputs are fenced blocks; a plain-text table
 * would have to cut every cell to a fixed width to stay aligned. Why virtual: nothing is written into the
 * workspace, and a content provider's document cannot be edited or saved by mistake.
 */
import * as vscode from 'vscode';

export const COMPARE_SCHEME = 'raro-compare';
/** Comparisons kept for the preview to (re)read; older ones say how to get them back. */
const KEEP = 20;

export class CompareDocuments implements vscode.TextDocumentContentProvider {
  private readonly documents = new Map<string, string>();
  private counter = 0;

  /** Stores one comparison and returns its URI (a fresh one each time: a live run may have moved on). */
  add(leftRunId: string, rightRunId: string, markdown: string): vscode.Uri {
    const name = `${safe(leftRunId)} vs ${safe(rightRunId)}.md`;
    const uri = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${name}`, query: `n=${++this.counter}` });
    this.documents.set(uri.toString(), markdown);
    while (this.documents.size > KEEP) {
      const oldest = this.documents.keys().next().value;
      if (oldest === undefined) break;
      this.documents.delete(oldest);
    }
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.documents.get(uri.toString()) ?? '# Comparison no longer available\n\nRun **RARO: Compare Runs** again.\n';
  }
}

function safe(runId: string): string {
  return runId.replace(/[^\w.-]/g, '_').slice(0, 40);
}

/** The Markdown preview when the built-in Markdown extension is there, else the Markdown text itself. */
export async function showComparison(uri: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch (error) {
    log.warn(`Compare runs: no Markdown preview (${error instanceof Error ? error.message : String(error)}); showing the Markdown text`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}
