/**
 * Open tickets of every run in this window, answered from a native notification, the Interventions view
 * or the graph panel: all three go through `answer`, so answering in one place clears the others. A ticket
 * whose toast hid itself stays in the view and on the status bar until it is answered.
 */
import * as vscode from 'vscode';
import { CHOICE_LABELS, KernelError, TICKET_NO, TICKET_YES, type RunEvent, type TicketAnswer, type TicketState } from '../../../kernel/src';
import type { WriteReviews } from '../cortex/writeReviews';
import type { RunLogger } from '../../../runtime/src/ports';
import { Coalescer } from '../runs/coalescer';
import type { LiveRun } from '../runs/liveRun';
import { askDenyReason, completeAnswer } from './answerDetails';
import { pendingWritesOf, proposalLabel, proposalOf, supersession, writeGroupOf, writeKey, type ProposalView, type Supersession, type WriteTicket } from './writeTickets';

export interface OpenTicket {
  run: LiveRun;
  ticket: TicketState;
}

export class TicketCenter implements vscode.Disposable {
  private readonly changes = new Coalescer(100);
  readonly onDidChange = this.changes.event;
  private readonly runs = new Set<LiveRun>();
  /** Arrival order of tickets in this window, by writeKey: what "newer" means across runs. */
  private readonly arrivals = new Map<string, number>();

  constructor(private readonly logger: RunLogger, private readonly reviews: WriteReviews) {}

  open(): OpenTicket[] {
    const open: OpenTicket[] = [];
    for (const run of this.runs) {
      for (const ticket of run.state().tickets.values()) if (ticket.open) open.push({ run, ticket });
    }
    return open;
  }

  /** Registry hook: every event of every run. */
  onRunEvent(run: LiveRun, event: RunEvent): void {
    if (event.type === 'cortex.ticket') {
      this.runs.add(run);
      this.arrivals.set(writeKey(run.runId, event.ticketId), this.arrivals.size + 1);
      this.changes.poke();
      // An automatic answer (approvals mode all / none) arrives a few microtasks later: notify only if it did not.
      setTimeout(() => {
        const ticket = run.state().tickets.get(event.ticketId);
        if (ticket?.open) this.notify(run, ticket);
      }, 0);
    } else if (event.type === 'ticket.answered' || event.type === 'run.completed' || event.type === 'run.failed' || event.type === 'run.cancelled') {
      this.changes.poke();
    }
  }

  /** Every write ticket (open or answered) of the runs seen, for supersession and per-node grouping. */
  writes(): WriteTicket[] {
    const writes: WriteTicket[] = [];
    for (const run of this.runs) {
      for (const ticket of run.state().tickets.values()) {
        const proposal = proposalOf(ticket);
        if (!proposal) continue;
        const order = this.arrivals.get(writeKey(run.runId, ticket.ticketId)) ?? ticket.seq;
        writes.push({ runId: run.runId, ticket, proposal, order, group: this.groupOf(run, ticket) });
      }
    }
    return writes;
  }

  supersession(): Supersession {
    return supersession(this.writes());
  }

  /** The node a ticket's writes are reviewed with (a map instance's map node). */
  groupOf(run: LiveRun, ticket: TicketState): string | undefined {
    return writeGroupOf(ticket.nodeId, ticket.nodeId === undefined ? undefined : run.state().nodes.get(ticket.nodeId)?.spec);
  }

  /** The open write tickets of one node group (what "Review all" / "Approve all" act on). */
  pendingWrites(run: LiveRun, group: string | undefined): WriteTicket[] {
    return pendingWritesOf(this.writes(), run.runId, group);
  }

  private notify(run: LiveRun, ticket: TicketState): void {
    const proposal = proposalOf(ticket);
    if (proposal) return this.notifyWrite(run, ticket, proposal);
    const labels = ticket.options.map((o) => CHOICE_LABELS[o] ?? o);
    const text = `RARO · ${run.graph}: ${ticket.message}`;
    const shown = ticket.kind === 'approval' || ticket.kind === 'tool'
      ? vscode.window.showInformationMessage(text, ...labels)
      : vscode.window.showWarningMessage(text, ...labels);
    shown.then(
      (label) => {
        if (label === undefined) return; // dismissed: the ticket stays in the Interventions view
        const choice = ticket.options[labels.indexOf(label)];
        // A question cancelled on the way (a reason, a value, a limit) brings the notification back.
        return this.answer(run, ticket.ticketId, choice).then((answered) => {
          if (!answered && run.state().tickets.get(ticket.ticketId)?.open) this.notify(run, ticket);
        });
      },
      (err: unknown) => this.logger.error(`ticket notification failed: ${String(err)}`),
    );
  }

