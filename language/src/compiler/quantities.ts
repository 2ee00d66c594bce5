/** Parsing of written quantities: `90s`, `2m`, `200k`, `2.00 usd`, `3`. Each returns a value or a reason. */
export type Parsed = { ok: true; value: number } | { ok: false; reason: string };

const NUMBER_WITH_UNIT = /^([0-9]+(?:\.[0-9]+)?)([a-zA-Z]*)$/;

function split(text: string): { amount: number; unit: string; integral: boolean } | undefined {
  const match = NUMBER_WITH_UNIT.exec(text);
  if (!match) return undefined;
  return { amount: Number(match[1]), unit: match[2] ?? '', integral: !match[1].includes('.') };
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `90s`, `2m`, `1h` -> milliseconds; a unit is required. */
export function parseDuration(text: string): Parsed {
  const parts = split(text);
  if (!parts) return { ok: false, reason: `'${text}' is not a duration` };
  const factor = DURATION_UNITS[parts.unit];
  if (parts.unit === '') return { ok: false, reason: `duration '${text}' needs a unit: ms, s, m or h (for example ${text}s)` };
  if (factor === undefined) return { ok: false, reason: `unknown duration unit '${parts.unit}': use ms, s, m or h` };
  if (parts.amount <= 0) return { ok: false, reason: 'a duration must be greater than zero' };
  return { ok: true, value: Math.round(parts.amount * factor) };
}

const COUNT_UNITS: Record<string, number> = { '': 1, k: 1_000, m: 1_000_000 };

/** `200000`, `200k`, `1.5m` -> a whole count. */
export function parseCount(text: string): Parsed {
  const parts = split(text);
  if (!parts) return { ok: false, reason: `'${text}' is not a count` };
  const factor = COUNT_UNITS[parts.unit.toLowerCase()];
  if (factor === undefined) return { ok: false, reason: `unknown count suffix '${parts.unit}': use k (thousands) or m (millions)` };
  const value = parts.amount * factor;
  if (!Number.isInteger(value) || value <= 0) return { ok: false, reason: 'a count must be a whole number greater than zero' };
  return { ok: true, value };
}

/** A positive whole number without unit: `3`. */
export function parsePositiveInteger(text: string): Parsed {
  const parts = split(text);
  if (!parts || parts.unit !== '') return { ok: false, reason: `'${text}' must be a whole number without unit` };
  if (!parts.integral || parts.amount < 1) return { ok: false, reason: `'${text}' must be a whole number of at least 1` };
  return { ok: true, value: parts.amount };
}

/** A plain number without unit: `0.3`. */
export function parsePlainNumber(text: string): Parsed {
  const parts = split(text);
  if (!parts || parts.unit !== '') return { ok: false, reason: `'${text}' must be a number without unit` };
  return { ok: true, value: parts.amount };
}

/** `2.00 usd` -> 2; the currency is required so that amounts are never ambiguous. */
export function parseMoney(text: string, currency: string | undefined): Parsed {
  const parts = split(text);
  if (!parts || parts.unit !== '') return { ok: false, reason: `'${text}' is not an amount: write it like 2.00 usd` };
  if (currency !== 'usd') return { ok: false, reason: `an amount needs its currency: ${text} usd` };
  if (parts.amount <= 0) return { ok: false, reason: 'an amount must be greater than zero' };
  return { ok: true, value: parts.amount };
}
