/**
 * Tree items of the Runs view: a coloured status icon, the graph as label, start · duration · tokens ·
 * cost as description, a Markdown tooltip, and a context value per status for the menus.
 */
import * as vscode from 'vscode';
import type { HistoryStatus } from '../../../runtime/src/history';
import { preview } from '../../../runtime/src/describe';
import type { NodeElement, RunElement, RunsViewElement } from './runElements';
import { escapeMarkdown, nodeContextValue, nodeDescription, runContextValue, runDescription, runTooltip } from './runLabels';

const RUN_ICONS: Record<HistoryStatus | 'unreadable', [string, string]> = {
  completed: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  cancelled: ['circle-slash', 'disabledForeground'],
  paused: ['debug-pause', 'charts.yellow'],
  interrupted: ['debug-disconnect', 'list.warningForeground'],
  running: ['sync~spin', 'charts.blue'],
  unreadable: ['warning', 'list.errorForeground'],
};

const NODE_ICONS: Record<string, [string, string]> = {
  completed: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  skipped: ['debug-step-over', 'disabledForeground'],
  running: ['sync~spin', 'charts.blue'],
  waiting: ['bell', 'charts.yellow'],
  drought: ['warning', 'list.warningForeground'],
  expanded: ['type-hierarchy', 'charts.blue'],
  ready: ['circle-outline', 'charts.blue'],
  pending: ['circle-outline', 'disabledForeground'],
};

function icon([id, color]: [string, string]): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, new vscode.ThemeColor(color));
}

export function treeItemOf(element: RunsViewElement): vscode.TreeItem {
  switch (element.kind) {
    case 'run': return runItem(element);
    case 'node': return nodeItem(element);
    case 'note': {
      const item = new vscode.TreeItem(element.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('info');
      item.tooltip = element.text;
      return item;
    }
  }
}

function runItem(run: RunElement): vscode.TreeItem {
  const figures = run.figures;
  const label = figures?.graph ?? `${run.runId}.jsonl`;
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  // The run id, not the journal path: a live run and its journal entry are the same row (expansion kept).
  item.id = `run:${run.runId}`;
  item.iconPath = icon(RUN_ICONS[run.status]);
  item.contextValue = runContextValue(run.status);
  if (figures) {
    const description = runDescription(figures);
    item.description = description;
    item.tooltip = new vscode.MarkdownString(runTooltip(figures));
    item.accessibilityInformation = { label: `${label}, ${run.status}, ${description.replace(/ · /g, ', ')}` };
  } else {
    item.description = 'unreadable';
    item.tooltip = new vscode.MarkdownString(`**Unreadable journal**  \n${escapeMarkdown(run.reason ?? '')}`);
    item.accessibilityInformation = { label: `${label}, unreadable journal` };
  }
  return item;
}

function nodeItem(element: NodeElement): vscode.TreeItem {
  const { node } = element;
  const item = new vscode.TreeItem(node.nodeId, vscode.TreeItemCollapsibleState.None);
  item.id = `node:${element.runId}/${node.nodeId}`;
  item.iconPath = icon(NODE_ICONS[node.status] ?? ['circle-outline', 'disabledForeground']);
  item.description = nodeDescription(node);
  item.contextValue = nodeContextValue(element.runStatus, node.status);
  const lines = [`**${escapeMarkdown(node.nodeId)}** · ${node.status}`];
  if (node.agent !== undefined) lines.push(`Agent \`${node.agent}\``);
  if (node.origin !== 'blueprint') lines.push(`Spliced in by ${node.origin}${node.parent === undefined ? '' : ` from \`${node.parent}\``}`);
  if (node.attempts > 1) lines.push(`${node.attempts} attempts`);
  if (node.problem !== undefined) lines.push(escapeMarkdown(node.problem));
  if (node.output !== undefined) lines.push('', escapeMarkdown(preview(node.output, 400)));
  item.tooltip = new vscode.MarkdownString(lines.join('  \n'));
  return item;
}
