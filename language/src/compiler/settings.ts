import type { Setting } from '../generated/ast.js';
import { REASONING_EFFORTS } from '../contract/modelCapabilities.js';
import { parseCount, parseDuration, parseMoney, parsePlainNumber, parsePositiveInteger } from './quantities.js';

/** What a `name value` setting accepts. */
export type SettingKind =
  | { kind: 'integer' } | { kind: 'count' } | { kind: 'duration' } | { kind: 'money' } | { kind: 'number' }
  | { kind: 'word'; oneOf: readonly string[] }
  /** A token budget that may also be switched off or left to the model: `8k`, `off` (0), `dynamic` (-1). */
  | { kind: 'budget' };

const integer = { kind: 'integer' } as const;

/** Settings accepted by each kind of block, with their documentation for hover and docs. */
export const SETTINGS = {
  limits: {
    depth: integer, nodes: integer, tokens: { kind: 'count' }, cost: { kind: 'money' }, time: { kind: 'duration' }, concurrency: integer,
  },
  delegate: { max_children: integer, max_depth: integer },
  retry: { attempts: integer, backoff: { kind: 'word', oneOf: ['exponential', 'fixed', 'none'] }, delay: { kind: 'duration' } },
  model: {
    temperature: { kind: 'number' }, top_p: { kind: 'number' }, top_k: integer, max_tokens: { kind: 'count' },
    // USD per million tokens (contract/prices.ts): prices a model the built-in table does not know.
    input_price: { kind: 'number' }, output_price: { kind: 'number' }, cached_input_price: { kind: 'number' },
    // Gemini 2.5+ `thinkingConfig.thinkingBudget`; OpenAI reasoning models' `reasoning_effort` (contract/modelCapabilities.ts).
    thinking_budget: { kind: 'budget' }, reasoning_effort: { kind: 'word', oneOf: REASONING_EFFORTS },
  },
} as const satisfies Record<string, Record<string, SettingKind>>;

export type SettingsBlockKind = keyof typeof SETTINGS;

export type SettingValue = { ok: true; value: number | string | boolean } | { ok: false; reason: string };

/** The written value of a setting, without interpretation (model options keep unknown settings as is). */
export function rawSettingValue(setting: Setting): string | number | boolean | undefined {
  if (setting.flag !== undefined) return setting.flag === 'true';
  if (setting.word !== undefined) return setting.word;
  if (setting.text !== undefined) return setting.text;
  if (setting.quantity !== undefined) {
    const number = parsePlainNumber(setting.quantity);
    return number.ok ? number.value : setting.quantity;
  }
  return undefined;
}

/** A block's settings as written (the last of a repeated name wins, as in the IR), e.g. a model binding's options. */
export function settingsRecord(settings: readonly Setting[]): Record<string, string | number | boolean> {
  const record: Record<string, string | number | boolean> = {};
  for (const setting of settings) {
    const value = rawSettingValue(setting);
    if (value !== undefined) record[setting.name] = value;
  }
  return record;
}

/** Interprets a setting's value as `kind` asks. */
export function settingValue(setting: Setting, kind: SettingKind): SettingValue {
  const quantity = setting.quantity;
  if (kind.kind === 'word') {
    if (setting.word !== undefined && kind.oneOf.includes(setting.word)) return { ok: true, value: setting.word };
    return { ok: false, reason: `'${setting.name}' must be one of ${kind.oneOf.join(', ')}` };
  }
  if (kind.kind === 'budget') return budgetValue(setting);
  if (quantity === undefined) return { ok: false, reason: `'${setting.name}' needs a number` };
  if (kind.kind !== 'money' && setting.currency) return { ok: false, reason: `'${setting.name}' is not an amount of money` };
  switch (kind.kind) {
    case 'integer': return parsePositiveInteger(quantity);
    case 'count': return parseCount(quantity);
    case 'duration': return parseDuration(quantity);
    case 'money': return parseMoney(quantity, setting.currency);
    case 'number': return parsePlainNumber(quantity);
  }
}

const BUDGET_WORDS: Readonly<Record<string, number>> = { off: 0, dynamic: -1 };

function budgetValue(setting: Setting): SettingValue {
  if (setting.word !== undefined && setting.word in BUDGET_WORDS) return { ok: true, value: BUDGET_WORDS[setting.word] };
  if (setting.quantity === undefined || setting.currency) return { ok: false, reason: `'${setting.name}' needs a token count (e.g. 1024 or 8k), off or dynamic` };
  return parseCount(setting.quantity);
}

/** The settings of a block as numbers/words, skipping invalid or unknown ones (they are reported). */
export function readSettings(block: SettingsBlockKind, settings: readonly Setting[]): Map<string, number | string | boolean> {
  const spec: Record<string, SettingKind> = SETTINGS[block];
  const values = new Map<string, number | string | boolean>();
  for (const setting of settings) {
    const kind = spec[setting.name];
    if (!kind) continue;
    const value = settingValue(setting, kind);
    if (value.ok && !values.has(setting.name)) values.set(setting.name, value.value);
  }
  return values;
}
