/** Words and numbers shown for a node (in the graph, the inspector, the screen reader). */
import type { PanelNode } from '../../../protocol/src/snapshot';
import { STATUS_LOOK } from './status';

export function formatCost(usd: number): string {
  return usd === 0 ? '$0' : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function tokens(n: PanelNode): number {
  return n.usage.inputTokens + n.usage.outputTokens;
}

/** One line under the node's name: status word, tokens, cost, attempts. */
export function nodeSummary(n: PanelNode): string {
  const parts = [STATUS_LOOK[n.status].word];
  const t = tokens(n);
  if (t > 0) parts.push(`${t} tok`);
  if (n.usage.costUsd > 0) parts.push(formatCost(n.usage.costUsd));
  if (n.attempts > 1) parts.push(`try ${n.attempts}`);
  return parts.join(' · ');
}
