/**
 * A proposed file write, and the port a host implements to apply it. The Cortex builds the proposal when
 * it decides (so an `ask` ticket can carry the diff: path, before, after) and hands it to the host's
 * WriteApplier once approved. VS Code applies it as a WorkspaceEdit after a diff review, possibly with the
 * user's own edits; the default applier writes with node fs. Either way the proposal's `beforeHash` says
 * what the file was when the human looked: an applier must refuse, visibly, when the file changed since.
 */
import type { Logger } from '../logger';
import { PathEscapeError } from '../errors';
import { sha256, type Rfs } from '../rfs/rfs';

export interface WriteProposal {
  /** Unique per proposal (two nodes proposing the same file get two ids): `raro-proposal:/<runId>/<key>/<path>`. */
  id: string;
  runId: string;
  nodeId: string;
  idempotencyKey: string;
  /** RFS path, `workspace:/src/a.ts`. */
  path: string;
  /** Text of the file when proposed; null when the file does not exist. */
  before: string | null;
  beforeHash: string | null;
  after: string;
}

export type WriteOutcome =
  | {
    status: 'applied';
    /** The text that landed (the proposal's `after`, or the reviewer's edited version). */
    text: string;
    bytes: number;
    /** The reviewer changed the proposal before applying it. */
    edited: boolean;
  }
  | { status: 'rejected'; reason: string; code: 'STALE' | 'REJECTED' | 'FAILED' };

export interface WriteApplier {
  apply(proposal: WriteProposal, signal: AbortSignal): Promise<WriteOutcome>;
}

export function proposalId(runId: string, key: string, path: string): string {
  return `raro-proposal:/${encodeURIComponent(runId)}/${encodeURIComponent(key)}/${path.replace(/^[a-z]+:\//, '')}`;
}

export function hashOrNull(text: string | null): string | null {
  return text === null ? null : sha256(text);
}

/** The default applier: node fs through the RFS (safe against links), refusing stale proposals. */
export class NodeFsWriteApplier implements WriteApplier {
  constructor(private readonly rfsFor: (runId: string) => Rfs, private readonly logger?: Logger) {}

  async apply(proposal: WriteProposal, signal: AbortSignal): Promise<WriteOutcome> {
    signal.throwIfAborted();
    const rfs = this.rfsFor(proposal.runId);
    const target = rfs.normalize(proposal.path);
    let current: string | null;
    try {
      current = await rfs.readIfExists(target);
    } catch (error) {
      if (!(error instanceof PathEscapeError)) this.logger?.warn(`write ${proposal.path}: cannot read the current file`, error);
      return { status: 'rejected', code: 'FAILED', reason: error instanceof Error ? error.message : String(error) };
    }
    const currentHash = hashOrNull(current);
    if (currentHash !== proposal.beforeHash) {
      const was = proposal.beforeHash === null ? 'absent' : `sha256 ${proposal.beforeHash.slice(0, 12)}`;
      const now = currentHash === null ? 'absent' : `sha256 ${currentHash.slice(0, 12)}`;
      return { status: 'rejected', code: 'STALE', reason: `${proposal.path} changed since the write was proposed (was ${was}, now ${now}); not modified` };
    }
    signal.throwIfAborted();
    const bytes = await rfs.write(target, proposal.after);
    return { status: 'applied', text: proposal.after, bytes, edited: false };
  }
}
