import type { JsonValue as JsonValueIR, LiteralIR } from '../ir.js';
import { isJsonArray, isJsonObject, type JsonValue, type Literal } from '../generated/ast.js';

/** The value of a literal: string, number, boolean or null. */
export function literalValue(literal: Literal): LiteralIR {
  if (literal.string !== undefined) return literal.string;
  if (literal.number !== undefined) return Number(literal.number.replace(/\s+/g, ''));
  if (literal.boolean !== undefined) return literal.boolean === 'true';
  return null;
}

/**
 * The JSON value of a written default (`["a", "b"]`, `{ deep: true }`, `3`). A part missing after a
 * syntax error (already reported by the parser) reads as null so checks of the rest can still run.
 */
export function jsonValue(value: JsonValue | undefined): JsonValueIR {
  if (!value) return null;
  if (isJsonArray(value)) return value.items.map(jsonValue);
  if (isJsonObject(value)) {
    const result: Record<string, JsonValueIR> = {};
    for (const entry of value.entries) result[entry.key] = jsonValue(entry.value);
    return result;
  }
  return literalValue(value);
}
