/**
 * How a run's or a node's cost reads in VS Code (status bar, Runs view, progress notification), from the
 * folded usage flags (kernel/src/state/fold.ts): `$0.0123`, `$0.0123 (est.)` when some tokens are the
 * chars/4 estimate (a server or `vscode.lm` reported none), `cost unknown` when nothing was priced, and
 * `$0.0123 + cost unknown` when part was. One place, so a shared runtime formatter can replace it.
 * Free of `vscode`: the Runs view's words are plain functions (runLabels.ts).
 */
import { formatUsd } from '../../../runtime/src/units';

export interface CostFigures {
  costUsd: number;
  /** Some tokens are estimated, so the cost is too. */
  estimated?: boolean;
  /** Some tokens have no price (unknown model): `costUsd` leaves them out. */
  costUnknown?: boolean;
}

/** `$0.0123`, `$0.0123 (est.)`, `cost unknown`, `$0.0123 + cost unknown`. */
export function costText(figures: CostFigures): string {
  const known = formatUsd(figures.costUsd);
  if (figures.costUnknown === true) return figures.costUsd > 0 ? `${known}${figures.estimated === true ? ' (est.)' : ''} + cost unknown` : 'cost unknown';
  return figures.estimated === true ? `${known} (est.)` : known;
}

/** The sentence a tooltip adds under the figure, or undefined when the cost is plain. */
export function costExplanation(figures: CostFigures): string | undefined {
  const parts: string[] = [];
  if (figures.estimated === true) parts.push('Some token counts are estimated (the model reported no usage), so the cost is an estimate.');
  if (figures.costUnknown === true) parts.push('Some calls used a model without a price: add it to the `raro.prices` setting or give the binding `input_price` and `output_price`.');
  return parts.length === 0 ? undefined : parts.join(' ');
}
