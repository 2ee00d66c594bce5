/** USD per million tokens, by provider model id. Hosts override or extend it (`KernelHost.prices`). */
export interface ModelPrice { inputPerMTok: number; outputPerMTok: number }
export type PriceTable = Record<string, ModelPrice>;

/** Built-in list prices (per million tokens); unknown models cost 0 and the puppet is free. */
export const defaultPriceTable: PriceTable = {
  'gemini-2.5-flash': { inputPerMTok: 0.3, outputPerMTok: 2.5 },
  'gemini-2.5-flash-lite': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gemini-2.5-pro': { inputPerMTok: 1.25, outputPerMTok: 10 },
};

export function costOf(prices: PriceTable, model: string | undefined, inputTokens: number, outputTokens: number): number {
  const price = model === undefined ? undefined : prices[model];
  if (!price) return 0;
  return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
}
