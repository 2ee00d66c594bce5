/**
 * Proposed file contents as writable in-memory documents under their own scheme, one URI per proposal
 * (two nodes proposing edits to one file get two reviews). The right side of the review diff is such a
 * document: because it is writable, VS Code shows its per-hunk revert arrows and lets the user edit it.
 * The real file is not touched until the proposal is approved. `raro-original:` serves the read-only
 * left side: the file as it was when the write was proposed.
 */
import * as vscode from 'vscode';

export const PROPOSAL_SCHEME = 'raro-proposal';
export const ORIGINAL_SCHEME = 'raro-original';

interface Entry { text: Uint8Array; mtime: number }

export class ProposalFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  /** Registers a proposal's text (once; a later call for the same id keeps the user's edits). */
  propose(uri: vscode.Uri, text: string): void {
    if (!this.files.has(uri.path)) this.files.set(uri.path, { text: new TextEncoder().encode(text), mtime: Date.now() });
  }

  /** The reviewed text: what the proposal document holds now (edited by the user, or as proposed). */
  reviewed(uri: vscode.Uri): string | undefined {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    const entry = this.files.get(uri.path);
    return entry ? new TextDecoder().decode(entry.text) : undefined;
  }

  forget(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const entry = this.entry(uri);
    return { type: vscode.FileType.File, ctime: entry.mtime, mtime: entry.mtime, size: entry.text.byteLength };
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('proposals have no folders');
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return this.entry(uri).text;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, { text: content, mtime: Date.now() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('proposals cannot be renamed');
  }

  private entry(uri: vscode.Uri): Entry {
    const entry = this.files.get(uri.path);
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry;
  }
}

/** The left side of a review: the file's text when the write was proposed (read-only). */
export class OriginalContent implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.path, text);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }
}
