/**
 * Graph inputs typed by a person: text is read by the parameter's declared shape (a string is taken as
 * written; numbers, booleans, lists and objects as JSON) and checked against it, so a wrong value is
 * re-asked with its reason before a run starts instead of failing inside it.
 */
import { shapeProblems } from '../../kernel/src';
import type { GraphIR, JsonValue, ParamIR, ShapeIR } from '../../language/src/ir';

export type ParsedInput = { ok: true; value: JsonValue } | { ok: false; problem: string };

export function describeShape(shape: ShapeIR): string {
  switch (shape.kind) {
    case 'list': return `${describeShape(shape.of)}[]`;
    case 'object': return `{ ${shape.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${describeShape(f.shape)}`).join(', ')} }`;
    default: return shape.kind;
  }
}

function readText(text: string, shape: ShapeIR): ParsedInput {
  if (shape.kind === 'string') return { ok: true, value: text };
  if (shape.kind === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return { ok: true, value: Number(text) };
  if (shape.kind === 'boolean' && /^(true|false)$/i.test(text.trim())) return { ok: true, value: text.trim().toLowerCase() === 'true' };
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch {
    if (shape.kind === 'any') return { ok: true, value: text };
    return { ok: false, problem: `expected ${describeShape(shape)} written as JSON` };
  }
}

export function parseParamInput(text: string, param: ParamIR): ParsedInput {
  const read = readText(text, param.shape);
  if (!read.ok) return read;
  const problems = shapeProblems(read.value, param.shape, param.name);
  return problems.length === 0 ? read : { ok: false, problem: problems.join('; ') };
}

/** The text a person edits for a parameter's default value (strings as written, the rest as JSON). */
export function defaultText(param: ParamIR): string {
  if (param.default === undefined) return '';
  return typeof param.default === 'string' ? param.default : JSON.stringify(param.default);
}

/** Problems of a whole inputs object (a JSON file): unknown names, missing required inputs, wrong shapes. */
export function inputProblems(graph: GraphIR, inputs: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const names = new Set(graph.params.map((p) => p.name));
  for (const key of Object.keys(inputs)) if (!names.has(key)) problems.push(`"${key}" is not a parameter of graph ${graph.name} (it has ${[...names].join(', ') || 'none'})`);
  for (const param of graph.params) {
    const value = inputs[param.name] as JsonValue | undefined;
    if (value === undefined) {
      if (param.default === undefined) problems.push(`missing input "${param.name}" (${describeShape(param.shape)})`);
      continue;
    }
    problems.push(...shapeProblems(value, param.shape, param.name));
  }
  return problems;
}
