/**
 * Plain-text rendering of an estimate, for `raro estimate` and any host that shows it as text (the VS Code
 * Run quick pick detail uses `summaryLine`).
 */
import type { Range } from './range.js';
import type { NodeEstimate, RunEstimate } from './types.js';

export function formatTokens(range: Range): string {
  const one = (n: number): string => (n >= 10_000 ? `${Math.round(n / 1000)}k` : String(Math.round(n)));
  return range.min === range.max ? one(range.min) : `${one(range.min)}–${one(range.max)}`;
}

export function formatUsd(range: Range, unknown: boolean): string {
  const one = (n: number): string => `$${n === 0 ? '0' : n < 0.01 ? n.toFixed(4) : n.toFixed(2)}`;
  const known = range.min === range.max ? one(range.min) : `${one(range.min)}–${one(range.max)}`;
  return unknown ? `${known} + cost unknown` : known;
}

/** `12k–180k tokens, $0.01–$0.42` (one line for a quick pick or a CodeLens). */
export function summaryLine(estimate: RunEstimate): string {
  const { total } = estimate;
  return `${formatTokens({ min: total.inputTokens.min + total.outputTokens.min, max: total.inputTokens.max + total.outputTokens.max })} tokens, ${formatUsd(total.costUsd, total.costUnknown)}`;
}

/** A table: one line per node, then the total, the blueprint's caps and the method. */
export function formatEstimate(estimate: RunEstimate): string {
  const rows = [['node', 'model', 'calls', 'input tokens', 'output tokens', 'cost (USD)'], ...estimate.nodes.map(row)];
  rows.push(['total', '', formatTokens(estimate.total.calls), formatTokens(estimate.total.inputTokens), formatTokens(estimate.total.outputTokens), formatUsd(estimate.total.costUsd, estimate.total.costUnknown)]);
  const widths = rows[0].map((_, column) => Math.max(...rows.map((r) => r[column].length)));
  const lines = rows.map((r) => r.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.splice(lines.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const notes = estimate.nodes.filter((n) => n.notes.length > 0).map((n) => `  ${n.id}: ${n.notes.join('; ')}`);
  if (notes.length > 0) lines.push('', 'Bounds:', ...notes);
  const caps = [estimate.limits.tokens === undefined ? '' : `tokens ${estimate.limits.tokens}`, estimate.limits.costUsd === undefined ? '' : `cost ${estimate.limits.costUsd} usd`].filter((c) => c !== '');
  if (caps.length > 0) lines.push('', `The blueprint's limits pause the run at ${caps.join(', ')}.`);
  const counted = estimate.nodes.some((n) => n.method === 'counted');
  lines.push('', `Method: ${counted ? 'fixed prompt text counted by the provider, the rest at' : 'about'} 4 characters per token; answers ${estimate.assumptions.minOutputTokens}–${estimate.assumptions.maxOutputTokens} tokens unless max_tokens says otherwise; retries not included.`);
  return lines.join('\n');
}

function row(node: NodeEstimate): string[] {
  return [node.id, node.model ?? '(host default)', formatTokens(node.calls), formatTokens(node.inputTokens), formatTokens(node.outputTokens), formatUsd(node.costUsd, node.costUnknown)];
}
