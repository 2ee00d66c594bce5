/**
 * List prices of the models a blueprint commonly binds, in US dollars per one million tokens, for hover
 * text. This is the one place the figures live; they are indicative (public list prices, standard tier,
 * short prompts) and are not used to bill or to enforce `cost` limits.
 */
export interface ModelPrice {
  inputPer1M: number;
  outputPer1M: number;
}

/** Date the figures were last checked against the providers' public price pages. */
export const PRICES_CHECKED = '2025-06';

const PRICES: Readonly<Record<string, ModelPrice>> = {
  'gemini-2.5-pro': { inputPer1M: 1.25, outputPer1M: 10.0 },
  'gemini-2.5-flash': { inputPer1M: 0.3, outputPer1M: 2.5 },
  'gemini-2.5-flash-lite': { inputPer1M: 0.1, outputPer1M: 0.4 },
  'gemini-2.0-flash': { inputPer1M: 0.1, outputPer1M: 0.4 },
  'gemini-2.0-flash-lite': { inputPer1M: 0.075, outputPer1M: 0.3 },
  'gpt-4.1': { inputPer1M: 2.0, outputPer1M: 8.0 },
  'gpt-4.1-mini': { inputPer1M: 0.4, outputPer1M: 1.6 },
  'gpt-4.1-nano': { inputPer1M: 0.1, outputPer1M: 0.4 },
  'gpt-4o': { inputPer1M: 2.5, outputPer1M: 10.0 },
  'gpt-4o-mini': { inputPer1M: 0.15, outputPer1M: 0.6 },
};

/** Providers whose calls cost nothing (scripted or local). */
const FREE_PROVIDERS = new Set(['puppet']);

/** Price of `model` under `provider`, or undefined when unknown (local models, custom endpoints). */
export function priceOf(provider: string, model: string): ModelPrice | undefined {
  if (FREE_PROVIDERS.has(provider)) return { inputPer1M: 0, outputPer1M: 0 };
  return PRICES[model];
}

/** Model ids with a known price, for completion inside a model binding's string. */
export function knownModelIds(): string[] {
  return Object.keys(PRICES);
}

/** `$0.30 in / $2.50 out per 1M tokens`, or a note that the price is unknown. */
export function formatPrice(price: ModelPrice | undefined): string {
  if (!price) return 'price unknown (local or custom model)';
  if (price.inputPer1M === 0 && price.outputPer1M === 0) return 'free (no provider calls)';
  const usd = (n: number): string => `$${n < 0.1 ? n.toFixed(3) : n.toFixed(2)}`;
  return `${usd(price.inputPer1M)} in / ${usd(price.outputPer1M)} out per 1M tokens`;
}
