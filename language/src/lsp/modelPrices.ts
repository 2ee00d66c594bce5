/**
 * Prices for hover and completion, read from the one price table (contract/prices.ts) that the kernel
 * also bills with, so what the editor shows is what a run counts against its `cost` limit.
 */
import { LIST_PRICES, lookupPrice, type ModelPrice } from '../contract/prices.js';

export type { ModelPrice };

/** Price of `model` under `provider` (with the binding's own price options), or undefined when unknown. */
export function priceOf(provider: string, model: string, options?: Readonly<Record<string, string | number | boolean>>): ModelPrice | undefined {
  const lookup = lookupPrice({ provider, model, ...(options ? { options } : {}) });
  return lookup.known ? lookup.price : undefined;
}

/** Model ids with a known price, for completion inside a model binding's string. */
export function knownModelIds(): string[] {
  return Object.keys(LIST_PRICES);
}

/** `$0.30 in / $2.50 out per 1M tokens`, or a note that the price is unknown. */
export function formatPrice(price: ModelPrice | undefined): string {
  if (!price) return 'price unknown (local or custom model)';
  if (price.inputPerMTok === 0 && price.outputPerMTok === 0) return 'free (no provider calls)';
  const usd = (n: number): string => `$${n < 0.1 ? n.toFixed(3) : n.toFixed(2)}`;
  return `${usd(price.inputPerMTok)} in / ${usd(price.outputPerMTok)} out per 1M tokens`;
}

/** The line under a model's hover: cached price and the date of the figure, when there are any. */
export function priceDetail(price: ModelPrice | undefined): string | undefined {
  if (!price || (price.inputPerMTok === 0 && price.outputPerMTok === 0)) return undefined;
  const parts: string[] = [];
  if (price.cachedInputPerMTok !== undefined) parts.push(`cached input $${price.cachedInputPerMTok} per 1M tokens`);
  parts.push(price.asOf ? `list price as of ${price.asOf}` : 'price from the blueprint');
  return parts.join('; ');
}
