/**
 * Write tickets seen together: which pending proposals a newer one for the same file supersedes, and which
 * writes of one node can be reviewed and answered together. A node's group is the node, or for a map
 * instance (`writer[2]`) its map node: the kernel runs one node's tool calls one after the other, so
 * several writes are pending at once when a map's instances propose them in parallel. Pure (no `vscode`), so it is unit-tested; the
 * ticket center and the Interventions view show what it finds.
 */
import { TICKET_YES, type TicketState } from '../../../kernel/src';
import type { WriteProposal } from '../../../cortex/src';

export type ProposalView = Pick<WriteProposal, 'id' | 'path' | 'before' | 'beforeHash' | 'after'>;

/** The write proposal a tool ticket carries (the Cortex puts it in the ticket's detail), if any. */
export function proposalOf(ticket: TicketState): ProposalView | undefined {
  const preview = (ticket.detail as { preview?: { kind?: string; proposal?: ProposalView } } | undefined)?.preview;
  return ticket.kind === 'tool' && preview?.kind === 'write' ? preview.proposal : undefined;
}

export interface WriteTicket {
  runId: string;
  ticket: TicketState;
  proposal: ProposalView;
  /** Arrival order in this window (tickets of different runs have no common seq). */
  order: number;
  /** The node whose writes this one is reviewed with (writeGroupOf). */
  group: string | undefined;
}

/** The node a ticket's writes are grouped under: a map instance's map node, else the node itself. */
export function writeGroupOf(nodeId: string | undefined, spec: { origin?: string; parent?: string } | undefined): string | undefined {
  return spec?.origin === 'map' && spec.parent !== undefined ? spec.parent : nodeId;
}

export function writeKey(runId: string, ticketId: string): string {
  return `${runId}/${ticketId}`;
}

export interface Supersession {
  /** An open proposal -> the newer one for the same file (still open, or approved). */
  supersededBy: Map<string, WriteTicket>;
  /** A proposal -> the open older ones it supersedes. */
  supersedes: Map<string, WriteTicket[]>;
}

/** A rejected newer proposal supersedes nothing: the older one is again the only candidate for the file. */
function stillStands(write: WriteTicket): boolean {
  return write.ticket.open || write.ticket.answer?.choice === TICKET_YES.tool;
}

export function supersession(writes: readonly WriteTicket[]): Supersession {
  const result: Supersession = { supersededBy: new Map(), supersedes: new Map() };
  const byPath = new Map<string, WriteTicket[]>();
  for (const write of [...writes].sort((a, b) => a.order - b.order)) {
    if (!stillStands(write)) continue;
    const list = byPath.get(write.proposal.path) ?? [];
    list.push(write);
    byPath.set(write.proposal.path, list);
  }
  for (const list of byPath.values()) {
    for (const [index, older] of list.entries()) {
      const newer = list.at(-1) as WriteTicket;
      if (index === list.length - 1 || !older.ticket.open) continue;
      result.supersededBy.set(writeKey(older.runId, older.ticket.ticketId), newer);
      const key = writeKey(newer.runId, newer.ticket.ticketId);
      result.supersedes.set(key, [...(result.supersedes.get(key) ?? []), older]);
    }
  }
  return result;
}

/** The open write tickets of one node (group) of one run, oldest first. */
export function pendingWritesOf(writes: readonly WriteTicket[], runId: string, group: string | undefined): WriteTicket[] {
  if (group === undefined) return [];
  return writes.filter((w) => w.runId === runId && w.group === group && w.ticket.open).sort((a, b) => a.order - b.order);
}

/** "notes.md (node editor)": how a proposal is named to the user. */
export function proposalLabel(write: WriteTicket): string {
  return `${write.ticket.nodeId ?? 'an agent'}'s proposal for ${write.proposal.path}`;
}
