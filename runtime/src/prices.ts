/**
 * Price overrides from a host: the CLI's `--prices file.json`, the extension's `raro.prices` setting. A
 * table maps provider model ids to USD per million tokens; an entry may set only some prices of a listed
 * model (the rest come from the dated list), a model the list does not know needs input and output. The
 * result is complete entries for `KernelHost.prices`, which win over the list and a binding's own options.
 */
import * as fs from 'node:fs';
import { z } from 'zod';
import { LIST_PRICES, type ModelPrice, type PriceTable } from '../../language/src/contract/prices';
import { RuntimeError } from './errors';

const usdPerMTok = z.number().finite().nonnegative();

const entrySchema = z.strictObject({
  inputPerMTok: usdPerMTok.optional(),
  outputPerMTok: usdPerMTok.optional(),
  cachedInputPerMTok: usdPerMTok.optional(),
});

const tableSchema = z.record(z.string().min(1), entrySchema);

/** A complete entry, or why it cannot be one: a model missing from the list needs both prices. */
function complete(model: string, entry: z.infer<typeof entrySchema>): ModelPrice | string {
  const listed = LIST_PRICES[model];
  const input = entry.inputPerMTok ?? listed?.inputPerMTok;
  const output = entry.outputPerMTok ?? listed?.outputPerMTok;
  if (input === undefined || output === undefined) return `model '${model}' is not in the built-in price list, so it needs both inputPerMTok and outputPerMTok`;
  const cached = entry.cachedInputPerMTok ?? (entry.inputPerMTok === undefined ? listed?.cachedInputPerMTok : undefined);
  return cached === undefined ? { inputPerMTok: input, outputPerMTok: output } : { inputPerMTok: input, outputPerMTok: output, cachedInputPerMTok: cached };
}

/** `model 'gpt-x': outputPerMTok: expected number` for one problem zod found. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const [model, ...rest] = issue.path.map(String);
  if (model === undefined) return `expected an object of model ids to prices (${issue.message})`;
  const field = rest.length > 0 ? `${rest.join('.')}: ` : '';
  const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}; use inputPerMTok, outputPerMTok, cachedInputPerMTok` : issue.message;
  return `model '${model}': ${field}${message}`;
}

export interface PriceOverrides {
  /** Complete entries of the good models. */
  table: PriceTable;
  /** One sentence per problem, naming the model and the field; empty when the whole value is good. */
  problems: string[];
}

/**
 * Validates `value` (parsed JSON, a setting's value) as a price override table, entry by entry, and
 * completes each good entry from the list. Every bad entry is named, not only the first.
 */
export function checkPriceOverrides(value: unknown): PriceOverrides {
  if (value === undefined || value === null) return { table: {}, problems: [] };
  if (typeof value !== 'object' || Array.isArray(value)) return { table: {}, problems: ['expected an object of model ids to prices, like { "gemini-2.5-flash": { "inputPerMTok": 0.3, "outputPerMTok": 2.5 } }'] };
  const table: Record<string, ModelPrice> = {};
  const problems: string[] = [];
  for (const [model, raw] of Object.entries(value as Record<string, unknown>)) {
    const parsed = tableSchema.safeParse({ [model]: raw });
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map(describeIssue));
      continue;
    }
    const entry = complete(model, parsed.data[model]);
    if (typeof entry === 'string') problems.push(entry);
    else table[model] = entry;
  }
  return { table, problems };
}

/** The complete table, or RuntimeError PRICES_INVALID naming `source` and every bad entry. */
export function mergePriceOverrides(value: unknown, source: string): PriceTable {
  const { table, problems } = checkPriceOverrides(value);
  if (problems.length > 0) throw new RuntimeError('PRICES_INVALID', `${source}: ${problems.join('; ')}`);
  return table;
}

/** Reads a JSON price table from `file` (the CLI's `--prices`). */
export function readPriceOverrides(file: string): PriceTable {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RuntimeError('PRICES_INVALID', `${file}: cannot read the price table (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RuntimeError('PRICES_INVALID', `${file}: not valid JSON (${(err as Error).message})`);
  }
  return mergePriceOverrides(value, file);
}
