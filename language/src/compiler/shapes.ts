import type { JsonValue as JsonValueIR, ShapeFieldIR, ShapeIR } from '../ir.js';
import { isObjectShape, type Shape } from '../generated/ast.js';

export const PRIMITIVE_TYPES = ['string', 'number', 'boolean', 'any'] as const;
type Primitive = (typeof PRIMITIVE_TYPES)[number];

export const ANY: ShapeIR = { kind: 'any' };
export const STRING: ShapeIR = { kind: 'string' };

function isPrimitive(name: string): name is Primitive {
  return (PRIMITIVE_TYPES as readonly string[]).includes(name);
}

/** The IR shape of a written type; unknown type names become `any` (they are reported separately). */
export function shapeOf(shape: Shape | undefined): ShapeIR {
  if (!shape) return ANY;
  let result: ShapeIR;
  if (isObjectShape(shape.base)) {
    const fields: ShapeFieldIR[] = shape.base.fields.map((f) => ({ name: f.name, shape: shapeOf(f.shape), optional: f.optional }));
    result = { kind: 'object', fields };
  } else {
    const name = shape.base.name;
    result = isPrimitive(name) ? { kind: name } : ANY;
  }
  for (let i = 0; i < shape.lists.length; i++) result = { kind: 'list', of: result };
  return result;
}

/** Human-readable type, in the blueprint's own syntax: `{ findings: string[], score?: number }`. */
export function describeShape(shape: ShapeIR): string {
  switch (shape.kind) {
    case 'list': return `${describeShape(shape.of)}[]`;
    case 'object': return `{ ${shape.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${describeShape(f.shape)}`).join(', ')} }`;
    default: return shape.kind;
  }
}

/** Outcome of following a field path into a shape. */
export type FieldLookup = { ok: true; shape: ShapeIR } | { ok: false; failedAt: number; available: string[] };

/** Follows `path` into `shape`; fails at the first segment the shape does not declare. */
export function lookupPath(shape: ShapeIR, path: readonly string[]): FieldLookup {
  let current = shape;
  for (let i = 0; i < path.length; i++) {
    if (current.kind === 'any') return { ok: true, shape: ANY };
    if (current.kind !== 'object') return { ok: false, failedAt: i, available: [] };
    const field = current.fields.find((f) => f.name === path[i]);
    if (!field) return { ok: false, failedAt: i, available: current.fields.map((f) => f.name) };
    current = field.shape;
  }
  return { ok: true, shape: current };
}

/** Whether a value of shape `source` can be used where `target` is expected (structural, `any` fits all). */
export function isAssignable(source: ShapeIR, target: ShapeIR): boolean {
  if (source.kind === 'any' || target.kind === 'any') return true;
  if (source.kind === 'list' && target.kind === 'list') return isAssignable(source.of, target.of);
  if (source.kind === 'object' && target.kind === 'object') {
    return target.fields.every((t) => {
      const s = source.fields.find((f) => f.name === t.name);
      if (!s) return t.optional;
      return (t.optional || !s.optional) && isAssignable(s.shape, t.shape);
    });
  }
  return source.kind === target.kind;
}

/** Whether a JSON value (a parameter default) conforms to `shape`. */
export function valueConforms(value: JsonValueIR, shape: ShapeIR): boolean {
  switch (shape.kind) {
    case 'any': return true;
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'list': return Array.isArray(value) && value.every((v) => valueConforms(v, shape.of));
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
      const record = value;
      const known = shape.fields.every((f) => (f.name in record ? valueConforms(record[f.name], f.shape) : f.optional));
      return known && Object.keys(record).every((k) => shape.fields.some((f) => f.name === k));
    }
  }
}
