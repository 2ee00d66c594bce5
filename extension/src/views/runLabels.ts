/**
 * The words of the Runs view (descriptions, tooltips, context values), kept free of `vscode` so they are
 * plain functions of a run's figures (the host benchmark renders 1,000 of them).
 */
import type { HistoryStatus, RunSummary } from '../../../runtime/src/history';
import { formatCompact, formatInt, formatMs } from '../../../runtime/src/units';
import { costCaveat, costText, type CostFlags } from '../../../runtime/src/costText';

/** What a run row shows, from a journal summary or from a live run's state. */
export type RunFigures = Pick<RunSummary, 'runId' | 'journal' | 'graph' | 'blueprintName' | 'status' | 'startedAt'>
  & Partial<Pick<RunSummary, 'durationMs' | 'tokens' | 'costUsd' | 'costEstimated' | 'costUnknown' | 'nodesDone' | 'nodesTotal' | 'tornTail' | 'forkOf'>>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `14:05` today, `Dec 6 14:05` this year, `2025-12-06 14:05` before (local time). */
export function formatStart(time: number, now = Date.now()): string {
  const d = new Date(time);
  const today = new Date(now);
  const clock = `${two(d.getHours())}:${two(d.getMinutes())}`;
  if (d.toDateString() === today.toDateString()) return clock;
  if (d.getFullYear() === today.getFullYear()) return `${MONTHS[d.getMonth()]} ${d.getDate()} ${clock}`;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${clock}`;
}

/** `14:05 · 3.2 s · 12k tok · $0.04`; a running run counts its duration up to `now`. */
export function runDescription(run: RunFigures, now = Date.now()): string {
  const parts = [formatStart(run.startedAt, now)];
  const duration = run.status === 'running' ? now - run.startedAt : run.durationMs;
  if (duration !== undefined) parts.push(formatMs(duration));
  if (run.status === 'running' && run.nodesTotal !== undefined) parts.push(`${run.nodesDone ?? 0}/${run.nodesTotal} nodes`);
  if (run.tokens !== undefined) parts.push(`${formatCompact(run.tokens)} tok`);
  if (run.costUsd !== undefined) parts.push(costText(runCost(run)));
  return parts.join(' · ');
}

const STATUS_WORDS: Record<HistoryStatus, string> = {
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  paused: 'Paused (resumable)',
  interrupted: 'Interrupted (resumable): the process that ran it stopped before the run ended',
  running: 'Running in this window',
};

/** Markdown lines of a run's tooltip (the view wraps them in a MarkdownString). */
export function runTooltip(run: RunFigures): string {
  const lines = [
    `**${escapeMarkdown(run.graph)}** · ${escapeMarkdown(run.blueprintName)}`,
    '',
    STATUS_WORDS[run.status],
    '',
    `Run \`${run.runId}\`, started ${new Date(run.startedAt).toLocaleString()}`,
  ];
  if (run.forkOf) lines.push(`Re-run of \`${run.forkOf.runId}\` from node \`${run.forkOf.fromNode}\``);
  if (run.durationMs !== undefined && run.status !== 'running') lines.push(`Duration ${formatMs(run.durationMs)}`);
  if (run.nodesTotal !== undefined) lines.push(`Nodes ${run.nodesDone ?? 0} of ${run.nodesTotal} ended`);
  lines.push(run.tokens === undefined ? 'Tokens and cost: counting…' : `Tokens ${formatInt(run.tokens)}, ${costWords(costText(runCost(run)))}`);
  const why = run.tokens === undefined ? undefined : costCaveat(runCost(run));
  if (why !== undefined) lines.push(why);
  if (run.tornTail) lines.push('The journal ends in a partial line (a crash mid-write): it is ignored.');
  lines.push('', `\`${run.journal}\``);
  return lines.join('  \n');
}

/** `cost $0.04`, but `cost unknown` alone. */
function costWords(text: string): string {
  return /^~?\$/.test(text) ? `cost ${text}` : text;
}

/** The run's cost figures with their flags, for costText. */
function runCost(run: RunFigures): CostFlags {
  return { costUsd: run.costUsd ?? 0, ...(run.costEstimated === true ? { estimated: true } : {}), ...(run.costUnknown === true ? { costUnknown: true } : {}) };
}

/** One line for a node row: `1.2 s · 340 tok · $0.01`, or why it failed or was skipped. */
export function nodeDescription(node: { status: string; durationMs?: number; tokens: number; problem?: string } & CostFlags): string {
  const parts: string[] = [node.status];
  if (node.durationMs !== undefined) parts.push(formatMs(node.durationMs));
  if (node.tokens > 0) parts.push(`${formatCompact(node.tokens)} tok`);
  if (node.costUsd > 0 || node.costUnknown === true) parts.push(costText(node));
  if (node.problem !== undefined) parts.push(node.problem);
  return parts.join(' · ');
}

/** `raro.run.<status>`: menus in package.json match on it (resume only for paused and interrupted). */
export function runContextValue(status: HistoryStatus | 'unreadable'): string {
  return `raro.run.${status}`;
}

/** `raro.node.<run status>.<node status>`: re-run from a node is offered on runs that are not running. */
export function nodeContextValue(runStatus: HistoryStatus, nodeStatus: string): string {
  return `raro.node.${runStatus}.${nodeStatus}`;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>-]/g, (ch) => `\\${ch}`);
}
