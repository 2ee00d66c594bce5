/**
 * Tokens and cost as every host shows them (CLI summary and tree, VS Code status bar and Runs view), with the
 * folded usage flags made visible: a cost that rests on estimated token counts is `~$0.0123 est.`, a model
 * without a price is `cost unknown` (never a confident `$0`), and a sum with both kinds of parts says both.
 */
import { formatInt, formatUsd } from './units';

/** The cost of a folded Usage (kernel/src/state/fold.ts) and its flags. */
export interface CostFlags {
  costUsd: number;
  /** Some token counts are the chars/4 estimate (the server reported none, or `vscode.lm`). */
  estimated?: boolean;
  /** Some tokens have no price: `costUsd` leaves them out. */
  costUnknown?: boolean;
}

/** The parts of a folded Usage the one-line text needs. */
export interface CostFigures extends CostFlags {
  inputTokens: number;
  outputTokens: number;
}

/** `$0.0123`, `~$0.0123 est.`, `cost unknown`, or `$0.0123 + cost unknown` when only part is priced. */
export function costText(usage: CostFlags): string {
  const priced = usage.estimated === true ? `~${formatUsd(usage.costUsd)} est.` : formatUsd(usage.costUsd);
  if (usage.costUnknown !== true) return priced;
  return usage.costUsd > 0 ? `${priced} + cost unknown` : 'cost unknown';
}

/** `1,234 tokens (1,000 in, 234 out)`; `~1,234 tokens (est.) ...` when some counts are estimated. */
export function tokensText(usage: CostFigures): string {
  const total = formatInt(usage.inputTokens + usage.outputTokens);
  const approx = usage.estimated === true ? '~' : '';
  return `${approx}${total} tokens (${formatInt(usage.inputTokens)} in, ${formatInt(usage.outputTokens)} out)`;
}

/** `1,234 tokens (1,000 in, 234 out), ~$0.0123 est.`: the one-line usage of a run or node. */
export function usageText(usage: CostFigures): string {
  return `${tokensText(usage)}, ${costText(usage)}`;
}

/** A tooltip line explaining the flags shown, or undefined when the figures are plain. */
export function costCaveat(usage: CostFlags): string | undefined {
  const notes: string[] = [];
  if (usage.estimated === true) notes.push('some token counts are estimated (about 4 characters a token): the server reported none');
  if (usage.costUnknown === true) notes.push('some models have no known price: give the binding input_price/output_price, or add the model to the price overrides (the raro.prices setting in VS Code, --prices in the CLI)');
  return notes.length === 0 ? undefined : `${notes.join('; ')}.`;
}
