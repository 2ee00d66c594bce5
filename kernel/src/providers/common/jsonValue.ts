/** Turns parsed JSON of unknown type from a provider into the kernel's JsonValue without casts that lie. */
import type { JsonValue } from '../../../../language/src/ir';

export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    const result: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) result[key] = toJsonValue(item);
    }
    return result;
  }
  return null;
}

/** Parses tool-call arguments sent as a JSON string; text that is not JSON is passed on as the string itself. */
export function parseArguments(text: string): JsonValue {
  if (text.trim() === '') return {};
  try {
    return toJsonValue(JSON.parse(text));
  } catch {
    return text;
  }
}
