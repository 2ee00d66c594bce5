/**
 * File writes reviewed as diffs. Review opens VS Code's diff editor, without taking focus, between the
 * file as it was when proposed (read-only) and the proposal (a writable in-memory document: the user may
 * edit it and revert hunks with the diff's arrows). Approving applies exactly the reviewed text to the
 * workspace as one WorkspaceEdit, so one Undo restores the file. A file changed since the proposal (on disk
 * or in an unsaved editor) is not touched: the write is rejected with the reason, and the agent told.
 */
import * as vscode from 'vscode';
import { hashOrNull, type WriteApplier, type WriteOutcome, type WriteProposal } from '../../../cortex/src';
import type { ProposalView } from '../tickets/writeTickets';
import { ORIGINAL_SCHEME, OriginalContent, PROPOSAL_SCHEME, ProposalFileSystem } from './proposalFileSystem';

const WORKSPACE_VOLUME = 'workspace:/';

export class WriteReviews implements vscode.Disposable {
  private readonly files = new ProposalFileSystem();
  private readonly originals = new OriginalContent();
  private readonly registrations: vscode.Disposable[];
  private changesEditor: Promise<boolean> | undefined;

  constructor(private readonly root: () => vscode.Uri | undefined) {
    this.registrations = [
      vscode.workspace.registerFileSystemProvider(PROPOSAL_SCHEME, this.files, { isCaseSensitive: true }),
      vscode.workspace.registerTextDocumentContentProvider(ORIGINAL_SCHEME, this.originals),
    ];
  }

  private uris(proposal: ProposalView): { left: vscode.Uri; right: vscode.Uri } {
    const right = vscode.Uri.parse(proposal.id);
    return { left: right.with({ scheme: ORIGINAL_SCHEME }), right };
  }

  private prepare(proposal: ProposalView): { left: vscode.Uri; right: vscode.Uri } {
    const uris = this.uris(proposal);
    this.files.propose(uris.right, proposal.after);
    this.originals.set(uris.left, proposal.before ?? '');
    return uris;
  }

  /** Opens the review diff beside the user's editor, leaving focus where it is. */
  async review(proposal: ProposalView): Promise<void> {
    const { left, right } = this.prepare(proposal);
    const title = `${proposal.path} ${proposal.before === null ? '(new file)' : ''} ↔ proposed by RARO`.replace(/\s+/g, ' ');
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preserveFocus: true, preview: false, viewColumn: vscode.ViewColumn.Beside });
  }

  /**
   * Several proposals in VS Code's multi-file changes editor (`vscode.changes`: a title and
   * [resource, original, proposal] triples; the proposals stay writable there). That API command takes
   * no editor options, so it is used only on the user's explicit "Review all"; a VS Code without it gets
   * the diffs one by one, each with preserveFocus.
   */
  async reviewMany(proposals: readonly ProposalView[], title: string): Promise<'changes' | 'diffs'> {
    if (await this.hasChangesEditor()) {
      const root = this.root();
      const triples = proposals.map((p) => {
        const { left, right } = this.prepare(p);
        const label = root && p.path.startsWith(WORKSPACE_VOLUME) ? vscode.Uri.joinPath(root, p.path.slice(WORKSPACE_VOLUME.length)) : right;
        return [label, left, right];
      });
      await vscode.commands.executeCommand('vscode.changes', title, triples);
      return 'changes';
    }
    for (const proposal of proposals) await this.review(proposal);
    return 'diffs';
  }

  /** Feature-detected once: `vscode.changes` is an API command of recent VS Code versions. */
  private hasChangesEditor(): Promise<boolean> {
    this.changesEditor ??= Promise.resolve(vscode.commands.getCommands(false)).then((all) => all.includes('vscode.changes'));
    return this.changesEditor;
  }

  /** The applier the runtime gives the Cortex: workspace files through VS Code, other volumes through `fallback`. */
  applier(fallback: WriteApplier): WriteApplier {
    return {
      apply: async (proposal, signal) => {
        const { right } = this.uris(proposal);
        const text = this.files.reviewed(right) ?? proposal.after;
        this.files.forget(right);
        const edited = text !== proposal.after;
        const outcome = proposal.path.startsWith(WORKSPACE_VOLUME)
          ? await this.applyToWorkspace(proposal, text, edited, signal)
          : await fallback.apply({ ...proposal, after: text }, signal);
        // Approved but not applied (the file changed, e.g. a newer proposal landed first): the user sees why, not only the agent.
        if (outcome.status === 'rejected') void vscode.window.showWarningMessage(`RARO: the approved write was not applied: ${outcome.reason}`);
        return outcome.status === 'applied' ? { ...outcome, edited } : outcome;
      },
    };
  }

  private async applyToWorkspace(proposal: WriteProposal, text: string, edited: boolean, signal: AbortSignal): Promise<WriteOutcome> {
    const root = this.root();
    const relative = proposal.path.slice(WORKSPACE_VOLUME.length);
    if (!root || relative.split('/').some((part) => part === '..' || part === '')) {
      return { status: 'rejected', code: 'FAILED', reason: `${proposal.path}: not a path inside the workspace folder` };
    }
    const target = vscode.Uri.joinPath(root, relative);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    const current = open ? open.getText() : await readIfExists(target);
    if (hashOrNull(current) !== proposal.beforeHash) {
      const where = open?.isDirty ? 'has unsaved changes in an editor' : 'changed since the write was proposed';
      return { status: 'rejected', code: 'STALE', reason: `${proposal.path} ${where}; not modified` };
    }
    signal.throwIfAborted();
    const edit = new vscode.WorkspaceEdit();
    if (current === null) {
      edit.createFile(target, { contents: new TextEncoder().encode(text) });
    } else {
      const document = open ?? await vscode.workspace.openTextDocument(target);
      edit.replace(target, new vscode.Range(0, 0, document.lineCount, 0), text);
    }
    if (!(await vscode.workspace.applyEdit(edit))) return { status: 'rejected', code: 'FAILED', reason: `VS Code did not apply the edit to ${proposal.path}; not modified` };
    // The document was clean before (checked above), so saving writes exactly the reviewed change.
    if (current !== null) await (await vscode.workspace.openTextDocument(target)).save();
    return { status: 'applied', text, bytes: new TextEncoder().encode(text).byteLength, edited };
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
  }
}

async function readIfExists(uri: vscode.Uri): Promise<string | null> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return null;
    throw err;
  }
}
