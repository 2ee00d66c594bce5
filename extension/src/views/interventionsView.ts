/**
 * The "Pending Interventions" view: every open ticket of every run in this window, each with its choices
 * as children (clicking one answers through the ticket center), and a badge on the RARO view container so
 * a ticket whose notification hid itself is not lost. A write ticket says which older proposal for the same
 * file it supersedes (or that it is superseded), and a node with 2+ pending writes offers them together.
 */
import * as vscode from 'vscode';
import { CHOICE_LABELS, TICKET_NO, TICKET_YES } from '../../../kernel/src';
import { COMMANDS } from '../commandIds';
import { reviewAllLabel, type OpenTicket, type TicketCenter } from '../tickets/ticketCenter';
import { proposalLabel, proposalOf, writeKey, type Supersession } from '../tickets/writeTickets';

type Item =
  | { kind: 'ticket'; open: OpenTicket }
  | { kind: 'choice'; open: OpenTicket; choice: string }
  | { kind: 'review'; open: OpenTicket }
  | { kind: 'group'; open: OpenTicket; group: string; count: number; action: 'review' | 'approve' | 'reject' };

const ICON: Record<string, string> = { approval: 'pass', tool: 'tools', drought: 'warning', budget: 'credit-card' };

/** The ticket item's own id as the node-writes commands take it from a context menu. */
export function isOpenTicketItem(arg: unknown): arg is { kind: 'ticket'; open: OpenTicket } {
  return typeof arg === 'object' && arg !== null && (arg as Item).kind === 'ticket' && 'open' in arg;
}

export class InterventionsView implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Item>;
  private readonly subscription: vscode.Disposable;
  private supersession: Supersession = { supersededBy: new Map(), supersedes: new Map() };

  constructor(private readonly center: TicketCenter) {
    this.view = vscode.window.createTreeView('raro.interventions', { treeDataProvider: this });
    this.subscription = center.onDidChange(() => this.refresh());
  }

  private refresh(): void {
    const count = this.center.open().length;
    this.view.badge = count === 0 ? undefined : { value: count, tooltip: `${count} RARO ticket(s) waiting for you` };
    this.changed.fire();
  }

  getChildren(item?: Item): Item[] {
    if (!item) {
      this.supersession = this.center.supersession();
      return this.center.open().map((open) => ({ kind: 'ticket', open }));
    }
    if (item.kind !== 'ticket') return [];
    const choices: Item[] = item.open.ticket.options.map((choice) => ({ kind: 'choice', open: item.open, choice }));
    if (!proposalOf(item.open.ticket)) return choices;
    const node = this.center.groupOf(item.open.run, item.open.ticket);
    const count = this.center.pendingWrites(item.open.run, node).length;
    const group: Item[] = count < 2 || node === undefined ? [] : (['review', 'approve', 'reject'] as const).map((action) => ({ kind: 'group', open: item.open, group: node, count, action }));
    return [{ kind: 'review', open: item.open }, ...group, ...choices];
  }

  getTreeItem(item: Item): vscode.TreeItem {
    const { run, ticket } = item.open;
    if (item.kind === 'ticket') return this.ticketItem(item.open);
    if (item.kind === 'review') {
      const review = new vscode.TreeItem('Review the diff', vscode.TreeItemCollapsibleState.None);
      review.command = { command: COMMANDS.reviewWrite, title: 'Review', arguments: [run.runId, ticket.ticketId] };
      review.iconPath = new vscode.ThemeIcon('diff');
      return review;
    }
    if (item.kind === 'group') return groupItem(item);
    const tree = new vscode.TreeItem(CHOICE_LABELS[item.choice] ?? item.choice, vscode.TreeItemCollapsibleState.None);
    tree.command = { command: COMMANDS.answerTicket, title: 'Answer', arguments: [run.runId, ticket.ticketId, item.choice] };
    tree.iconPath = new vscode.ThemeIcon('debug-continue-small');
    tree.accessibilityInformation = { label: `${CHOICE_LABELS[item.choice] ?? item.choice}: ${ticket.message}` };
    return tree;
  }

  private ticketItem(open: OpenTicket): vscode.TreeItem {
    const { run, ticket } = open;
    const key = writeKey(run.runId, ticket.ticketId);
    const newer = this.supersession.supersededBy.get(key);
    const older = this.supersession.supersedes.get(key) ?? [];
    const note = newer ? ` · superseded by ${proposalLabel(newer)}` : older.length > 0 ? ` · supersedes ${older.map(proposalLabel).join(', ')}` : '';
    const tree = new vscode.TreeItem(ticket.message, vscode.TreeItemCollapsibleState.Expanded);
    tree.description = `${run.graph} · ${ticket.kind}${ticket.nodeId ? ` · ${ticket.nodeId}` : ''}${note}`;
    tree.iconPath = new vscode.ThemeIcon(newer ? 'history' : ICON[ticket.kind] ?? 'bell');
    const stale = newer ? '\nSuperseded: still answerable, but once the newer proposal is applied, approving this one is refused (the file changed).' : '';
    tree.tooltip = `Run ${run.runId}\n${ticket.message}\nChoices: ${ticket.options.join(', ')}${note ? `\n${note.slice(3)}` : ''}${stale}`;
    const grouped = proposalOf(ticket) && this.center.pendingWrites(run, this.center.groupOf(run, ticket)).length >= 2;
    tree.contextValue = grouped ? `ticket.${ticket.kind}.writeGroup` : `ticket.${ticket.kind}`;
    return tree;
  }

  dispose(): void {
    this.subscription.dispose();
    this.view.dispose();
    this.changed.dispose();
  }
}

function groupItem(item: Extract<Item, { kind: 'group' }>): vscode.TreeItem {
  const { run } = item.open;
  const node = item.group;
  if (item.action === 'review') {
    const tree = new vscode.TreeItem(reviewAllLabel(item.count, node), vscode.TreeItemCollapsibleState.None);
    tree.command = { command: COMMANDS.reviewNodeWrites, title: 'Review all', arguments: [run.runId, node] };
    tree.iconPath = new vscode.ThemeIcon('diff-multiple');
    return tree;
  }
  const approve = item.action === 'approve';
  const tree = new vscode.TreeItem(`${approve ? 'Approve' : 'Reject'} all ${item.count} writes of ${node}`, vscode.TreeItemCollapsibleState.None);
  tree.command = { command: COMMANDS.answerNodeWrites, title: approve ? 'Approve all' : 'Reject all', arguments: [run.runId, node, approve ? TICKET_YES.tool : TICKET_NO.tool] };
  tree.iconPath = new vscode.ThemeIcon(approve ? 'check-all' : 'close-all');
  return tree;
}
