/**
 * Declared output shapes: checking values against them, and pulling a JSON value out of an agent's text.
 */
import type { JsonValue, ShapeIR } from '../../../language/src/ir';

/** Problems of `value` against `shape` (empty when it conforms). Paths are dotted (`findings[2]`). */
export function shapeProblems(value: JsonValue | undefined, shape: ShapeIR, path = '$'): string[] {
  switch (shape.kind) {
    case 'any':
      return value === undefined ? [`${path}: missing`] : [];
    case 'string':
    case 'number':
    case 'boolean':
      return typeof value === shape.kind ? [] : [`${path}: expected ${shape.kind}, got ${describe(value)}`];
    case 'list':
      if (!Array.isArray(value)) return [`${path}: expected a list, got ${describe(value)}`];
      return value.flatMap((v, i) => shapeProblems(v, shape.of, `${path}[${i}]`));
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object, got ${describe(value)}`];
      const problems: string[] = [];
      for (const field of shape.fields) {
        const fieldValue = value[field.name];
        if (fieldValue === undefined || fieldValue === null) {
          if (!field.optional) problems.push(`${path}.${field.name}: missing`);
          continue;
        }
        problems.push(...shapeProblems(fieldValue, field.shape, `${path}.${field.name}`));
      }
      return problems;
    }
  }
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value;
}

/** The shape of a field path inside a shape (undefined when the shape does not declare it). */
export function shapeAt(shape: ShapeIR | undefined, path: readonly string[]): { shape: ShapeIR; optional: boolean } | undefined {
  let current: ShapeIR | undefined = shape;
  let optional = false;
  for (const segment of path) {
    if (!current) return undefined;
    if (current.kind === 'any') return { shape: current, optional };
    if (current.kind !== 'object') return undefined;
    const field = current.fields.find((f) => f.name === segment);
    if (!field) return undefined;
    optional = optional || field.optional;
    current = field.shape;
  }
  return current ? { shape: current, optional } : undefined;
}

/**
 * Extracts the JSON answer from an agent's text: the whole text, else the last ```json fence, else the
 * outermost {...} or [...] span. Returns undefined when nothing parses.
 */
export function extractJson(text: string): JsonValue | undefined {
  const attempts: string[] = [text.trim()];
  const fences = [...text.matchAll(/```(?:json)?\s*\n([\s\S]*?)```/g)];
  if (fences.length > 0) attempts.push(fences[fences.length - 1][1]);
  const open = text.search(/[[{]/);
  const close = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
  if (open >= 0 && close > open) attempts.push(text.slice(open, close + 1));
  for (const candidate of attempts) {
    try {
      return JSON.parse(candidate) as JsonValue;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

export function isEmptyValue(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** Reads `path` inside a JSON value. */
export function valueAt(value: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (typeof current === 'object' && current !== null && !Array.isArray(current)) current = current[segment];
    else return undefined;
  }
  return current;
}
