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

function complete(model: string, entry: z.infer<typeof entrySchema>, source: string): ModelPrice {
  const listed = LIST_PRICES[model];
  const input = entry.inputPerMTok ?? listed?.inputPerMTok;
  const output = entry.outputPerMTok ?? listed?.outputPerMTok;
  if (input === undefined || output === undefined) {
    throw new RuntimeError('PRICES_INVALID', `${source}: model '${model}' is not in the built-in price list, so it needs both inputPerMTok and outputPerMTok`);
  }
  const cached = entry.cachedInputPerMTok ?? (entry.inputPerMTok === undefined ? listed?.cachedInputPerMTok : undefined);
  return cached === undefined ? { inputPerMTok: input, outputPerMTok: output } : { inputPerMTok: input, outputPerMTok: output, cachedInputPerMTok: cached };
}

/** `model 'gpt-x': outputPerMTok: expected number` for the first problem zod found. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const [model, ...rest] = issue.path.map(String);
  if (model === undefined) return `expected an object of model ids to prices (${issue.message})`;
  const field = rest.length > 0 ? `${rest.join('.')}: ` : '';
  const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}; use inputPerMTok, outputPerMTok, cachedInputPerMTok` : issue.message;
  return `model '${model}': ${field}${message}`;
}

/**
 * Validates `value` (parsed JSON) as a price override table and completes each entry from the list. Throws
 * RuntimeError PRICES_INVALID naming `source` and the model of the first bad entry.
 */
export function mergePriceOverrides(value: unknown, source: string): PriceTable {
  const parsed = tableSchema.safeParse(value);
  if (!parsed.success) throw new RuntimeError('PRICES_INVALID', `${source}: ${describeIssue(parsed.error.issues[0])}`);
  return Object.fromEntries(Object.entries(parsed.data).map(([model, entry]) => [model, complete(model, entry, source)]));
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
