/**
 * The status bar item of the current run: a spinner with nodes done / total, tokens and cost while it runs,
 * "waiting for you" with the count of open tickets, and the outcome once it ended. Redrawn on the registry's
 * coalesced change (at most ~10 per second). Clicking it opens the run's graph.
 */
import * as vscode from 'vscode';
import { doneCount, type RunState } from '../../../kernel/src';
import { COMMANDS } from '../commandIds';
import type { TicketCenter } from '../tickets/ticketCenter';
import { costCaveat, costText } from '../../../runtime/src/costText';
import type { RunRegistry } from './runRegistry';

const FINAL_ICON: Record<string, string> = { completed: '$(check)', failed: '$(error)', cancelled: '$(circle-slash)' };

function progressOf(state: Readonly<RunState>): string {
  const done = doneCount(state.counts);
  const tokens = state.usage.inputTokens + state.usage.outputTokens;
  return `${done}/${state.nodes.size} · ${formatTokens(tokens)} tok · ${costText(state.usage)}`;
}

export function formatTokens(tokens: number): string {
  return tokens >= 10_000 ? `${(tokens / 1000).toFixed(1)}k` : String(tokens);
}

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('raro.run', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly registry: RunRegistry, private readonly tickets: TicketCenter) {
    this.item.name = 'RARO run';
    this.subscriptions = [registry.onDidChange(() => this.render()), tickets.onDidChange(() => this.render())];
  }

  private render(): void {
    const run = this.registry.current();
    if (!run) return this.item.hide();
    const state = run.state();
    const waiting = this.tickets.open().filter((t) => t.run === run).length;
    const final = FINAL_ICON[state.status];
    if (final) this.item.text = `${final} RARO ${run.graph}: ${state.status} · ${progressOf(state)}`;
    else if (waiting > 0) this.item.text = `$(bell-dot) RARO ${run.graph}: waiting for you (${waiting})`;
    else if (state.status === 'paused') this.item.text = `$(debug-pause) RARO ${run.graph}: paused · ${progressOf(state)}`;
    else this.item.text = `$(sync~spin) RARO ${run.graph} ${progressOf(state)}`;
    const why = costCaveat(state.usage);
    this.item.tooltip = `Run ${run.runId} (${state.status})${why === undefined ? '' : `\n${why}`}\nClick to show its graph`;
    this.item.command = { command: COMMANDS.showGraph, title: 'Show graph', arguments: [{ runId: run.runId }] };
    this.item.backgroundColor = waiting > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: this.item.text.replace(/\$\([^)]*\)\s*/g, '') };
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
