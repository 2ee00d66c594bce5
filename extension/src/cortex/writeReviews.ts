/**
 * File writes reviewed as diffs. Review opens VS Code's diff editor, without taking focus, between the
 * file as it was when proposed (read-only) and the proposal (a writable in-memory document: the user may
 * edit it and revert hunks with the diff's arrows). Approving applies exactly the reviewed text to the
 * workspace as one WorkspaceEdit, so one Undo restores the file. A file changed since the proposal (on disk
 * or in an unsaved editor) is not touched: the write is rejected with the reason, and the agent told.
 */
import * as vscode from 'vscode';
import { hashOrNull, type WriteApplier, type WriteOutcome, type WriteProposal } from '../../../cortex/src';
import type { TicketState } from '../../../kernel/src';
import { ORIGINAL_SCHEME, OriginalContent, PROPOSAL_SCHEME, ProposalFileSystem } from './proposalFileSystem';

type ProposalView = Pick<WriteProposal, 'id' | 'path' | 'before' | 'beforeHash' | 'after'>;

/** The write proposal a tool ticket carries (the Cortex puts it in the ticket's detail), if any. */
export function proposalOf(ticket: TicketState): ProposalView | undefined {
  const preview = (ticket.detail as { preview?: { kind?: string; proposal?: ProposalView } } | undefined)?.preview;
  return ticket.kind === 'tool' && preview?.kind === 'write' ? preview.proposal : undefined;
}

const WORKSPACE_VOLUME = 'workspace:/';

export class WriteReviews implements vscode.Disposable {
  private readonly files = new ProposalFileSystem();
  private readonly originals = new OriginalContent();
  private readonly registrations: vscode.Disposable[];

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

  /** Opens the review diff beside the user's editor, leaving focus where it is. */
  async review(proposal: ProposalView): Promise<void> {
    const { left, right } = this.uris(proposal);
    this.files.propose(right, proposal.after);
    this.originals.set(left, proposal.before ?? '');
    const title = `${proposal.path} ${proposal.before === null ? '(new file)' : ''} ↔ proposed by RARO`.replace(/\s+/g, ' ');
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preserveFocus: true, preview: false, viewColumn: vscode.ViewColumn.Beside });
  }

  /** The applier the runtime gives the Cortex: workspace files through VS Code, other volumes through `fallback`. */
  applier(fallback: WriteApplier): WriteApplier {
    return {
      apply: async (proposal, signal) => {
        const { right } = this.uris(proposal);
        const text = this.files.reviewed(right) ?? proposal.after;
        this.files.forget(right);
        const edited = text !== proposal.after;
        if (!proposal.path.startsWith(WORKSPACE_VOLUME)) {
          const outcome = await fallback.apply({ ...proposal, after: text }, signal);
          return outcome.status === 'applied' ? { ...outcome, edited } : outcome;
        }
        return this.applyToWorkspace(proposal, text, edited, signal);
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
