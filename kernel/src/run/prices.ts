/**
 * Billing of provider turns from the one price table (language/src/contract/prices.ts). The kernel keeps
 * only the host's overrides (`KernelHost.prices`); the list prices, the puppet being free and a binding's
 * own price options are applied by `lookupPrice`. A model without a price costs nothing in the sums but
 * marks the usage `costUnknown`, so a run never shows a confident $0 for a model it cannot price.
 */
import type { ModelIR } from '../../../language/src/ir';
import { LIST_PRICES, costUsd, lookupPrice, type ModelPrice, type PriceTable, type TokenCounts } from '../../../language/src/contract/prices';

export type { ModelPrice, PriceTable };

/** The built-in list prices (read-only); hosts pass overrides, not a copy of this. */
export const defaultPriceTable: PriceTable = LIST_PRICES;

export interface TurnCost {
  usd: number;
  /** False when no price applies: `usd` is 0 and the usage is flagged `costUnknown`. */
  known: boolean;
}

/** The cost of one turn served by `providerId` for `model`, under the host's `overrides`. */
export function turnCost(overrides: PriceTable, providerId: string, model: ModelIR | undefined, usage: TokenCounts): TurnCost {
  const lookup = lookupPrice({ provider: providerId, model: model?.model, options: model?.options, overrides });
  return lookup.known ? { usd: costUsd(lookup.price, usage), known: true } : { usd: 0, known: false };
}
