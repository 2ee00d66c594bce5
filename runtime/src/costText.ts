/**
 * Tokens and cost as every host shows them (CLI summary and tree, VS Code status bar and Runs view), with the
 * folded usage flags made visible: a cost that rests on estimated token counts is `~$0.0123 est.`, a model
 * without a price is `cost unknown` (never a confident `$0`), and a sum with both kinds of parts says both.
 */
import { formatInt } from './units';

/** The parts of a folded Usage (kernel/src/state/fold.ts) the text needs. */
export interface CostFigures {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Some token counts are the chars/4 estimate (the server reported none, or `vscode.lm`). */
  estimated?: boolean;
  /** Some tokens have no price: `costUsd` leaves them out. */
  costUnknown?: boolean;
}

/** `$0.0123` (four decimals under a dollar, so small runs do not all read `$0.01`), else `$1.25`. */
function dollars(usd: number): string {
  return usd === 0 ? '$0' : usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** `$0.0123`, `~$0.0123 est.`, `cost unknown`, or `$0.0123 + cost unknown` when only part is priced. */
export function costText(usage: CostFigures): string {
  const priced = usage.estimated === true ? `~${dollars(usage.costUsd)} est.` : dollars(usage.costUsd);
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
export function costCaveat(usage: CostFigures): string | undefined {
  const notes: string[] = [];
  if (usage.estimated === true) notes.push('some token counts are estimated (about 4 characters a token): the server reported none');
  if (usage.costUnknown === true) notes.push('some models have no known price: add input_price/output_price to the binding, or a prices override');
  return notes.length === 0 ? undefined : `${notes.join('; ')}.`;
}