  /**
   * A proposed file write: Approve, Reject, or Review (the diff opens, then the question comes back). It
   * names the older pending proposals for the same file it supersedes, and offers "Review all N writes of
   * <node>" once the node has two or more waiting.
   */
  private notifyWrite(run: LiveRun, ticket: TicketState, proposal: ProposalView): void {
    const verb = proposal.before === null ? 'create' : 'change';
    const older = this.supersession().supersedes.get(writeKey(run.runId, ticket.ticketId)) ?? [];
    const supersedes = older.length === 0 ? '' : ` (supersedes ${older.map(proposalLabel).join(', ')}, still pending)`;
    const text = `RARO · ${run.graph}: ${ticket.nodeId ?? 'an agent'} wants to ${verb} ${proposal.path}${supersedes}`;
    const node = this.groupOf(run, ticket);
    const group = this.pendingWrites(run, node);
    const reviewAll = group.length >= 2 ? [reviewAllLabel(group.length, node)] : [];
    const grant = CHOICE_LABELS.allow_rule;
    vscode.window.showInformationMessage(text, 'Approve', 'Reject', 'Review', ...reviewAll, grant).then(
      async (label) => {
        if (label === 'Approve') return this.answer(run, ticket.ticketId, TICKET_YES.tool);
        if (label === grant) return this.answer(run, ticket.ticketId, 'allow_rule');
        if (label === 'Reject') {
          // Escape on the reason cancels the rejection: the question comes back instead of vanishing.
          if (!(await this.answer(run, ticket.ticketId, TICKET_NO.tool)) && run.state().tickets.get(ticket.ticketId)?.open) this.notifyWrite(run, ticket, proposal);
          return undefined;
        }
        if (label !== undefined && label === reviewAll[0]) return this.reviewAll(run, node);
        if (label === 'Review') {
          await this.review(run, ticket.ticketId);
          if (run.state().tickets.get(ticket.ticketId)?.open) this.notifyWrite(run, ticket, proposal);
        }
        return undefined;
      },
      (err: unknown) => this.logger.error(`write notification failed: ${String(err)}`),
    );
  }

  /** Opens the review diff of a write ticket (focus stays where the user is). */
  async review(run: LiveRun, ticketId: string): Promise<void> {
    const ticket = run.state().tickets.get(ticketId);
    const proposal = ticket && proposalOf(ticket);
    if (!proposal) {
      void vscode.window.showInformationMessage('RARO: this ticket proposes no file write to review.');
      return;
    }
    await this.reviews.review(proposal);
  }

  /**
   * Opens every pending write of a node together (the multi-file changes editor), then asks Approve all /
   * Reject all. Each write still lands through the applier on its own: one WorkspaceEdit, one Undo, per file.
   */
  async reviewAll(run: LiveRun, nodeId: string | undefined): Promise<void> {
    const group = this.pendingWrites(run, nodeId);
    if (group.length === 0) {
      void vscode.window.showInformationMessage(`RARO: ${nodeId ?? 'this node'} has no pending write to review.`);
      return;
    }
    await this.reviews.reviewMany(group.map((w) => w.proposal), `RARO: ${group.length} writes of ${nodeId ?? 'an agent'} (${run.graph})`);
    const approve = `Approve all ${group.length}`;
    const label = await vscode.window.showInformationMessage(`RARO · ${run.graph}: ${nodeId ?? 'an agent'} proposes ${group.length} writes (${group.map((w) => w.proposal.path).join(', ')}).`, approve, 'Reject all');
    if (label === approve) await this.answerAll(run, nodeId, TICKET_YES.tool);
    else if (label === 'Reject all') await this.answerAll(run, nodeId, TICKET_NO.tool);
  }

  /** Answers every pending write of a node with one choice; returns how many were answered. */
  async answerAll(run: LiveRun, nodeId: string | undefined, choice: string): Promise<number> {
    const writes = this.pendingWrites(run, nodeId);
    // One reason for all of them, asked once.
    const reason = choice === TICKET_NO.tool && writes.length > 0 ? await askDenyReason(`${writes.length} writes of ${nodeId ?? 'an agent'}`) : '';
    if (reason === undefined) return 0;
    const preset: TicketAnswer = reason.trim() === '' ? { choice } : { choice, note: reason.trim() };
    let answered = 0;
    for (const write of writes) if (await this.answer(run, write.ticket.ticketId, choice, preset)) answered++;
    return answered;
  }

  /**
   * Answers one ticket with one of its choices; choices that need a value (provide input, raise a limit,
   * which upstream to re-run) ask for it first. Returns false when nothing was answered.
   */
  async answer(run: LiveRun, ticketId: string, choice: string, preset?: TicketAnswer): Promise<boolean> {
    const ticket = run.state().tickets.get(ticketId);
    if (!ticket?.open) {
      void vscode.window.showInformationMessage(`RARO: this ticket was already answered${ticket?.answer ? ` (${ticket.answer.choice})` : ''}.`);
      return false;
    }
    const answer: TicketAnswer | undefined = preset ?? await completeAnswer(run, ticket, choice);
    if (!answer) return false;
    try {
      run.handle.answer(ticketId, answer);
      this.changes.poke();
      return true;
    } catch (err) {
      if (!(err instanceof KernelError)) throw err;
      this.logger.warn(`answer to ticket ${ticketId} refused: ${err.message}`);
      void vscode.window.showWarningMessage(`RARO: ${err.message}`);
      return false;
    }
  }

  dispose(): void {
    this.changes.dispose();
  }
}

export function reviewAllLabel(count: number, nodeId: string | undefined): string {
  return `Review all ${count} writes of ${nodeId ?? 'this node'}`;
}
