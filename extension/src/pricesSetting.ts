/**
 * The `raro.prices` setting: model id -> { input, output, cachedInput } in US dollars per million tokens,
 * handed to the kernel as its host price table (`KernelHost.prices`, the most specific override: it wins
 * over a binding's own prices and the built-in list, language/src/contract/prices.ts). A malformed entry is
 * not dropped quietly: a run must not bill a model at a price the user did not mean, so it does not start.
 * Free of `vscode` so that it is a plain, tested function of the setting's value.
 */
import type { ModelPrice, PriceTable } from '../../kernel/src';
import { RuntimeError } from '../../runtime/src/errors';

export interface PricesSetting {
  table: PriceTable;
  /** One sentence per bad entry, naming the model and the field. */
  problems: string[];
}

const FIELDS = ['input', 'output', 'cachedInput'] as const;

function isPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function parseEntry(model: string, entry: unknown, problems: string[]): ModelPrice | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    problems.push(`"${model}" must be an object like { "input": 0.3, "output": 2.5 }`);
    return undefined;
  }
  const fields = entry as Record<string, unknown>;
  const unknownKeys = Object.keys(fields).filter((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknownKeys.length > 0) problems.push(`"${model}" has unknown field(s) ${unknownKeys.join(', ')} (use input, output, cachedInput)`);
  const bad = FIELDS.filter((key) => (key === 'cachedInput' ? fields[key] !== undefined : true) && !isPrice(fields[key]));
  if (bad.length > 0) problems.push(`"${model}": ${bad.join(', ')} must be a number of US dollars per million tokens, 0 or more`);
  if (unknownKeys.length > 0 || bad.length > 0) return undefined;
  const price: ModelPrice = { inputPerMTok: fields.input as number, outputPerMTok: fields.output as number };
  if (fields.cachedInput !== undefined) price.cachedInputPerMTok = fields.cachedInput as number;
  return price;
}

export function parsePricesSetting(value: unknown): PricesSetting {
  if (value === undefined || value === null) return { table: {}, problems: [] };
  if (typeof value !== 'object' || Array.isArray(value)) return { table: {}, problems: ['the setting must be an object: model id -> { input, output, cachedInput }'] };
  const table: Record<string, ModelPrice> = {};
  const problems: string[] = [];
  for (const [model, entry] of Object.entries(value as Record<string, unknown>)) {
    const price = parseEntry(model, entry, problems);
    if (price) table[model] = price;
  }
  return { table, problems };
}

/** The table, or a RuntimeError (PRICES_INVALID) that names every bad entry. */
export function pricesOrThrow(setting: PricesSetting): PriceTable {
  if (setting.problems.length > 0) throw new RuntimeError('PRICES_INVALID', `the raro.prices setting has ${setting.problems.length} problem(s): ${setting.problems.join('; ')}`);
  return setting.table;
}
