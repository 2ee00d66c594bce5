/**
 * The "Pending Interventions" view: every open ticket of every run in this window, each with its choices
 * as children (clicking one answers through the ticket center), and a badge on the RARO view container so
 * a ticket whose notification hid itself is not lost.
 */
import * as vscode from 'vscode';
import { CHOICE_LABELS } from '../../../kernel/src';
import { COMMANDS } from '../commandIds';
import { proposalOf } from '../cortex/writeReviews';
import type { OpenTicket, TicketCenter } from '../tickets/ticketCenter';

type Item = { kind: 'ticket'; open: OpenTicket } | { kind: 'choice'; open: OpenTicket; choice: string } | { kind: 'review'; open: OpenTicket };

const ICON: Record<string, string> = { approval: 'pass', tool: 'tools', drought: 'warning', budget: 'credit-card' };

export class InterventionsView implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Item>;
  private readonly subscription: vscode.Disposable;

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
    if (!item) return this.center.open().map((open) => ({ kind: 'ticket', open }));
    if (item.kind === 'ticket') {
      const choices: Item[] = item.open.ticket.options.map((choice) => ({ kind: 'choice', open: item.open, choice }));
      return proposalOf(item.open.ticket) ? [{ kind: 'review', open: item.open }, ...choices] : choices;
    }
    return [];
  }

  getTreeItem(item: Item): vscode.TreeItem {
    const { run, ticket } = item.open;
    if (item.kind === 'ticket') {
      const tree = new vscode.TreeItem(ticket.message, vscode.TreeItemCollapsibleState.Expanded);
      tree.description = `${run.graph} · ${ticket.kind}${ticket.nodeId ? ` · ${ticket.nodeId}` : ''}`;
      tree.iconPath = new vscode.ThemeIcon(ICON[ticket.kind] ?? 'bell');
      tree.tooltip = `Run ${run.runId}\n${ticket.message}\nChoices: ${ticket.options.join(', ')}`;
      tree.contextValue = `ticket.${ticket.kind}`;
      return tree;
    }
    if (item.kind === 'review') {
      const review = new vscode.TreeItem('Review the diff', vscode.TreeItemCollapsibleState.None);
      review.command = { command: COMMANDS.reviewWrite, title: 'Review', arguments: [run.runId, ticket.ticketId] };
      review.iconPath = new vscode.ThemeIcon('diff');
      return review;
    }
    const tree = new vscode.TreeItem(CHOICE_LABELS[item.choice] ?? item.choice, vscode.TreeItemCollapsibleState.None);
    tree.command = { command: COMMANDS.answerTicket, title: 'Answer', arguments: [run.runId, ticket.ticketId, item.choice] };
    tree.iconPath = new vscode.ThemeIcon('debug-continue-small');
    tree.accessibilityInformation = { label: `${CHOICE_LABELS[item.choice] ?? item.choice}: ${ticket.message}` };
    return tree;
  }

  dispose(): void {
    this.subscription.dispose();
    this.view.dispose();
    this.changed.dispose();
  }
}
