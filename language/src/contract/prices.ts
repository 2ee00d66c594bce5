/**
 * The one price table of RARO: list prices in US dollars per million tokens (input, output and cached
 * input) of the models the providers offer, each with the date it was taken from the provider's public
 * price page. The language server shows them on hover and warns about models without a price; the kernel
 * bills usage with them and enforces `cost` limits. Standard tier, short prompts (Gemini Pro models cost
 * more above 200k prompt tokens): a budget guard, not an invoice.
 *
 * Overrides, most specific wins: the host's table (`KernelHost.prices`, the `raro.prices` setting), then a
 * binding's own `input_price` / `output_price` / `cached_input_price` options in the blueprint, then this
 * list. The puppet is free. Anything else is unknown: flagged, never silently $0.
 */

export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  /** Prompt tokens served from the provider's cache; default: the input price. */
  cachedInputPerMTok?: number;
  /** `YYYY-MM-DD` the figure was read from the price page (absent for user overrides). */
  asOf?: string;
}

/** Per-model prices keyed by the provider's model id (`gpt-4.1-mini`). */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

const GEMINI_2025 = '2026-03-01';
const OPENAI_41 = '2025-04-14';
const OPENAI_5 = '2025-08-07';

/** Built-in list prices. Keep sorted by provider; every entry carries its date. */
export const LIST_PRICES: Readonly<Record<string, ModelPrice & { provider: 'gemini' | 'openai'; asOf: string }>> = {
  'gemini-3-pro-preview': { provider: 'gemini', inputPerMTok: 2.0, outputPerMTok: 12.0, cachedInputPerMTok: 0.2, asOf: GEMINI_2025 },
  'gemini-2.5-pro': { provider: 'gemini', inputPerMTok: 1.25, outputPerMTok: 10.0, cachedInputPerMTok: 0.125, asOf: GEMINI_2025 },
  'gemini-2.5-flash': { provider: 'gemini', inputPerMTok: 0.3, outputPerMTok: 2.5, cachedInputPerMTok: 0.03, asOf: GEMINI_2025 },
  'gemini-2.5-flash-lite': { provider: 'gemini', inputPerMTok: 0.1, outputPerMTok: 0.4, cachedInputPerMTok: 0.01, asOf: GEMINI_2025 },
  'gemini-2.0-flash': { provider: 'gemini', inputPerMTok: 0.1, outputPerMTok: 0.4, cachedInputPerMTok: 0.025, asOf: GEMINI_2025 },
  'gemini-2.0-flash-lite': { provider: 'gemini', inputPerMTok: 0.075, outputPerMTok: 0.3, asOf: GEMINI_2025 },
  'gpt-5': { provider: 'openai', inputPerMTok: 1.25, outputPerMTok: 10.0, cachedInputPerMTok: 0.125, asOf: OPENAI_5 },
  'gpt-5-mini': { provider: 'openai', inputPerMTok: 0.25, outputPerMTok: 2.0, cachedInputPerMTok: 0.025, asOf: OPENAI_5 },
  'gpt-5-nano': { provider: 'openai', inputPerMTok: 0.05, outputPerMTok: 0.4, cachedInputPerMTok: 0.005, asOf: OPENAI_5 },
  'gpt-4.1': { provider: 'openai', inputPerMTok: 2.0, outputPerMTok: 8.0, cachedInputPerMTok: 0.5, asOf: OPENAI_41 },
  'gpt-4.1-mini': { provider: 'openai', inputPerMTok: 0.4, outputPerMTok: 1.6, cachedInputPerMTok: 0.1, asOf: OPENAI_41 },
  'gpt-4.1-nano': { provider: 'openai', inputPerMTok: 0.1, outputPerMTok: 0.4, cachedInputPerMTok: 0.025, asOf: OPENAI_41 },
  'gpt-4o': { provider: 'openai', inputPerMTok: 2.5, outputPerMTok: 10.0, cachedInputPerMTok: 1.25, asOf: OPENAI_41 },
  'gpt-4o-mini': { provider: 'openai', inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075, asOf: OPENAI_41 },
  'o4-mini': { provider: 'openai', inputPerMTok: 1.1, outputPerMTok: 4.4, cachedInputPerMTok: 0.275, asOf: OPENAI_41 },
};

/** Providers whose calls cost nothing (scripted). */
export const FREE_PROVIDERS: readonly string[] = ['puppet'];

/** Model binding options that price a model in the blueprint itself (USD per million tokens). */
export const PRICE_OPTIONS = { input: 'input_price', output: 'output_price', cachedInput: 'cached_input_price' } as const;

export type PriceSource = 'host' | 'free' | 'blueprint' | 'list';
export type PriceLookup = { known: true; price: ModelPrice; source: PriceSource } | { known: false };

export interface PriceQuery {
  /** Provider that serves the call (`gemini`, `openai`, `puppet`, `vscode-lm`). */
  provider: string;
  /** The provider's model id. */
  model: string | undefined;
  /** The binding's options (`input_price 0.4` ...). */
  options?: Readonly<Record<string, string | number | boolean>>;
  /** The host's overrides. */
  overrides?: PriceTable;
}

/** The price that applies to a call, or `known: false`. */
export function lookupPrice(query: PriceQuery): PriceLookup {
  const host = query.model === undefined ? undefined : query.overrides?.[query.model];
  if (host) return { known: true, price: host, source: 'host' };
  if (FREE_PROVIDERS.includes(query.provider)) return { known: true, price: { inputPerMTok: 0, outputPerMTok: 0 }, source: 'free' };
  const blueprint = priceFromOptions(query.options);
  if (blueprint) return { known: true, price: blueprint, source: 'blueprint' };
  const listed = query.model === undefined ? undefined : LIST_PRICES[query.model];
  if (listed) return { known: true, price: listed, source: 'list' };
  return { known: false };
}

/** A price written on a binding: both `input_price` and `output_price` are needed, or there is none. */
export function priceFromOptions(options: Readonly<Record<string, string | number | boolean>> | undefined): ModelPrice | undefined {
  const input = nonNegative(options?.[PRICE_OPTIONS.input]);
  const output = nonNegative(options?.[PRICE_OPTIONS.output]);
  if (input === undefined || output === undefined) return undefined;
  const cached = nonNegative(options?.[PRICE_OPTIONS.cachedInput]);
  return cached === undefined ? { inputPerMTok: input, outputPerMTok: output } : { inputPerMTok: input, outputPerMTok: output, cachedInputPerMTok: cached };
}

export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  /** Of `inputTokens`, those billed at the cached price. */
  cachedInputTokens?: number;
}

/** US dollars for `usage` at `price`. */
export function costUsd(price: ModelPrice, usage: TokenCounts): number {
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const cachedPrice = price.cachedInputPerMTok ?? price.inputPerMTok;
  return ((usage.inputTokens - cached) * price.inputPerMTok + cached * cachedPrice + usage.outputTokens * price.outputPerMTok) / 1_000_000;
}

function nonNegative(value: string | number | boolean | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
